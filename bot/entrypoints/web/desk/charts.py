"""Monitoring charts as inline SVG, drawn on the server with matplotlib (Agg backend).

The SVG is made CSP-friendly: matplotlib's ``style="..."`` attributes become SVG presentation
attributes and its ``<style>`` element is dropped, so the desk needs no ``'unsafe-inline'``.
Suppressed counts are drawn as no bar with a "<3" label.
"""
from __future__ import annotations

import io
import re
import threading
from typing import List, Optional

from bot.services.monitoring import Cell, Dimension

_LOCK = threading.Lock()  # pyplot's state is global; draw one chart at a time
_STYLE = re.compile(r'\sstyle="([^"]*)"')
_PRESENTATION = {
    "fill", "fill-opacity", "stroke", "stroke-width", "stroke-linejoin", "stroke-linecap",
    "stroke-opacity", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "opacity",
    "text-anchor", "font-weight", "font-style", "font-size", "font-family", "clip-path", "fill-rule",
    "dominant-baseline", "alignment-baseline",
}
BAR = "#2b6c8f"
PREVIOUS = "#b7c9d6"


def _presentation(match: "re.Match[str]") -> str:
    attributes: List[str] = []
    for declaration in match.group(1).split(";"):
        if ":" not in declaration:
            continue
        name, value = (part.strip() for part in declaration.split(":", 1))
        if name == "font":  # e.g. "10px 'DejaVu Sans'"
            size, _, family = value.partition(" ")
            attributes.append(f'font-size="{size}"')
            if family:
                attributes.append(f'font-family="{family.replace(chr(34), "").replace(chr(39), "")}"')
        elif name in _PRESENTATION:
            attributes.append(f'{name}="{value.replace(chr(34), "")}"')
    return (" " + " ".join(attributes)) if attributes else ""


def csp_safe(svg: str, prefix: str = "chart", title: str = "") -> str:
    """Presentation attributes instead of inline styles; no <style>, no XML prologue or metadata;
    ids prefixed (several charts share one page); a <title> and role="img" for screen readers."""
    from markupsafe import escape

    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.S)
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = _STYLE.sub(_presentation, svg)
    svg = re.sub(r'\sid="([^"]+)"', lambda m: f' id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r'url\(#([^)]+)\)', lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', lambda m: f'xlink:href="#{prefix}-{m.group(1)}"', svg)
    head_end = svg.index(">") + 1
    return (svg[:head_end - 1] + ' role="img" focusable="false">' + f"<title>{escape(title)}</title>"
            + svg[head_end:])


def bar_chart(dimension: Dimension, title: Optional[str] = None, horizontal: bool = True) -> str:
    """One dimension as a bar chart (SVG text)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    cells: List[Cell] = dimension.cells
    labels = [c.label for c in cells]
    values = [c.count if not c.suppressed else 0 for c in cells]
    height = max(2.2, 0.32 * len(cells) + 0.9) if horizontal else 3.2
    with _LOCK:
        import matplotlib.pyplot as plt  # noqa: F401  (rcParams live here)

        matplotlib.rcParams["svg.fonttype"] = "none"
        matplotlib.rcParams["svg.hashsalt"] = "klankbord"
        figure = Figure(figsize=(6.4, height), dpi=72)
        axes = figure.add_subplot(1, 1, 1)
        positions = list(range(len(cells)))
        if horizontal:
            axes.barh(positions, values, color=BAR)
            axes.set_yticks(positions)
            axes.set_yticklabels(labels)
            axes.invert_yaxis()
            limit = max(values + [3])
            axes.set_xlim(0, limit * 1.15)
            for pos, cell in zip(positions, cells):
                axes.text((cell.count if not cell.suppressed else 0) + limit * 0.01, pos, cell.shown,
                          va="center", fontsize=9)
        else:
            axes.bar(positions, values, color=BAR)
            axes.set_xticks(positions)
            axes.set_xticklabels(labels)
            limit = max(values + [3])
            axes.set_ylim(0, limit * 1.2)
            for pos, cell in zip(positions, cells):
                axes.text(pos, (cell.count if not cell.suppressed else 0) + limit * 0.02, cell.shown,
                          ha="center", fontsize=9)
        axes.spines["top"].set_visible(False)
        axes.spines["right"].set_visible(False)
        if title:
            axes.set_title(title, loc="left", fontsize=11)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return csp_safe(buffer.getvalue(), prefix=f"chart-{dimension.name}", title=title or dimension.title)


def trend_chart(current: Dimension, previous: Optional[Dimension], current_label: str,
                previous_label: Optional[str], last_index: Optional[int] = None) -> str:
    """Reports per month over the school year, with the previous year for comparison.

    ``last_index``: the last month of ``current`` that has begun (later months are not drawn).
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    labels = [c.label for c in current.cells]
    positions = list(range(len(labels)))

    def series(dimension: Dimension) -> List[Optional[float]]:
        return [float("nan") if c.suppressed else c.count for c in dimension.cells]

    with _LOCK:
        import matplotlib.pyplot as plt  # noqa: F401

        matplotlib.rcParams["svg.fonttype"] = "none"
        matplotlib.rcParams["svg.hashsalt"] = "klankbord"
        figure = Figure(figsize=(6.4, 3.0), dpi=72)
        axes = figure.add_subplot(1, 1, 1)
        if previous is not None:
            axes.plot(positions, series(previous), marker="o", color=PREVIOUS, label=previous_label)
        now_series = series(current)
        if last_index is not None:
            now_series = [v if i <= last_index else float("nan") for i, v in enumerate(now_series)]
        axes.plot(positions, now_series, marker="o", color=BAR, label=current_label)
        axes.set_xticks(positions)
        axes.set_xticklabels(labels)
        top = max([c.count for c in current.cells] + ([c.count for c in previous.cells] if previous else []) + [3])
        axes.set_ylim(0, top * 1.2)
        axes.spines["top"].set_visible(False)
        axes.spines["right"].set_visible(False)
        axes.legend(loc="upper right", fontsize=9, frameon=False)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return csp_safe(buffer.getvalue(), prefix="chart-trend", title=f"Meldingen per maand, {current_label}")

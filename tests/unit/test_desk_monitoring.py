"""Monitoring counts, small-count suppression, CSV and the server-side SVG charts."""
from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timezone

import pytest

from bot.entrypoints.web.desk import charts
from bot.services import monitoring
from bot.services.monitoring import Cell, SchoolYear, compute, suppress
from bot.services.ports import MonitoringRow
from bot.domain.report import Confidentiality, ReporterRole
from tests.support.desk import Clock, add_report, generated_reports, make_desk

YEAR = SchoolYear(2025)


def row(day: str, role="leerling", moment="pauze", kinds=("schelden",), places=("klas",)) -> MonitoringRow:
    return MonitoringRow(datetime.fromisoformat(day + "T10:00:00+00:00"), role, moment, tuple(kinds), tuple(places))


def cells(*counts):
    return [Cell(str(i), str(i), n) for i, n in enumerate(counts)]


def test_counts_under_three_are_suppressed():
    result = suppress(cells(0, 1, 2, 3, 10), single_valued=False, total_published=True)
    assert [c.shown for c in result] == ["0", "<3", "<3", "3", "10"]
    assert [c.value for c in result] == [0, None, None, 3, 10]


def test_a_lone_suppressed_cell_gets_a_partner_when_the_total_is_shown():
    # 10 + 4 + 1 = 15 shown as total: "1" could be worked out, so "4" is hidden too.
    result = suppress(cells(10, 4, 1, 0), single_valued=True, total_published=True)
    assert [c.shown for c in result] == ["10", "<3", "<3", "0"]
    assert result[1].count == 4  # the number is kept inside, only not published
    # Not needed for multi-valued dimensions or when two are hidden already.
    assert [c.shown for c in suppress(cells(10, 4, 1), False, True)] == ["10", "4", "<3"]
    assert [c.shown for c in suppress(cells(10, 2, 1), True, True)] == ["10", "<3", "<3"]


def test_school_year_boundaries_and_parsing():
    assert SchoolYear.of(date(2025, 8, 1)) == SchoolYear(2025)
    assert SchoolYear.of(date(2025, 7, 31)) == SchoolYear(2024)
    assert SchoolYear.parse("2025-2026") == SchoolYear(2025) and SchoolYear.parse("x") is None
    assert YEAR.label == "2025-2026" and YEAR.previous.label == "2024-2025"


def test_month_index_for_the_trend_line():
    assert monitoring.month_index(YEAR, date(2025, 8, 1)) == 0
    assert monitoring.month_index(YEAR, date(2026, 1, 15)) == 5
    assert monitoring.month_index(YEAR, date(2025, 7, 31)) == -1
    assert monitoring.month_index(YEAR, date(2026, 9, 1)) == 11


def test_trend_does_not_draw_months_to_come():
    m = compute([row("2025-09-01")] * 4, YEAR)
    full = charts.trend_chart(m.dimension("month"), None, "2025-2026", None)
    partial = charts.trend_chart(m.dimension("month"), None, "2025-2026", None, last_index=1)
    markers = lambda svg: len(re.findall(r"<use ", svg))  # one marker per drawn month (plus ticks)
    assert markers(full) - markers(partial) == 10


def test_compute_counts_every_dimension():
    rows = (
        [row("2025-09-01", kinds=("schelden", "online"), places=("klas", "online"))] * 4  # Monday, September
        + [row("2025-09-03", role="ouder", moment="na_school", kinds=("fysiek",))] * 3  # Wednesday
        + [row("2026-02-02", role="getuige", moment=None, places=("gang",))] * 5  # Monday, February
    )
    m = compute(rows, YEAR, previous_rows=[row("2024-10-01")] * 2)
    assert m.total == 12 and m.total_shown == "12"
    shown = {d.name: {c.key: c.shown for c in d.cells} for d in m.dimensions}
    assert shown["kinds"]["schelden"] == "9" and shown["kinds"]["online"] == "4" and shown["kinds"]["fysiek"] == "3"
    assert shown["places"]["klas"] == "7" and shown["places"]["gang"] == "5"
    assert shown["moment"]["pauze"] == "4" and shown["moment"]["na_school"] == "3" and shown["moment"]["onbekend"] == "5"
    assert shown["weekday"]["0"] == "9" and shown["weekday"]["2"] == "3"
    assert shown["month"]["9"] == "7" and shown["month"]["2"] == "5" and shown["month"]["8"] == "0"
    assert list(shown["month"])[:2] == ["8", "9"]  # the school year starts in August
    assert shown["role"] == {"leerling": "4", "getuige": "5", "ouder": "3", "medewerker": "0"}
    assert [c.shown for c in m.previous_trend.cells if c.count] == ["<3"]


def test_tiny_years_hide_even_the_total():
    m = compute([row("2025-09-01")] * 2, YEAR)
    assert m.total_shown == "<3"
    assert all(c.shown in ("0", "<3") for d in m.dimensions for c in d.cells)


def test_csv_has_only_counts_and_suppression():
    m = compute([row("2025-09-01")] * 5 + [row("2025-09-02", role="ouder")], YEAR)
    text = monitoring.to_csv(m)
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[0] == ["schooljaar", "onderdeel", "waarde", "omschrijving", "aantal"]
    assert ["2025-2026", "totaal", "", "meldingen", "6"] in table
    role = {r[2]: r[4] for r in table if r[1] == "role"}
    assert role["ouder"] == "<3" and role["leerling"] == "<3"  # 5 hidden as the partner of the lone 1
    assert all(r[4] == "<3" or r[4].isdigit() for r in table[1:])


def test_charts_are_csp_safe_svg_with_the_counts():
    m = compute([row("2025-09-01")] * 7 + [row("2025-10-06", kinds=("online",))], YEAR,
                previous_rows=[row("2024-09-02")] * 4)
    svg = charts.bar_chart(m.dimension("kinds"))
    assert svg.startswith("<svg") and "</svg>" in svg
    assert "style=" not in svg and "<style" not in svg and "<script" not in svg
    assert '<title>Soort pesten</title>' in svg and 'role="img"' in svg
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "7" in texts and "&lt;3" in texts and "uitschelden" in texts
    ids = re.findall(r'\sid="([^"]+)"', svg)
    assert ids and all(i.startswith("chart-kinds-") for i in ids)
    trend = charts.trend_chart(m.dimension("month"), m.previous_trend, "2025-2026", "2024-2025")
    assert "2024-2025" in trend and "style=" not in trend
    assert not set(re.findall(r'\sid="([^"]+)"', trend)) & set(ids)


def test_load_from_the_database_with_fifty_reports(tmp_path):
    clock = Clock(datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc))
    desk = make_desk(tmp_path, clock)
    try:
        generated_reports(desk, 60)
        add_report(desk, created_at=datetime(2025, 10, 1, tzinfo=timezone.utc))  # previous school year
        m = monitoring.load(desk, desk.schools.ids)
        assert m.year == SchoolYear(2026) and m.total == 60
        assert sum(c.count for c in m.dimension("role").cells) == 60
        assert sum(c.count for c in m.previous_trend.cells) == 1
        assert [y.label for y in monitoring.school_years(desk, desk.schools.ids)] == ["2026-2027", "2025-2026"]
    finally:
        desk.close()

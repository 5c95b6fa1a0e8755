"""Monitoring for the coordinator: anonymised counts per school year, with small counts suppressed.

Only structured fields are counted (kind, place, moment, weekday and month of reporting, who
reported); never names or free text. A count of 1 or 2 is shown as "<3" so no pupil can be
recognised; when a dimension adds up to the shown total and only one cell was suppressed, the
next smallest cell is suppressed too (otherwise the hidden one could be worked out).

A school year runs from 1 August to 31 July (local time).

Counts are for the schools asked (``school_ids``): one school, or several summed (a board's view),
with the suppression applied to the sums. A user asks only for schools of their own (:func:`scope`).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Callable, Collection, Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

from bot.domain import vocabulary
from bot.domain.desk import User
from bot.services.ports import MonitoringRow
from bot.domain.calendar import LOCAL_TZ, local_day

SUPPRESS_BELOW = 3
SUPPRESSED = "<3"
OTHER = "anders"
UNKNOWN = "onbekend"

WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
# School-year order: August first.
MONTHS = [(8, "aug"), (9, "sep"), (10, "okt"), (11, "nov"), (12, "dec"), (1, "jan"), (2, "feb"),
          (3, "mrt"), (4, "apr"), (5, "mei"), (6, "jun"), (7, "jul")]
ROLES = [("leerling", "leerling (zelf gepest)"), ("getuige", "leerling (ziet het)"),
         ("ouder", "ouder of verzorger"), ("medewerker", "medewerker")]


@dataclass(frozen=True)
class SchoolYear:
    start_year: int

    @staticmethod
    def of(day: date) -> "SchoolYear":
        return SchoolYear(day.year if day.month >= 8 else day.year - 1)

    @staticmethod
    def parse(text: str) -> Optional["SchoolYear"]:
        """``2025-2026`` or ``2025``."""
        head = (text or "").split("-")[0].strip()
        if head.isdigit() and 2000 <= int(head) <= 2100:
            return SchoolYear(int(head))
        return None

    @property
    def label(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}"

    @property
    def start(self) -> datetime:
        return datetime(self.start_year, 8, 1, tzinfo=LOCAL_TZ)

    @property
    def end(self) -> datetime:
        return datetime(self.start_year + 1, 8, 1, tzinfo=LOCAL_TZ)

    @property
    def previous(self) -> "SchoolYear":
        return SchoolYear(self.start_year - 1)


@dataclass
class Cell:
    key: str
    label: str
    count: int
    suppressed: bool = False

    @property
    def shown(self) -> str:
        return SUPPRESSED if self.suppressed else str(self.count)

    @property
    def value(self) -> Optional[int]:
        """The count to publish: None when suppressed."""
        return None if self.suppressed else self.count


@dataclass
class Dimension:
    name: str
    title: str
    cells: List[Cell]
    single_valued: bool  # every report falls in exactly one cell (so the cells add up to the total)


@dataclass
class Monitoring:
    year: SchoolYear
    total: int
    total_suppressed: bool
    dimensions: List[Dimension] = field(default_factory=list)
    previous_trend: Optional[Dimension] = None

    @property
    def total_shown(self) -> str:
        return SUPPRESSED if self.total_suppressed else str(self.total)

    def dimension(self, name: str) -> Dimension:
        return next(d for d in self.dimensions if d.name == name)


def suppress(cells: List[Cell], single_valued: bool, total_published: bool) -> List[Cell]:
    """Hide counts of 1 and 2; add a second hidden cell where the first could be worked out."""
    for cell in cells:
        cell.suppressed = 0 < cell.count < SUPPRESS_BELOW
    hidden = [c for c in cells if c.suppressed]
    if single_valued and total_published and len(hidden) == 1:
        others = sorted((c for c in cells if not c.suppressed and c.count > 0), key=lambda c: c.count)
        if others:
            others[0].suppressed = True
    return cells


def month_index(year: SchoolYear, today: date) -> int:
    """Index (0 = August) of the last month of ``year`` that has begun: -1 before, 11 after the year."""
    if today < year.start.date():
        return -1
    if today >= year.end.date():
        return len(MONTHS) - 1
    return [m for m, _ in MONTHS].index(today.month)


def _count(rows: Iterable[MonitoringRow], keys: Sequence[Tuple[str, str]],
           values_of: Callable[[MonitoringRow], Iterable[str]]) -> List[Cell]:
    counts: Dict[str, int] = {key: 0 for key, _ in keys}
    for row in rows:
        for value in set(values_of(row)):
            counts[value if value in counts else OTHER] = counts.get(value if value in counts else OTHER, 0) + 1
    labels = dict(keys)
    return [Cell(key, labels.get(key, key), n) for key, n in counts.items()]


def _vocabulary_keys(label: str) -> List[Tuple[str, str]]:
    return [(v, vocabulary.label_of(v, label)) for v in vocabulary.canonical_values(label)] + [(OTHER, OTHER)]


def _moment(row: MonitoringRow) -> List[str]:
    known = set(vocabulary.canonical_values(vocabulary.MOMENT))
    if not row.moment or row.moment not in known and row.moment != OTHER:
        return [UNKNOWN]
    return [row.moment]


def _month_cells(rows: List[MonitoringRow]) -> List[Cell]:
    keys = [(str(m), name) for m, name in MONTHS]
    return _count(rows, keys, lambda r: [str(local_day(r.created_at).month)])


def compute(rows: List[MonitoringRow], year: SchoolYear,
            previous_rows: Optional[List[MonitoringRow]] = None) -> Monitoring:
    """Counts for one school year's reports (``rows`` must lie in ``year``)."""
    total = len(rows)
    total_suppressed = 0 < total < SUPPRESS_BELOW
    published = not total_suppressed
    specs = [
        ("kinds", "Soort pesten", _vocabulary_keys(vocabulary.KIND), lambda r: r.kinds or [OTHER], False),
        ("places", "Waar", _vocabulary_keys(vocabulary.PLACE), lambda r: r.places or [OTHER], False),
        ("moment", "Wanneer het gebeurt", _vocabulary_keys(vocabulary.MOMENT) + [(UNKNOWN, "niet gezegd")],
         _moment, True),
        ("weekday", "Dag van melden", [(str(i), d) for i, d in enumerate(WEEKDAYS)],
         lambda r: [str(local_day(r.created_at).weekday())], True),
        ("month", "Maand van melden (trend over het schooljaar)", [(str(m), n) for m, n in MONTHS],
         lambda r: [str(local_day(r.created_at).month)], True),
        ("role", "Wie meldt", ROLES, lambda r: [r.reporter_role], True),
    ]
    result = Monitoring(year=year, total=total, total_suppressed=total_suppressed)
    for name, title, keys, values_of, single in specs:
        cells = _count(rows, keys, values_of)
        result.dimensions.append(Dimension(name, title, suppress(cells, single, published), single))
    if previous_rows is not None:
        # The previous year's total is not published, so no second suppression is needed there.
        cells = suppress(_month_cells(previous_rows), True, False)
        result.previous_trend = Dimension("month_previous", f"Maand van melden {year.previous.label}", cells, True)
    return result


def scope(user: User, school: Optional[str] = None) -> Optional[FrozenSet[str]]:
    """The schools to count for ``user``: the one asked for, or with none asked all of theirs
    (summed); None when the one asked for is not theirs (whether it exists or not)."""
    if not school:
        return frozenset(user.schools)
    return frozenset({school}) if school in user.schools else None


def load(desk, school_ids: Collection[str], year: Optional[SchoolYear] = None) -> Monitoring:
    """Counts for the reports of these schools together (suppressed after summing)."""
    year = year or SchoolYear.of(local_day(desk.now()))
    schools = sorted(school_ids)
    with desk.uow() as uow:
        rows = uow.desk.monitoring_rows(year.start, year.end, school_ids=schools)
        previous = uow.desk.monitoring_rows(year.previous.start, year.previous.end, school_ids=schools)
    return compute(rows, year, previous)


def school_years(desk, school_ids: Collection[str]) -> List[SchoolYear]:
    """From the first report's school year (of these schools) up to the current one, newest first."""
    current = SchoolYear.of(local_day(desk.now()))
    with desk.uow() as uow:
        first = uow.desk.first_report_at(school_ids=sorted(school_ids))
    start = SchoolYear.of(local_day(first)).start_year if first else current.start_year
    return [SchoolYear(y) for y in range(current.start_year, min(start, current.start_year) - 1, -1)]


def to_csv(monitoring: Monitoring) -> str:
    """The anonymised counts as CSV (semicolon-separated, as Dutch spreadsheets expect)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["schooljaar", "onderdeel", "waarde", "omschrijving", "aantal"])
    writer.writerow([monitoring.year.label, "totaal", "", "meldingen", monitoring.total_shown])
    for dimension in monitoring.dimensions:
        for cell in dimension.cells:
            writer.writerow([monitoring.year.label, dimension.name, cell.key, cell.label, cell.shown])
    return out.getvalue()

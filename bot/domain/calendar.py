"""The school's calendar: its time zone, Dutch dates, working days and calendar weeks."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

try:
    LOCAL_TZ = ZoneInfo("Europe/Amsterdam")
except ZoneInfoNotFoundError:  # a machine without time zone data
    LOCAL_TZ = timezone.utc

_WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
_MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
]


def local_day(moment: datetime) -> date:
    """The day of a moment in the school's time zone."""
    return moment.astimezone(LOCAL_TZ).date()


def week_label(moment: datetime) -> str:
    """The calendar week of a moment, local time: "week 48 van 2026" (no day, no minute)."""
    year, week, _ = moment.astimezone(LOCAL_TZ).isocalendar()
    return f"week {week} van {year}"


def dutch_date(day: date) -> str:
    """"vrijdag 4 december 2026"."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def add_working_days(start: date, days: int, closed: Callable[[date], bool] = lambda day: False) -> date:
    """``days`` working days (Monday to Friday) after ``start``, skipping the days ``closed``
    says are closed (a school's holidays: ``SchoolConfig.is_holiday``)."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and not closed(current):
            days -= 1
    return current

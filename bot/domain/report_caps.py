"""Report flood control: how many reports an hour are mailed from one place, and which report is
held for a person to look at instead. A held report is stored like any other, never dropped.

Counts in, verdict out; the service (``bot.services.reporting``) counts through the repository.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Dict, Iterable, List, Optional, Tuple

WINDOW = timedelta(hours=1)
"""The caps count the mailed reports of the past hour."""

ORIGIN_KEPT = timedelta(hours=24)
"""Keyed hashes of client and conversation are cleared after this: the caps look back an hour,
the desk's misuse signal a day; older, they would only link a pupil's reports."""

CONVERSATION, CLIENT, SCHOOL = "conversation", "client", "school"


@dataclass(frozen=True)
class ReportCaps:
    """Mailed reports per hour: per conversation, per client (a school behind one NAT address
    has many pupils: higher) and per school."""

    per_conversation_hour: int = 2
    per_client_hour: int = 10
    per_school_hour: int = 30


@dataclass(frozen=True)
class RecentReports:
    """Reports mailed (not held) in the past hour from this conversation, client and school."""

    conversation: int = 0
    client: int = 0
    school: int = 0


def hold_reason(recent: RecentReports, caps: ReportCaps, urgent: bool) -> Optional[str]:
    """Which cap this report is over (``"conversation"``, ``"client"``, ``"school"``), or None:
    mail it. An urgent report (the safety net found danger) is never held."""
    if urgent:
        return None
    for name, count, cap in ((CONVERSATION, recent.conversation, caps.per_conversation_hour),
                             (CLIENT, recent.client, caps.per_client_hour),
                             (SCHOOL, recent.school, caps.per_school_hour)):
        if count >= cap:
            return name
    return None


@dataclass(frozen=True)
class MisuseSignal:
    """Many reports from one client within an hour: a sign for a person to check, no verdict."""

    count: int
    first: datetime
    last: datetime


def misuse_signals(activity: Iterable[Tuple[str, datetime]], threshold: int,
                   window: timedelta = WINDOW) -> List[MisuseSignal]:
    """Per client (``(client hash, received)`` pairs), its busiest stretch of ``window`` when
    that holds more than ``threshold`` reports; the latest first."""
    by_client: Dict[str, List[datetime]] = defaultdict(list)
    for client, moment in activity:
        by_client[client].append(moment)
    signals = []
    for moments in by_client.values():
        moments.sort()
        best: Optional[MisuseSignal] = None
        start = 0
        for end, moment in enumerate(moments):
            while moment - moments[start] > window:
                start += 1
            if best is None or end - start + 1 > best.count:
                best = MisuseSignal(end - start + 1, moments[start], moment)
        if best is not None and best.count > threshold:
            signals.append(best)
    return sorted(signals, key=lambda s: s.last, reverse=True)

"""What a pupil can do with code + secret, against the database (the chat's follow-up).

:func:`check_code` wraps the pure :func:`bot.services.followup.check`; the other functions take a
reference that a successful check returned. Texts the pupil adds are stored as typed and never
logged; the audit log records only that something happened.
"""
from __future__ import annotations

import logging
import os
import queue
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, List, Optional

from bot.services import audit, followup
from bot.services.erasure import ATTEMPTS_KEPT
from bot.services.audit import PUPIL, AuditAction
from bot.domain.desk import NazorgAnswer, NazorgRecord, PupilAddition, PupilMessage
from bot.services.ports import UnknownReport
from bot.domain.calendar import local_day
from bot.domain.report import Status

logger = logging.getLogger(__name__)

MAX_ADDITION_LENGTH = 5000
_SECRET_SHAPE = re.compile(r"^[a-z]+[\s\-_.]*[a-z]+[\s\-_.]*[0-9]{2}$")


@dataclass
class PupilStatus:
    reference: str
    status: Status
    messages: List[PupilMessage] = field(default_factory=list)
    ask_nazorg: bool = False


def nazorg_due(nazorg_date: Optional[date], answers: List[NazorgRecord], today: date) -> bool:
    """The nazorg date has come and the pupil has not answered since."""
    if nazorg_date is None or nazorg_date > today:
        return False
    return not any(local_day(a.created_at) >= nazorg_date for a in answers)


@dataclass(frozen=True)
class NewSecret:
    """A secret not yet stored, with the argon2 hash that will be stored for it."""

    secret: str
    stored_hash: str


def new_secret() -> NewSecret:
    """A new secret and its hash: the hash takes about 30 ms of argon2, so the chat makes it while
    the report itself is being stored (``actions/report_form.py``)."""
    secret = followup.new_secret()
    return NewSecret(secret, followup.hash_for_storage(secret))


def _lowest_priority() -> None:
    """Run the calling thread at the lowest CPU priority, where the system allows it (Linux
    gives each thread its own): making secrets ahead then never slows a reply."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except (AttributeError, OSError):  # not Linux, or not allowed: the stock is still made
        pass


class SecretStock:
    """A few new secrets made ahead, so that a report's last turn does not wait for argon2.

    ``take()`` gives a ready one at once (or makes one then, when none is ready) and has the stock
    made up again in a background thread, at the lowest priority and only after ``pause`` seconds:
    argon2 is made to use memory and time, and would otherwise slow the very reply that took the
    secret. Each secret is given out once. A ready secret belongs to no report yet: only its hash
    is ever stored, with the report that takes it.
    """

    def __init__(self, size: int = 2, make: Optional[Callable[[], NewSecret]] = None, pause: float = 0.0) -> None:
        self.size = size
        self.pause = pause
        self._make = make or (lambda: new_secret())  # looked up at each call
        self._ready: "queue.Queue[NewSecret]" = queue.Queue()
        self._filling = threading.Lock()
        self.refill(after=0.0)

    def take(self) -> NewSecret:
        try:
            made = self._ready.get_nowait()
        except queue.Empty:
            made = self._make()
        self.refill()
        return made

    def ready(self) -> int:
        return self._ready.qsize()

    def refill(self, after: Optional[float] = None) -> None:
        """Make the stock up to ``size`` in a background thread (one at a time), starting
        ``after`` seconds from now (``pause`` unless given)."""
        if self._ready.qsize() < self.size and self._filling.acquire(blocking=False):
            wait = self.pause if after is None else after
            threading.Thread(target=self._fill, args=(wait,), name="secret-stock", daemon=True).start()

    def _fill(self, wait: float) -> None:
        _lowest_priority()
        try:
            time.sleep(wait)
            while self._ready.qsize() < self.size:
                self._ready.put(self._make())
        except Exception as exc:  # noqa: BLE001 - take() makes one itself then
            logger.error("making a secret ahead failed: %s", type(exc).__name__)
        finally:
            self._filling.release()


def issue_secret(desk, reference: str, made: Optional[NewSecret] = None) -> str:
    """Store (hashed) a new secret for a report (``made``, or one made here); the plain secret is
    returned once."""
    made = made or new_secret()
    with desk.uow() as uow:
        uow.desk.set_secret_hash(reference, made.stored_hash, desk.now())
        uow.commit()
    return made.secret


def issue_secret_or_none(desk, reference: str, made: Optional[NewSecret] = None) -> Optional[str]:
    """:func:`issue_secret` for a report just stored: None if that failed (the report stays, and
    the pupil still gets the code); only the exception's type is logged, never the secret."""
    try:
        return issue_secret(desk, reference, made)
    except Exception as exc:  # noqa: BLE001 - the report is stored; the pupil still gets the code
        logger.error("issuing a follow-up secret failed: %s", type(exc).__name__)
        return None


def looks_like_secret(text: str) -> bool:
    """Exactly two words of the secret word list and two digits, as typed (any case or separator)."""
    if not _SECRET_SHAPE.match(text.strip().lower()):
        return False
    letters = followup.normalize_secret(text)[:-2]
    return any(letters[:i] in followup.WORDS and letters[i:] in followup.WORDS for i in range(1, len(letters)))


class _AtSchool:
    """The follow-up store as one school's chat sees it: another school's codes open nothing."""

    def __init__(self, uow, school_id: Optional[str]) -> None:
        self._uow, self._school_id = uow, school_id

    def __getattr__(self, name: str):
        return getattr(self._uow.desk, name)

    def secret_hash(self, reference: str) -> Optional[str]:
        if self._school_id is not None:
            report = self._uow.reports.get(reference)
            if report is None or report.school_id != self._school_id:
                return None
        return self._uow.desk.secret_hash(reference)


def check_code(desk, code: Optional[str], secret: Optional[str], client: Optional[str] = None,
               school_id: Optional[str] = None) -> followup.Access:
    """Code + secret as typed -> access, or :data:`bot.services.followup.DENIED` / ``LIMITED``;
    attempts are counted per code and per ``client`` (the chat's pseudonym of the address);
    attempts older than a day are pruned. With ``school_id`` only that school's reports open
    (another school's code gets the same denial as a wrong secret, and counts as one)."""
    now = desk.now()
    with desk.uow() as uow:
        access = followup.check(_AtSchool(uow, school_id), code, secret, now, desk.limits, client=client)
        uow.desk.delete_followup_attempts_before(now - ATTEMPTS_KEPT)
        if access.granted:
            audit.record(uow.desk, PUPIL, AuditAction.PUPIL_CHECKIN, now, access.reference)
        uow.commit()
    return access


def status_for_pupil(desk, reference: str) -> PupilStatus:
    """Status and messages for the pupil (messages are marked as read), and whether to ask nazorg."""
    now = desk.now()
    with desk.uow() as uow:
        report = uow.reports.get(reference)
        if report is None:
            raise UnknownReport(reference)
        messages = uow.desk.messages(reference)
        uow.desk.mark_messages_read(reference, now)
        ask = nazorg_due(uow.desk.nazorg_date(reference), uow.desk.nazorg_answers(reference), local_day(now))
        uow.commit()
    return PupilStatus(reference=reference, status=report.status, messages=messages, ask_nazorg=ask)


def record_nazorg(desk, reference: str, answer: NazorgAnswer) -> None:
    now = desk.now()
    with desk.uow() as uow:
        uow.desk.add_nazorg_answer(reference, answer, now)
        audit.record(uow.desk, PUPIL, AuditAction.PUPIL_NAZORG, now, reference, answer.value)
        uow.commit()


def add_addition(desk, reference: str, text: str) -> None:
    text = (text or "").strip()
    if not text:
        raise ValueError("empty addition")
    now = desk.now()
    with desk.uow() as uow:
        uow.desk.add_addition(reference, PupilAddition(text=text[:MAX_ADDITION_LENGTH], created_at=now))
        audit.record(uow.desk, PUPIL, AuditAction.PUPIL_ADDITION, now, reference)
        uow.commit()

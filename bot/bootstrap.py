"""The one composition root: settings -> database -> unit of work -> sender -> the app.

    app = bootstrap()                    # migrates the database to the newest schema
    ref = app.submit_report(report)      # stored with its notifications; delivery follows
    users.add_user(app, ...)             # the desk's services take the same app

The app is what the action server, the command line and the web apps (school page and desk)
work with: the school configuration, one unit of work (reports, outbox and desk on one
session), the clock and the follow-up limits.

The Rasa action server uses the process-wide :func:`get_app`, which also starts the outbox
worker thread; call ``submit_report`` from there through ``loop.run_in_executor`` so the event
loop never waits for the database or the mail server.
"""
from __future__ import annotations

import atexit
import functools
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Optional

from sqlalchemy.engine import Engine

from bot.domain.school import SchoolConfig, Schools, load_schools
from bot.adapters.mail.outbox import DeliveryResult, OutboxWorker, RetryPolicy, deliver_pending
from bot.adapters.mail.senders import Sender, make_sender, outbox_dir_of
from bot.domain.report import Report, reference_from
from bot.services import erasure
from bot.services.reporting import submit_report
from bot.settings import Settings, owner_only_files
from bot.adapters.storage import sealed
from bot.adapters.storage.database import create_engine, migrate, session_factory
from bot.adapters.storage.database import database_url as resolve_database_url
from bot.adapters.storage.desk_repository import DeskUnitOfWork
from bot.domain.desk import utcnow
from bot.services.followup import Limits
from bot.services.ports import AbstractDeskUnitOfWork

logger = logging.getLogger(__name__)


@dataclass
class Klankbord:
    """The application: what the action server, the command line and the desk work with."""

    schools: Schools
    uow_factory: Callable[[], AbstractDeskUnitOfWork]
    sender: Sender
    engine: Optional[Engine] = None
    clock: Callable[[], datetime] = utcnow
    limits: Limits = field(default_factory=Limits)
    settings: Settings = field(default_factory=Settings)
    retry_policy: RetryPolicy = field(default_factory=RetryPolicy)
    poll_seconds: Optional[float] = None
    worker: Optional[OutboxWorker] = None
    housekeeping: Optional[Callable[[], object]] = None  # daily: retention and pruning (set by the action server)
    housekeeping_every: float = 24 * 3600.0
    _last_housekeeping: Optional[float] = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _submit_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def config(self) -> SchoolConfig:
        """The first school: for what is the instance's, not a school's (the demo page, a
        one-school instance). Anything about a report or a conversation takes its own school."""
        return self.schools.default

    def school(self, school_id: Optional[str]) -> Optional[SchoolConfig]:
        """The school with this id, or None when this instance does not serve it."""
        return self.schools.get(school_id)

    def uow(self) -> AbstractDeskUnitOfWork:
        """A new unit of work: ``uow.reports``, ``uow.notifications`` and ``uow.desk``."""
        return self.uow_factory()

    def now(self) -> datetime:
        return self.clock()

    def submit_report(self, report: Report, submission: Optional[str] = None, client: Optional[str] = None,
                      conversation: Optional[str] = None) -> str:
        """Store the report with its notifications (one transaction), then start delivery.

        ``submission`` names this report's form run (``bot.dialogue.submission``): the reference
        is then derived from it with the data key, so the same confirmation arriving twice (a
        retry after a process died) finds the report it stored and stores and mails nothing more.
        ``client`` (the chat's daily pseudonym) and ``conversation`` are kept only as keyed hashes,
        to count the report caps (``settings.reports``): a report over one is held, not mailed.

        With the worker running it is woken and this returns at once; without it one delivery
        attempt for this report is made here. Delivery failures never raise: the notification
        stays pending and is retried. Blocking: call it from a thread, not an event loop.
        """
        config = self.schools.get(report.school_id)
        if config is None:
            raise LookupError(f"school '{report.school_id}' is not served here")
        keys = sealed.keyring()
        if submission is not None:
            report.reference = reference_from(keys.digest("submission", submission))
        report.client_digest = keys.digest("report-client", client).hex() if client else None
        report.conversation_digest = keys.digest("report-conversation", conversation).hex() if conversation else None
        with self._submit_lock:  # count and store as one step: the caps hold exactly in this process
            reference = submit_report(self.uow_factory(), report, config,
                                      repeatable=submission is not None, caps=self.settings.reports)
        worker = self.worker
        if worker is not None and worker.is_alive():
            worker.wake()
        else:
            try:
                self._deliver(reference=reference)
            except Exception as exc:  # the report is safely stored; delivery is retried later
                logger.error("delivery after submit failed: %s", type(exc).__name__)
        return reference

    def _deliver(self, reference: Optional[str] = None, due_only: bool = True) -> DeliveryResult:
        return deliver_pending(
            self.uow_factory, self.sender, self.schools,
            policy=self.retry_policy, reference=reference, due_only=due_only, desk=self.settings.desk_url,
        )

    def deliver(self, due_only: bool = True) -> DeliveryResult:
        """One delivery pass; says how many mails were sent and how many failed.

        ``due_only=False`` also retries notifications still waiting out their backoff.
        """
        return self._deliver(due_only=due_only)

    def _worker_pass(self) -> None:
        """One pass of the worker: deliver, and once a day the housekeeping."""
        self._deliver()
        now = time.monotonic()
        if self.housekeeping is not None and (
                self._last_housekeeping is None or now - self._last_housekeeping >= self.housekeeping_every):
            self._last_housekeeping = now
            try:
                self.housekeeping()
            except Exception as exc:  # tried again on the next day's pass
                logger.error("housekeeping failed: %s", type(exc).__name__)

    def enable_housekeeping(self) -> None:
        """Let the worker apply retention once a day (the action server's job; also
        ``klankbord reports purge``): reports past retention, their mails and old attempt rows."""
        self.housekeeping = functools.partial(erasure.housekeeping, self, outbox_dir_of(self.sender))

    def start_worker(self) -> OutboxWorker:
        """Start the outbox worker thread (once; later calls return the running one)."""
        with self._lock:
            if self.worker is None or not self.worker.is_alive():
                self.worker = OutboxWorker(self._worker_pass, poll_seconds=self.poll_seconds)
                self.worker.start()
                logger.info("outbox worker started (%s)", self.sender.describe())
            return self.worker

    def stop_worker(self, timeout: float = 10.0) -> None:
        with self._lock:
            worker, self.worker = self.worker, None
        if worker is not None:
            worker.stop(timeout)

    def close(self) -> None:
        """Stop the worker and release database connections."""
        self.stop_worker()
        if self.engine is not None:
            self.engine.dispose()


def bootstrap(
    config: Optional[SchoolConfig | Schools] = None,
    database_url: Optional[str] = None,
    start_worker: bool = False,
    *,
    sender: Optional[Sender] = None,
    retry_policy: Optional[RetryPolicy] = None,
    poll_seconds: Optional[float] = None,
    run_migrations: bool = True,
    clock: Optional[Callable[[], datetime]] = None,
    settings: Optional[Settings] = None,
) -> Klankbord:
    """Build the application from ``settings`` (default: :meth:`Settings.from_env`).

    ``config`` (one school, or :class:`Schools`) defaults to the school files the settings name
    (raises ``ConfigError``);
    ``database_url`` to the settings' URL or ``var/klankbord.db``; the sender to SMTP or ``.eml``
    files in the outbox folder. The schema is migrated to the newest revision first.
    """
    settings = settings or Settings.from_env()
    owner_only_files()
    sealed.use(sealed.Keyring(*settings.data_keys()))  # no key, no start (in production)
    if isinstance(config, SchoolConfig):
        config = Schools.of(config)
    schools = config or load_schools(settings.schools)
    url = resolve_database_url(database_url or settings.database_url)
    sender = sender or make_sender(schools.default, settings)
    if run_migrations:
        migrate(url)
    engine = create_engine(url)
    sessions = session_factory(engine)
    app = Klankbord(
        schools=schools,
        uow_factory=lambda: DeskUnitOfWork(sessions),
        sender=sender,
        engine=engine,
        clock=clock or utcnow,
        limits=settings.followup,
        settings=settings,
        retry_policy=retry_policy or RetryPolicy.from_settings(settings),
        poll_seconds=poll_seconds if poll_seconds is not None else settings.outbox_poll_seconds,
    )
    if start_worker:
        app.start_worker()
    return app


_app: Optional[Klankbord] = None
_app_lock = threading.Lock()


def get_app() -> Klankbord:
    """The process-wide application, built on first use, with the outbox worker running."""
    global _app
    with _app_lock:
        if _app is None:
            _app = bootstrap(start_worker=True)
            atexit.register(_app.stop_worker, 2.0)
        return _app


def reset_app() -> None:
    """Forget the process-wide application (tests; a configuration reload)."""
    global _app
    with _app_lock:
        if _app is not None:
            _app.close()
        _app = None

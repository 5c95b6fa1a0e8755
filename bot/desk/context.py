"""The desk's wiring: school configuration, a unit of work with ``uow.desk``, a clock, limits.

    desk = desk_for(get_app())          # the action server's process-wide app
    desk = open_desk(database_url=url)  # the web app and the command line
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Optional

from bot.config import SchoolConfig
from bot.desk.followup import Limits
from bot.desk.models import utcnow
from bot.desk.repository import DeskUnitOfWork
from bot.storage.database import session_factory


@dataclass
class Desk:
    config: SchoolConfig
    uow_factory: Callable[[], DeskUnitOfWork]
    clock: Callable[[], datetime] = utcnow
    limits: Limits = field(default_factory=Limits.from_env)
    app: Any = None  # the Klankbord app it was made from (closed by ``close`` when owned)
    owns_app: bool = False

    def uow(self) -> DeskUnitOfWork:
        return self.uow_factory()

    def now(self) -> datetime:
        return self.clock()

    def close(self) -> None:
        if self.owns_app and self.app is not None:
            self.app.close()


def desk_for(app: Any, clock: Optional[Callable[[], datetime]] = None) -> Desk:
    """The desk over an existing :class:`bot.bootstrap.Klankbord` (same engine), cached on it."""
    cached = getattr(app, "_klankbord_desk", None)
    if cached is not None and clock is None:
        return cached
    sessions = session_factory(app.engine)
    desk = Desk(config=app.config, uow_factory=lambda: DeskUnitOfWork(sessions), app=app)
    if clock is not None:
        desk.clock = clock
    else:
        app._klankbord_desk = desk
    return desk


def open_desk(config: Optional[SchoolConfig] = None, database_url: Optional[str] = None) -> Desk:
    """A desk with its own app (migrated database, no outbox worker); ``close()`` it when done."""
    from bot.bootstrap import bootstrap

    app = bootstrap(config=config, database_url=database_url, start_worker=False)
    desk = desk_for(app)
    desk.owns_app = True
    return desk

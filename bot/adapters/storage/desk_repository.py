"""The desk's repository: SQLAlchemy Core statements over the tables in :mod:`bot.adapters.storage.tables.desk`.

``DeskUnitOfWork`` is the report unit of work (``uow.reports``, ``uow.notifications``) plus
``uow.desk``, all on one session and one transaction, with the same sanitised errors.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Collection, Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from bot.domain.desk import (
    AuditEntry, CaseEntry, NazorgAnswer, NazorgRecord, PupilAddition, PupilMessage, Role,
    StatusChange, User,
)
from bot.adapters.storage.tables.desk import (
    audit_log, case_entries, desk_login_attempts, desk_login_locks, desk_pending_logins, desk_recovery_codes,
    desk_second_factors, desk_sessions, desk_user_schools, desk_users, followup_attempts, nazorg_answers,
    pupil_additions, pupil_messages, report_followups, status_changes,
)
from bot.domain.report import Status
from bot.adapters.storage.tables.reports import report_kinds, report_places, reports
from bot.adapters.storage.unit_of_work import SqlAlchemyUnitOfWork
from bot.services.ports import (
    AbstractDeskRepository, AbstractDeskUnitOfWork, MonitoringRow, SecondFactorRow, SessionRow, UnknownReport,
)


class SqlDeskRepository(AbstractDeskRepository):
    def __init__(self, session: Session) -> None:
        self.session = session

    # ------------------------------------------------------------------ users

    def _schools_of(self, user_ids: Iterable[int]) -> Dict[int, FrozenSet[str]]:
        found: Dict[int, Set[str]] = {i: set() for i in user_ids}
        if found:
            for user_id, school_id in self.session.execute(
                select(desk_user_schools.c.user_id, desk_user_schools.c.school_id)
                .where(desk_user_schools.c.user_id.in_(list(found)))
            ):
                found[user_id].add(school_id)
        return {user_id: frozenset(ids) for user_id, ids in found.items()}

    @staticmethod
    def _user(row: Any, schools: FrozenSet[str]) -> User:
        return User(id=row.id, username=row.username, role=Role(row.role), active=row.active,
                    created_at=row.created_at, last_login_at=row.last_login_at, schools=schools)

    def _with_schools(self, rows: Sequence[Any]) -> List[User]:
        schools = self._schools_of(r.id for r in rows)
        return [self._user(r, schools[r.id]) for r in rows]

    def add_user(self, username: str, role: Role, password_hash: str, now: datetime,
                 schools: Iterable[str] = ()) -> int:
        result = self.session.execute(desk_users.insert().values(
            username=username, role=role.value, password_hash=password_hash, active=True, created_at=now,
        ))
        user_id = result.inserted_primary_key[0]
        self.add_user_schools(user_id, schools)
        return user_id

    def add_user_schools(self, user_id: int, schools: Iterable[str]) -> None:
        new = sorted(set(schools) - self._schools_of([user_id])[user_id])
        if new:
            self.session.execute(desk_user_schools.insert(),
                                 [{"user_id": user_id, "school_id": school_id} for school_id in new])

    def remove_user_schools(self, user_id: int, schools: Iterable[str]) -> None:
        self.session.execute(delete(desk_user_schools).where(
            desk_user_schools.c.user_id == user_id, desk_user_schools.c.school_id.in_(list(schools))))

    def user_with_hash(self, username: str) -> Optional[Tuple[User, str]]:
        row = self.session.execute(select(desk_users).where(desk_users.c.username == username)).one_or_none()
        return (self._with_schools([row])[0], row.password_hash) if row is not None else None

    def user_by_id(self, user_id: int) -> Optional[User]:
        row = self.session.execute(select(desk_users).where(desk_users.c.id == user_id)).one_or_none()
        return self._with_schools([row])[0] if row is not None else None

    def users(self, *, school_ids: Optional[Collection[str]]) -> List[User]:
        """Users of any of these schools (None: every user, for the server's command line)."""
        query = select(desk_users).order_by(desk_users.c.username)
        if school_ids is not None:
            query = query.where(desk_users.c.id.in_(
                select(desk_user_schools.c.user_id).where(desk_user_schools.c.school_id.in_(list(school_ids)))))
        return self._with_schools(self.session.execute(query).all())

    def update_user(self, user_id: int, **values: Any) -> None:
        self.session.execute(update(desk_users).where(desk_users.c.id == user_id).values(**values))

    # ------------------------------------------------------------------ logins

    def record_login_attempt(self, username: str, success: bool, at: datetime) -> None:
        self.session.execute(desk_login_attempts.insert().values(username=username, success=success, at=at))

    def login_failures_since(self, username: str, since: datetime) -> int:
        """Failures for this name after ``since`` and after its last successful login."""
        last_ok = self.session.execute(
            select(func.max(desk_login_attempts.c.at)).where(
                desk_login_attempts.c.username == username, desk_login_attempts.c.success.is_(True))
        ).scalar()
        start = max(since, last_ok) if last_ok is not None else since
        return self.session.execute(
            select(func.count()).select_from(desk_login_attempts).where(
                desk_login_attempts.c.username == username,
                desk_login_attempts.c.success.is_(False),
                desk_login_attempts.c.at > start,
            )
        ).scalar_one()

    def locked_until(self, username: str) -> Optional[datetime]:
        return self.session.execute(
            select(desk_login_locks.c.locked_until).where(desk_login_locks.c.username == username)
        ).scalar_one_or_none()

    def set_lock(self, username: str, until: datetime) -> None:
        self.clear_lock(username)
        self.session.execute(desk_login_locks.insert().values(username=username, locked_until=until))

    def clear_lock(self, username: str) -> None:
        self.session.execute(delete(desk_login_locks).where(desk_login_locks.c.username == username))

    def clear_locks_starting(self, prefix: str) -> None:
        self.session.execute(delete(desk_login_locks).where(desk_login_locks.c.username.startswith(prefix)))

    def delete_login_attempts_before(self, before: datetime) -> int:
        return self.session.execute(delete(desk_login_attempts).where(desk_login_attempts.c.at < before)).rowcount

    # ------------------------------------------------------------------ sessions

    def add_session(self, token_hash: str, user_id: int, csrf_token: str, now: datetime,
                    expires_at: datetime) -> None:
        self.session.execute(desk_sessions.insert().values(
            token_hash=token_hash, user_id=user_id, csrf_token=csrf_token, created_at=now,
            last_seen_at=now, expires_at=expires_at,
        ))

    def get_session(self, token_hash: str) -> Optional[SessionRow]:
        row = self.session.execute(
            select(desk_sessions).where(desk_sessions.c.token_hash == token_hash)
        ).one_or_none()
        return SessionRow(**row._mapping) if row is not None else None

    def touch_session(self, token_hash: str, now: datetime) -> None:
        self.session.execute(
            update(desk_sessions).where(desk_sessions.c.token_hash == token_hash).values(last_seen_at=now)
        )

    def delete_session(self, token_hash: str) -> None:
        self.session.execute(delete(desk_sessions).where(desk_sessions.c.token_hash == token_hash))

    def delete_sessions_of(self, user_id: int) -> None:
        """End the user's sessions, and their logins half-way (password given, code not yet)."""
        self.session.execute(delete(desk_sessions).where(desk_sessions.c.user_id == user_id))
        self.session.execute(delete(desk_pending_logins).where(desk_pending_logins.c.user_id == user_id))

    def delete_expired_sessions(self, now: datetime) -> int:
        return self.session.execute(delete(desk_sessions).where(desk_sessions.c.expires_at <= now)).rowcount

    # ------------------------------------------------------------------ second factor

    def add_pending_login(self, token_hash: str, user_id: int, expires_at: datetime, now: datetime) -> None:
        self.session.execute(delete(desk_pending_logins).where(desk_pending_logins.c.expires_at <= now))
        self.session.execute(desk_pending_logins.insert().values(
            token_hash=token_hash, user_id=user_id, expires_at=expires_at))

    def pending_login(self, token_hash: str) -> Optional[Tuple[int, datetime]]:
        """(user id, expiry) of a half-way login."""
        return self.session.execute(
            select(desk_pending_logins.c.user_id, desk_pending_logins.c.expires_at)
            .where(desk_pending_logins.c.token_hash == token_hash)).one_or_none()

    def delete_pending_login(self, token_hash: str) -> None:
        self.session.execute(delete(desk_pending_logins).where(desk_pending_logins.c.token_hash == token_hash))

    def second_factor(self, user_id: int) -> Optional[SecondFactorRow]:
        row = self.session.execute(
            select(desk_second_factors).where(desk_second_factors.c.user_id == user_id)).one_or_none()
        return SecondFactorRow(row.totp_secret, row.last_step) if row is not None else None

    def set_second_factor(self, user_id: int, secret: str, recovery_hashes: List[str], now: datetime) -> None:
        """Replace the user's TOTP secret and recovery codes."""
        for table in (desk_second_factors, desk_recovery_codes):
            self.session.execute(delete(table).where(table.c.user_id == user_id))
        self.session.execute(desk_second_factors.insert().values(
            user_id=user_id, totp_secret=secret, enrolled_at=now))
        self.session.execute(desk_recovery_codes.insert(), [{"user_id": user_id, "code_hash": code_hash}
                                                            for code_hash in recovery_hashes])

    def claim_step(self, user_id: int, step: int) -> bool:
        """Mark a TOTP time step used; False when it, or a later one, was used already (a replay)."""
        last = desk_second_factors.c.last_step
        return self.session.execute(update(desk_second_factors).where(
            desk_second_factors.c.user_id == user_id, or_(last.is_(None), last < step)).values(last_step=step)
        ).rowcount == 1

    def unused_recovery_codes(self, user_id: int) -> List[Tuple[int, str]]:
        return self.session.execute(select(desk_recovery_codes.c.id, desk_recovery_codes.c.code_hash).where(
            desk_recovery_codes.c.user_id == user_id, desk_recovery_codes.c.used_at.is_(None))).all()

    def spend_recovery_code(self, code_id: int, now: datetime) -> bool:
        """False when it was spent already (by a request at the same moment)."""
        return self.session.execute(update(desk_recovery_codes).where(
            desk_recovery_codes.c.id == code_id, desk_recovery_codes.c.used_at.is_(None)).values(used_at=now)
        ).rowcount == 1

    # ------------------------------------------------------------------ reports

    def report_id(self, reference: str) -> Optional[int]:
        return self.session.execute(
            select(reports.c.id).where(reports.c.reference == reference)
        ).scalar_one_or_none()

    def _require_id(self, reference: str) -> int:
        report_id = self.report_id(reference)
        if report_id is None:
            raise UnknownReport(reference)
        return report_id

    def set_report_status(self, reference: str, status: Status) -> None:
        self.session.execute(update(reports).where(reports.c.reference == reference).values(status=status.value))

    # ------------------------------------------------------------------ follow-up

    def _followup_row(self, report_id: int) -> Any:
        return self.session.execute(
            select(report_followups).where(report_followups.c.report_id == report_id)
        ).one_or_none()

    def _upsert_followup(self, reference: str, now: datetime, **values: Any) -> None:
        report_id = self._require_id(reference)
        if self._followup_row(report_id) is None:
            self.session.execute(report_followups.insert().values(report_id=report_id, created_at=now, **values))
        else:
            self.session.execute(
                update(report_followups).where(report_followups.c.report_id == report_id).values(**values)
            )

    def set_secret_hash(self, reference: str, secret_hash: str, now: datetime) -> None:
        self._upsert_followup(reference, now, secret_hash=secret_hash)

    def secret_hash(self, reference: str) -> Optional[str]:
        return self.session.execute(
            select(report_followups.c.secret_hash)
            .join(reports, reports.c.id == report_followups.c.report_id)
            .where(reports.c.reference == reference)
        ).scalar_one_or_none()

    def set_nazorg_date(self, reference: str, day: Optional[date], now: datetime) -> None:
        self._upsert_followup(reference, now, nazorg_date=day)

    def nazorg_date(self, reference: str) -> Optional[date]:
        return self.session.execute(
            select(report_followups.c.nazorg_date)
            .join(reports, reports.c.id == report_followups.c.report_id)
            .where(reports.c.reference == reference)
        ).scalar_one_or_none()

    def record_followup_attempt(self, key_hash: str, ok: bool, at: datetime) -> None:
        self.session.execute(followup_attempts.insert().values(key_hash=key_hash, ok=ok, at=at))

    def followup_failures(self, key_hash: str, since: datetime) -> int:
        return self.session.execute(
            select(func.count()).select_from(followup_attempts).where(
                followup_attempts.c.key_hash == key_hash, followup_attempts.c.ok.is_(False),
                followup_attempts.c.at > since)
        ).scalar_one()

    def forget_report(self, reference: str, attempt_key_hash: str) -> None:
        """What stays of an erased report outside its own rows: its code's follow-up attempts go,
        and audit rows about it keep who and when, not the details."""
        self.session.execute(delete(followup_attempts).where(followup_attempts.c.key_hash == attempt_key_hash))
        self.session.execute(update(audit_log).where(audit_log.c.reference == reference).values(detail=None))

    def delete_followup_attempts_before(self, before: datetime) -> int:
        return self.session.execute(delete(followup_attempts).where(followup_attempts.c.at < before)).rowcount

    # ------------------------------------------------------------------ case file

    def add_case_entry(self, reference: str, entry: CaseEntry) -> None:
        self.session.execute(case_entries.insert().values(
            report_id=self._require_id(reference), happened_on=entry.happened_on, what=entry.what,
            with_whom=entry.with_whom, author=entry.author, created_at=entry.created_at,
        ))

    def case_entries(self, reference: str) -> List[CaseEntry]:
        rows = self.session.execute(
            select(case_entries).join(reports, reports.c.id == case_entries.c.report_id)
            .where(reports.c.reference == reference)
            .order_by(case_entries.c.happened_on, case_entries.c.id)
        ).all()
        return [CaseEntry(happened_on=r.happened_on, what=r.what, with_whom=r.with_whom, author=r.author,
                          created_at=r.created_at, id=r.id) for r in rows]

    def add_message(self, reference: str, message: PupilMessage) -> None:
        self.session.execute(pupil_messages.insert().values(
            report_id=self._require_id(reference), text=message.text, author=message.author,
            created_at=message.created_at,
        ))

    def messages(self, reference: str) -> List[PupilMessage]:
        rows = self.session.execute(
            select(pupil_messages).join(reports, reports.c.id == pupil_messages.c.report_id)
            .where(reports.c.reference == reference).order_by(pupil_messages.c.created_at, pupil_messages.c.id)
        ).all()
        return [PupilMessage(text=r.text, author=r.author, created_at=r.created_at, read_at=r.read_at, id=r.id)
                for r in rows]

    def mark_messages_read(self, reference: str, now: datetime) -> None:
        report_id = self._require_id(reference)
        self.session.execute(
            update(pupil_messages)
            .where(and_(pupil_messages.c.report_id == report_id, pupil_messages.c.read_at.is_(None)))
            .values(read_at=now)
        )

    def add_addition(self, reference: str, addition: PupilAddition) -> None:
        self.session.execute(pupil_additions.insert().values(
            report_id=self._require_id(reference), text=addition.text, created_at=addition.created_at,
        ))

    def additions(self, reference: str) -> List[PupilAddition]:
        rows = self.session.execute(
            select(pupil_additions).join(reports, reports.c.id == pupil_additions.c.report_id)
            .where(reports.c.reference == reference).order_by(pupil_additions.c.created_at, pupil_additions.c.id)
        ).all()
        return [PupilAddition(text=r.text, created_at=r.created_at, id=r.id) for r in rows]

    def add_nazorg_answer(self, reference: str, answer: NazorgAnswer, at: datetime) -> None:
        self.session.execute(nazorg_answers.insert().values(
            report_id=self._require_id(reference), answer=answer.value, created_at=at,
        ))

    def nazorg_answers(self, reference: str) -> List[NazorgRecord]:
        rows = self.session.execute(
            select(nazorg_answers).join(reports, reports.c.id == nazorg_answers.c.report_id)
            .where(reports.c.reference == reference).order_by(nazorg_answers.c.created_at, nazorg_answers.c.id)
        ).all()
        return [NazorgRecord(answer=NazorgAnswer(r.answer), created_at=r.created_at) for r in rows]

    def add_status_change(self, reference: str, change: StatusChange) -> None:
        self.session.execute(status_changes.insert().values(
            report_id=self._require_id(reference), from_status=change.from_status.value,
            to_status=change.to_status.value, reason=change.reason, author=change.author,
            created_at=change.created_at,
        ))

    def status_history(self, reference: str) -> List[StatusChange]:
        rows = self.session.execute(
            select(status_changes).join(reports, reports.c.id == status_changes.c.report_id)
            .where(reports.c.reference == reference).order_by(status_changes.c.created_at, status_changes.c.id)
        ).all()
        return [StatusChange(from_status=Status(r.from_status), to_status=Status(r.to_status), reason=r.reason,
                             author=r.author, created_at=r.created_at) for r in rows]

    def followup_overview(self, *, school_ids: Collection[str]) -> Dict[str, Dict[str, Any]]:
        """Per reference of these schools: nazorg date, last nazorg answer time, number of additions."""
        overview: Dict[str, Dict[str, Any]] = {}
        of_schools = reports.c.school_id.in_(list(school_ids))
        for reference, nazorg_date in self.session.execute(
            select(reports.c.reference, report_followups.c.nazorg_date)
            .join(report_followups, report_followups.c.report_id == reports.c.id).where(of_schools)
        ):
            overview.setdefault(reference, {})["nazorg_date"] = nazorg_date
        for reference, last in self.session.execute(
            select(reports.c.reference, func.max(nazorg_answers.c.created_at))
            .join(nazorg_answers, nazorg_answers.c.report_id == reports.c.id).where(of_schools)
            .group_by(reports.c.reference)
        ):
            overview.setdefault(reference, {})["last_nazorg_answer"] = last
        for reference, count in self.session.execute(
            select(reports.c.reference, func.count())
            .join(pupil_additions, pupil_additions.c.report_id == reports.c.id).where(of_schools)
            .group_by(reports.c.reference)
        ):
            overview.setdefault(reference, {})["additions"] = count
        return overview

    # ------------------------------------------------------------------ monitoring

    def monitoring_rows(self, start: datetime, end: datetime, *, school_ids: Collection[str]) -> List[MonitoringRow]:
        """Reports of these schools received in [start, end): only the structured fields."""
        rows = self.session.execute(
            select(reports.c.id, reports.c.created_at, reports.c.reporter_role, reports.c.moment)
            .where(reports.c.school_id.in_(list(school_ids)),
                   reports.c.created_at >= start, reports.c.created_at < end)
            .order_by(reports.c.created_at)
        ).all()
        ids = [r.id for r in rows]
        kinds: Dict[int, List[str]] = {i: [] for i in ids}
        places: Dict[int, List[str]] = {i: [] for i in ids}
        if ids:
            for table, column, target in ((report_kinds, report_kinds.c.kind, kinds),
                                          (report_places, report_places.c.place, places)):
                for report_id, value in self.session.execute(
                    select(table.c.report_id, column).where(table.c.report_id.in_(ids))
                ):
                    target[report_id].append(value)
        return [MonitoringRow(created_at=r.created_at, reporter_role=r.reporter_role, moment=r.moment,
                              kinds=tuple(kinds[r.id]), places=tuple(places[r.id])) for r in rows]

    def first_report_at(self, *, school_ids: Collection[str]) -> Optional[datetime]:
        return self.session.execute(
            select(func.min(reports.c.created_at)).where(reports.c.school_id.in_(list(school_ids)))).scalar()

    # ------------------------------------------------------------------ audit

    def add_audit(self, entry: AuditEntry) -> None:
        """One entry; about a report and with no school given, it takes the report's school."""
        school_id: Any = entry.school_id
        if school_id is None and entry.reference:
            school_id = select(reports.c.school_id).where(reports.c.reference == entry.reference).scalar_subquery()
        self.session.execute(audit_log.insert().values(
            at=entry.at, actor=entry.actor[:80], actor_role=entry.actor_role[:20], action=entry.action[:40],
            reference=entry.reference, detail=(entry.detail or None) and entry.detail[:200], school_id=school_id,
        ))

    @staticmethod
    def _audit_scope(query: Any, school_ids: Optional[Collection[str]]) -> Any:
        """Entries of these schools and the instance's own (None: every entry)."""
        if school_ids is None:
            return query
        return query.where(or_(audit_log.c.school_id.in_(list(school_ids)), audit_log.c.school_id.is_(None)))

    def audit_entries(self, limit: int = 200, offset: int = 0, reference: Optional[str] = None,
                      actor: Optional[str] = None, *, school_ids: Optional[Collection[str]]) -> List[AuditEntry]:
        query = self._audit_scope(select(audit_log), school_ids)
        if reference:
            query = query.where(audit_log.c.reference == reference)
        if actor:
            query = query.where(audit_log.c.actor == actor)
        rows = self.session.execute(
            query.order_by(audit_log.c.at.desc(), audit_log.c.id.desc()).limit(limit).offset(offset)
        ).all()
        return [AuditEntry(at=r.at, actor=r.actor, actor_role=r.actor_role, action=r.action,
                           reference=r.reference, detail=r.detail, id=r.id, school_id=r.school_id) for r in rows]

    def audit_count(self, *, school_ids: Optional[Collection[str]]) -> int:
        return self.session.execute(
            self._audit_scope(select(func.count()).select_from(audit_log), school_ids)).scalar_one()

    # ------------------------------------------------------------------ a school that leaves (services.school_data)

    def school_row_counts(self) -> Dict[str, Dict[str, int]]:
        """Per school id in the data: its reports, user memberships and audit entries."""
        counts: Dict[str, Dict[str, int]] = {}
        for name, column in (("reports", reports.c.school_id), ("users", desk_user_schools.c.school_id),
                             ("audit", audit_log.c.school_id)):
            for school_id, count in self.session.execute(
                    select(column, func.count()).where(column.is_not(None)).group_by(column)):
                counts.setdefault(school_id, {})[name] = count
        return counts

    def delete_user(self, user_id: int) -> None:
        """The user with their schools, sessions, half-way logins, second factor and recovery codes."""
        for table in (desk_sessions, desk_pending_logins, desk_second_factors, desk_recovery_codes, desk_user_schools):
            self.session.execute(delete(table).where(table.c.user_id == user_id))
        self.session.execute(delete(desk_users).where(desk_users.c.id == user_id))

    def delete_audit_of_school(self, school_id: str) -> int:
        return self.session.execute(delete(audit_log).where(audit_log.c.school_id == school_id)).rowcount


class DeskUnitOfWork(SqlAlchemyUnitOfWork, AbstractDeskUnitOfWork):
    """The report unit of work plus ``desk``: one session, one transaction."""

    desk: SqlDeskRepository

    def __enter__(self) -> "DeskUnitOfWork":
        super().__enter__()
        self.desk = SqlDeskRepository(self.session)
        return self

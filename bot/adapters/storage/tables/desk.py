"""The desk's tables, on the same metadata as the report tables.

Migration ``0002_desk`` builds them. Everything that belongs to one report refers to
``reports.id`` with ``ON DELETE CASCADE``, so erasing a report (``klankbord reports delete``,
retention) erases its case log, messages, additions, nazorg answers and secret with it. The
audit log keeps only the reference code (no contents), so it outlives the report on purpose.

Secrets, passwords and recovery codes are stored as argon2 hashes; session tokens as SHA-256 of the
token; the TOTP secret sealed (it must be read back to check a code).
"""
from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, Date, ForeignKey, Index, Integer, String, Table

from bot.adapters.storage.sealed import SealedText
from bot.adapters.storage.tables.base import UtcDateTime, metadata

desk_users = Table(
    "desk_users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),  # lower case
    Column("role", String(20), nullable=False),  # aanspreekpunt | coordinator | beheerder | bestuur
    Column("password_hash", String(255), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("last_login_at", UtcDateTime(), nullable=True),
)

# The schools a desk user belongs to (migration 0007): the user sees reports, counts and audit
# entries of these schools only. A ``school_id`` as in the school files and ``reports.school_id``.
desk_user_schools = Table(
    "desk_user_schools",
    metadata,
    Column("user_id", Integer, ForeignKey("desk_users.id", ondelete="CASCADE"), primary_key=True),
    Column("school_id", String(64), primary_key=True),
)

# Every login attempt, known user or not, under a hash of (typed name, client) or (any name, client):
# never the name as typed nor an address (bot.services.users.login_keys). Pruned after a day.
desk_login_attempts = Table(
    "desk_login_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    Column("success", Boolean, nullable=False),
    Index("ix_desk_login_attempts_username_at", "username", "at"),
)

desk_login_locks = Table(
    "desk_login_locks",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("locked_until", UtcDateTime(), nullable=False),
)

# Server-side sessions: the cookie holds a random token, the table only its SHA-256.
desk_sessions = Table(
    "desk_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("desk_users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("last_seen_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Index("ix_desk_sessions_user_id", "user_id"),
)

# The second factor (migration 0005): a TOTP secret, sealed, and the last time step used (no replay) ...
desk_second_factors = Table(
    "desk_second_factors",
    metadata,
    Column("id", Integer, primary_key=True),  # an id like every sealed table's (klankbord keys rotate)
    Column("user_id", Integer, ForeignKey("desk_users.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("totp_secret", SealedText("desk_second_factors.totp_secret"), nullable=False),
    Column("last_step", BigInteger, nullable=True),
    Column("enrolled_at", UtcDateTime(), nullable=False),
)

# ... ten single-use recovery codes as argon2 hashes (a used one is spent) ...
desk_recovery_codes = Table(
    "desk_recovery_codes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("desk_users.id", ondelete="CASCADE"), nullable=False),
    Column("code_hash", String(255), nullable=False),
    Column("used_at", UtcDateTime(), nullable=True),
    Index("ix_desk_recovery_codes_user_id", "user_id"),
)

# ... and the half-way login between password and code: 5 minutes, it opens nothing but the code page.
desk_pending_logins = Table(
    "desk_pending_logins",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("desk_users.id", ondelete="CASCADE"), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Index("ix_desk_pending_logins_user_id", "user_id"),
)

# The pupil's way back: a hashed secret per report, and the nazorg date the aanspreekpunt set.
report_followups = Table(
    "report_followups",
    metadata,
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("secret_hash", String(255), nullable=True),
    Column("nazorg_date", Date, nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
)

# Code + secret checks, for the rate limits. ``key_hash``: SHA-256 of the typed code (or of a
# marker for malformed input), so guessed codes are not kept in the clear.
followup_attempts = Table(
    "followup_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key_hash", String(64), nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    Column("ok", Boolean, nullable=False),
    Index("ix_followup_attempts_key_hash_at", "key_hash", "at"),
    Index("ix_followup_attempts_at", "at"),
)

# The aanspreekpunt's written record: what was done or agreed, with whom, when.
case_entries = Table(
    "case_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("happened_on", Date, nullable=False),
    Column("what", SealedText("case_entries.what"), nullable=False),
    Column("with_whom", SealedText("case_entries.with_whom"), nullable=True),
    Column("author", String(64), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Index("ix_case_entries_report_id", "report_id"),
)

pupil_messages = Table(
    "pupil_messages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("text", SealedText("pupil_messages.text"), nullable=False),
    Column("author", String(64), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("read_at", UtcDateTime(), nullable=True),  # first shown to the pupil in the chat
    Index("ix_pupil_messages_report_id", "report_id"),
)

pupil_additions = Table(
    "pupil_additions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("text", SealedText("pupil_additions.text"), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Index("ix_pupil_additions_report_id", "report_id"),
)

nazorg_answers = Table(
    "nazorg_answers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("answer", String(20), nullable=False),  # gestopt | niet_gestopt | een_beetje
    Column("created_at", UtcDateTime(), nullable=False),
    Index("ix_nazorg_answers_report_id", "report_id"),
)

status_changes = Table(
    "status_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("from_status", String(20), nullable=False),
    Column("to_status", String(20), nullable=False),
    Column("reason", SealedText("status_changes.reason"), nullable=True),
    Column("author", String(64), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Index("ix_status_changes_report_id", "report_id"),
)

# Who viewed, changed or exported which report, and when. No contents, ever. ``school_id`` (0007): the
# school the entry is about (a report's; a user's, one row per school of the user); NULL for the
# instance's own entries, which every beheerder sees.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UtcDateTime(), nullable=False),
    Column("actor", String(80), nullable=False),
    Column("actor_role", String(20), nullable=False),
    Column("action", String(40), nullable=False),
    Column("reference", String(20), nullable=True),
    Column("detail", String(200), nullable=True),
    Column("school_id", String(64), nullable=True),
    Index("ix_audit_log_at", "at"),
    Index("ix_audit_log_reference", "reference"),
    Index("ix_audit_log_school_id_at", "school_id", "at"),
)

REPORT_CHILD_TABLES = (
    report_followups, case_entries, pupil_messages, pupil_additions, nazorg_answers, status_changes,
)

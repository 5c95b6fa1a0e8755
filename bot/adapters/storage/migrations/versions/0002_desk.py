"""The aanspreekpunt's desk: users, logins, sessions, follow-up, case log, audit log.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa

from bot.adapters.storage.tables.base import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _report_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["report_id"], ["reports.id"], ondelete="CASCADE", name=op.f(f"fk_{table}_report_id_reports"),
    )


def upgrade() -> None:
    op.create_table(
        "desk_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("last_login_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_desk_users_username")),
    )
    op.create_table(
        "desk_login_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("success", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_login_attempts")),
    )
    op.create_index("ix_desk_login_attempts_username_at", "desk_login_attempts", ["username", "at"])
    op.create_table(
        "desk_login_locks",
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("locked_until", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_desk_login_locks")),
    )
    op.create_table(
        "desk_sessions",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("last_seen_at", UtcDateTime(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["desk_users.id"], ondelete="CASCADE",
                                name=op.f("fk_desk_sessions_user_id_desk_users")),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_desk_sessions")),
    )
    op.create_index("ix_desk_sessions_user_id", "desk_sessions", ["user_id"])

    op.create_table(
        "report_followups",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("secret_hash", sa.String(255), nullable=True),
        sa.Column("nazorg_date", sa.Date(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        _report_fk("report_followups"),
        sa.PrimaryKeyConstraint("report_id", name=op.f("pk_report_followups")),
    )
    op.create_table(
        "followup_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followup_attempts")),
    )
    op.create_index("ix_followup_attempts_key_hash_at", "followup_attempts", ["key_hash", "at"])
    op.create_index("ix_followup_attempts_at", "followup_attempts", ["at"])

    op.create_table(
        "case_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("with_whom", sa.Text(), nullable=True),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        _report_fk("case_entries"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_entries")),
    )
    op.create_index("ix_case_entries_report_id", "case_entries", ["report_id"])
    op.create_table(
        "pupil_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("read_at", UtcDateTime(), nullable=True),
        _report_fk("pupil_messages"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pupil_messages")),
    )
    op.create_index("ix_pupil_messages_report_id", "pupil_messages", ["report_id"])
    op.create_table(
        "pupil_additions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        _report_fk("pupil_additions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pupil_additions")),
    )
    op.create_index("ix_pupil_additions_report_id", "pupil_additions", ["report_id"])
    op.create_table(
        "nazorg_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(20), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        _report_fk("nazorg_answers"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nazorg_answers")),
    )
    op.create_index("ix_nazorg_answers_report_id", "nazorg_answers", ["report_id"])
    op.create_table(
        "status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(20), nullable=False),
        sa.Column("to_status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        _report_fk("status_changes"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_changes")),
    )
    op.create_index("ix_status_changes_report_id", "status_changes", ["report_id"])

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("actor", sa.String(80), nullable=False),
        sa.Column("actor_role", sa.String(20), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("reference", sa.String(20), nullable=True),
        sa.Column("detail", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_reference", "audit_log", ["reference"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_reference", table_name="audit_log")
    op.drop_index("ix_audit_log_at", table_name="audit_log")
    op.drop_table("audit_log")
    for table in ("status_changes", "nazorg_answers", "pupil_additions", "pupil_messages", "case_entries"):
        op.drop_index(f"ix_{table}_report_id", table_name=table)
        op.drop_table(table)
    op.drop_index("ix_followup_attempts_at", table_name="followup_attempts")
    op.drop_index("ix_followup_attempts_key_hash_at", table_name="followup_attempts")
    op.drop_table("followup_attempts")
    op.drop_table("report_followups")
    op.drop_index("ix_desk_sessions_user_id", table_name="desk_sessions")
    op.drop_table("desk_sessions")
    op.drop_table("desk_login_locks")
    op.drop_index("ix_desk_login_attempts_username_at", table_name="desk_login_attempts")
    op.drop_table("desk_login_attempts")
    op.drop_table("desk_users")

"""Reports with their kinds and places, and the notification outbox.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa

from bot.adapters.storage.tables.base import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(20), nullable=False),
        sa.Column("school_id", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("reporter_role", sa.String(20), nullable=False),
        sa.Column("moment", sa.Text(), nullable=True),
        sa.Column("frequency", sa.Text(), nullable=True),
        sa.Column("since_when", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("place_note", sa.Text(), nullable=True),
        sa.Column("people_involved", sa.Text(), nullable=True),
        sa.Column("already_told", sa.Text(), nullable=True),
        sa.Column("desired_outcome", sa.Text(), nullable=True),
        sa.Column("confidentiality", sa.String(20), nullable=False),
        sa.Column("share_with", sa.Text(), nullable=False),
        sa.Column("contact", sa.Text(), nullable=True),
        sa.Column("conversation_id", sa.String(128), nullable=True),
        sa.Column("urgency", sa.String(10), nullable=False),
        sa.Column("urgency_reason", sa.String(20), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("delete_after", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
        sa.UniqueConstraint("reference", name=op.f("uq_reports_reference")),
    )
    op.create_index("ix_reports_created_at", "reports", ["created_at"])
    op.create_index("ix_reports_delete_after", "reports", ["delete_after"])

    for child, column in (("report_kinds", "kind"), ("report_places", "place")):
        op.create_table(
            child,
            sa.Column("report_id", sa.Integer(), nullable=False),
            sa.Column(column, sa.String(40), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(
                ["report_id"], ["reports.id"], ondelete="CASCADE",
                name=op.f(f"fk_{child}_report_id_reports"),
            ),
            sa.PrimaryKeyConstraint("report_id", column, name=op.f(f"pk_{child}")),
        )
        op.create_index(f"ix_{child}_{column}", child, [column])

    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(254), nullable=False),
        sa.Column("recipient_role", sa.String(20), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UtcDateTime(), nullable=False),
        sa.Column("claimed_until", UtcDateTime(), nullable=True),
        sa.Column("last_error", sa.String(300), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("sent_at", UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], ondelete="CASCADE",
            name=op.f("fk_notifications_report_id_reports"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
    )
    op.create_index(
        "ix_notifications_status_next_attempt_at", "notifications", ["status", "next_attempt_at"]
    )
    op.create_index("ix_notifications_report_id", "notifications", ["report_id"])


def downgrade() -> None:
    op.drop_index("ix_notifications_report_id", table_name="notifications")
    op.drop_index("ix_notifications_status_next_attempt_at", table_name="notifications")
    op.drop_table("notifications")
    for child, column in (("report_places", "place"), ("report_kinds", "kind")):
        op.drop_index(f"ix_{child}_{column}", table_name=child)
        op.drop_table(child)
    op.drop_index("ix_reports_delete_after", table_name="reports")
    op.drop_index("ix_reports_created_at", table_name="reports")
    op.drop_table("reports")

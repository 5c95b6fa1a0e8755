"""The desk's second factor: a sealed TOTP secret per user, single-use recovery codes (argon2
hashes), and the half-way login between password and code. New tables only, so no table is
rebuilt and nothing cascades away.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""
from alembic import op
import sqlalchemy as sa

from bot.adapters.storage.tables.base import UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _user_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["user_id"], ["desk_users.id"], ondelete="CASCADE", name=op.f(f"fk_{table}_user_id_desk_users"),
    )


def upgrade() -> None:
    op.create_table(
        "desk_second_factors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("totp_secret", sa.Text(), nullable=False),
        sa.Column("last_step", sa.BigInteger(), nullable=True),
        sa.Column("enrolled_at", UtcDateTime(), nullable=False),
        _user_fk("desk_second_factors"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_second_factors")),
        sa.UniqueConstraint("user_id", name=op.f("uq_desk_second_factors_user_id")),
    )
    op.create_table(
        "desk_recovery_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(255), nullable=False),
        sa.Column("used_at", UtcDateTime(), nullable=True),
        _user_fk("desk_recovery_codes"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_recovery_codes")),
    )
    op.create_index("ix_desk_recovery_codes_user_id", "desk_recovery_codes", ["user_id"])
    op.create_table(
        "desk_pending_logins",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        _user_fk("desk_pending_logins"),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_desk_pending_logins")),
    )
    op.create_index("ix_desk_pending_logins_user_id", "desk_pending_logins", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_desk_pending_logins_user_id", table_name="desk_pending_logins")
    op.drop_table("desk_pending_logins")
    op.drop_index("ix_desk_recovery_codes_user_id", table_name="desk_recovery_codes")
    op.drop_table("desk_recovery_codes")
    op.drop_table("desk_second_factors")

"""Report caps: a report over a cap is held (stored, not mailed) until the aanspreekpunt releases
it; keyed hashes of client and conversation, for counting, cleared after hours. Columns and
indexes are added (nullable or with a server default) and dropped in place: no table is
rebuilt, so nothing cascades away.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_reports_client_digest": ["client_digest", "created_at"],
    "ix_reports_conversation_digest": ["conversation_digest", "created_at"],
}


def upgrade() -> None:
    op.add_column("reports", sa.Column("held", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("reports", sa.Column("client_digest", sa.String(64), nullable=True))
    op.add_column("reports", sa.Column("conversation_digest", sa.String(64), nullable=True))
    for name, columns in INDEXES.items():
        op.create_index(name, "reports", columns)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="reports")
    for column in ("conversation_digest", "client_digest", "held"):
        op.drop_column("reports", column)  # SQLite 3.35+ drops a column in place

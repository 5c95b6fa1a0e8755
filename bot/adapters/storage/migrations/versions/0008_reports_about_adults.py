"""Reports about an adult at school: a flag, so such a report goes to the school file's
``staff_reports`` person and not to the aanspreekpunt (who may be that adult). Added with a server
default and dropped in place: no table is rebuilt, so nothing cascades away.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("reports", sa.Column("about_adult", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("reports", "about_adult")  # SQLite 3.35+ drops a column in place

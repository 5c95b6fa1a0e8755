"""The reporter's own words for "wanneer" and "hoe vaak" when the answer named none of the choices
(as place_note does for "waar").

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("moment_note", sa.Text(), nullable=True))
        batch.add_column(sa.Column("frequency_note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("frequency_note")
        batch.drop_column("moment_note")

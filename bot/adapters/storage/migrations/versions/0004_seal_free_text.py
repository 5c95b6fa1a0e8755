"""Seal children's words at rest: every free-text and identifying column written before sealing
is sealed with the current data key (bot.adapters.storage.sealed); the schema does not change.

Going down opens them again (plain text), for a downgrade to a version without sealing.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""
from alembic import op
import sqlalchemy as sa

from bot.adapters.storage import sealed

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SEALED_COLUMNS = {
    "reports": ("since_when", "description", "place_note", "moment_note", "frequency_note",
                "people_involved", "already_told", "desired_outcome", "contact"),
    "case_entries": ("what", "with_whom"),
    "pupil_messages": ("text",),
    "pupil_additions": ("text",),
    "status_changes": ("reason",),
}


def _rewrite(change) -> None:
    connection = op.get_bind()
    for table, columns in SEALED_COLUMNS.items():
        t = sa.table(table, sa.column("id"), *(sa.column(c) for c in columns))
        for row in connection.execute(sa.select(t)).mappings().all():
            values = {c: change(row[c], f"{table}.{c}") for c in columns if row[c] is not None}
            values = {c: v for c, v in values.items() if v != row[c]}
            if values:
                connection.execute(sa.update(t).where(t.c.id == row["id"]).values(**values))


def upgrade() -> None:
    keyring = sealed.keyring()
    _rewrite(lambda value, column: value if sealed.is_sealed(value) else keyring.seal(value, column))


def downgrade() -> None:
    keyring = sealed.keyring()
    _rewrite(lambda value, column: keyring.open(value, column))

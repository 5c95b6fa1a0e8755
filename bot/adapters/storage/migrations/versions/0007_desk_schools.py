"""Many schools in one instance: the schools each desk user belongs to (``desk_user_schools``), the
school an audit entry is about (``audit_log.school_id``, nullable), and an index to find a school's
reports. A new table, a nullable column and indexes, added and dropped in place: no table is
rebuilt, so nothing cascades away.

Existing users get every school that has reports in this database (before 0007 an instance served
one school); with no reports they get none and see nothing until one is granted with
``klankbord users schools NAME --add ID``. Existing audit entries about a report that still exists
get that report's school; the others stay NULL (the instance's own, shown to every beheerder).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-12
"""
from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "desk_user_schools",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["desk_users.id"], ondelete="CASCADE",
                                name=op.f("fk_desk_user_schools_user_id_desk_users")),
        sa.PrimaryKeyConstraint("user_id", "school_id", name=op.f("pk_desk_user_schools")),
    )
    op.execute(
        "INSERT INTO desk_user_schools (user_id, school_id) "
        "SELECT desk_users.id, schools.school_id FROM desk_users "
        "CROSS JOIN (SELECT DISTINCT school_id FROM reports) AS schools"
    )
    op.add_column("audit_log", sa.Column("school_id", sa.String(64), nullable=True))
    op.execute(
        "UPDATE audit_log SET school_id = "
        "(SELECT reports.school_id FROM reports WHERE reports.reference = audit_log.reference) "
        "WHERE reference IS NOT NULL"
    )
    op.create_index("ix_audit_log_school_id_at", "audit_log", ["school_id", "at"])
    op.create_index("ix_reports_school_id_created_at", "reports", ["school_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_reports_school_id_created_at", table_name="reports")
    op.drop_index("ix_audit_log_school_id_at", table_name="audit_log")
    op.drop_column("audit_log", "school_id")  # SQLite 3.35+ drops a column in place
    op.drop_table("desk_user_schools")

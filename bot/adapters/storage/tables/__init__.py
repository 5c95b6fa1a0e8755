"""The database schema as SQLAlchemy Core tables, one module per area (migrations build it).

``metadata`` holds every table once both areas are imported, which this package does: Alembic
and the schema test see the whole schema.
"""
from bot.adapters.storage.tables import desk, reports
from bot.adapters.storage.tables.base import UtcDateTime, metadata

__all__ = ["UtcDateTime", "desk", "metadata", "reports"]

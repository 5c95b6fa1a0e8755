"""Persistence: SQLAlchemy tables, repositories and the unit of work (cosmicpython style).

The domain model (``bot.domain.report.Report``) knows nothing of this package; the repositories
translate between it and plain SQLAlchemy Core tables.
"""

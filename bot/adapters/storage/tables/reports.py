"""The report tables: reports, their kinds and places, and the outbox's notifications.

Text is stored exactly as typed (plain text, never HTML-escaped): escaping belongs to whatever
shows it. Datetimes are stored in UTC and always come back timezone-aware.
"""
from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Table, Text, false

from bot.adapters.storage.sealed import SealedText
from bot.adapters.storage.tables.base import UtcDateTime, metadata

reports = Table(
    "reports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(20), nullable=False, unique=True),
    Column("school_id", String(64), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("reporter_role", String(20), nullable=False),
    Column("moment", Text, nullable=True),
    Column("frequency", Text, nullable=True),
    Column("since_when", SealedText("reports.since_when"), nullable=True),
    Column("description", SealedText("reports.description"), nullable=False),
    Column("place_note", SealedText("reports.place_note"), nullable=True),
    Column("moment_note", SealedText("reports.moment_note"), nullable=True),
    Column("frequency_note", SealedText("reports.frequency_note"), nullable=True),
    Column("people_involved", SealedText("reports.people_involved"), nullable=True),
    Column("already_told", SealedText("reports.already_told"), nullable=True),
    Column("desired_outcome", SealedText("reports.desired_outcome"), nullable=True),
    Column("confidentiality", String(20), nullable=False),
    Column("share_with", Text, nullable=False, default="[]"),  # JSON list, e.g. ["mentor"]
    Column("contact", SealedText("reports.contact"), nullable=True),
    Column("conversation_id", String(128), nullable=True),
    Column("urgency", String(10), nullable=False),
    Column("urgency_reason", String(20), nullable=True),
    Column("status", String(20), nullable=False),
    Column("delete_after", UtcDateTime(), nullable=True),
    # Report caps (migration 0006): held = stored, not mailed, until released on the desk; the
    # keyed hashes of client and conversation are cleared by the daily housekeeping.
    Column("held", Boolean, nullable=False, server_default=false()),
    # About an adult at school (migration 0008): mailed to the school's staff_reports person only.
    Column("about_adult", Boolean, nullable=False, server_default=false()),
    Column("client_digest", String(64), nullable=True),
    Column("conversation_digest", String(64), nullable=True),
    Index("ix_reports_created_at", "created_at"),
    Index("ix_reports_school_id_created_at", "school_id", "created_at"),
    Index("ix_reports_delete_after", "delete_after"),
    Index("ix_reports_client_digest", "client_digest", "created_at"),
    Index("ix_reports_conversation_digest", "conversation_digest", "created_at"),
)

report_kinds = Table(
    "report_kinds",
    metadata,
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(40), primary_key=True),
    Column("position", Integer, nullable=False, default=0),
    Index("ix_report_kinds_kind", "kind"),
)

report_places = Table(
    "report_places",
    metadata,
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("place", String(40), primary_key=True),
    Column("position", Integer, nullable=False, default=0),
    Index("ix_report_places_place", "place"),
)

# The outbox: one row per e-mail to send, written in the same transaction as its report.
notifications = Table(
    "notifications",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("recipient", String(254), nullable=False),
    Column("recipient_role", String(20), nullable=False),
    Column("status", String(10), nullable=False),  # pending | sent
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UtcDateTime(), nullable=False),
    Column("claimed_until", UtcDateTime(), nullable=True),  # a sender is busy with it until then
    Column("last_error", String(300), nullable=True),  # error kind only, never message text
    Column("created_at", UtcDateTime(), nullable=False),
    Column("sent_at", UtcDateTime(), nullable=True),
    Index("ix_notifications_status_next_attempt_at", "status", "next_attempt_at"),
    Index("ix_notifications_report_id", "report_id"),
)

"""The e-mail that tells the aanspreekpunt a report has come in.

The words are in :mod:`bot.texts.mail` (never what the reporter wrote); this module makes the
RFC 5322 message around them. The full report is read in the desk (``klankbord reports show``).
"""
from __future__ import annotations

from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Optional

from bot.domain.report import Report
from bot.domain.school import DEFAULT_DESK_URL, SchoolConfig
from bot.texts.mail import body, subject


def default_sender_address(config: SchoolConfig) -> str:
    """``noreply@`` the aanspreekpunt's mail domain, when ``KLANKBORD_SMTP_FROM`` is not set."""
    return "noreply@" + config.aanspreekpunt.email.rsplit("@", 1)[-1]


def compose(
    report: Report,
    recipient: str,
    config: SchoolConfig,
    sender: Optional[str] = None,
    now: Optional[datetime] = None,
    desk: str = DEFAULT_DESK_URL,
) -> EmailMessage:
    """The complete RFC 5322 message for one recipient."""
    message = EmailMessage()
    sender = sender or default_sender_address(config)
    message["Subject"] = subject(report)
    message["From"] = f"Klankbord <{sender}>"
    message["To"] = recipient
    message["Date"] = format_datetime(now or datetime.now(timezone.utc))
    message["Message-ID"] = make_msgid("klankbord", domain=sender.rsplit("@", 1)[-1])
    message["Auto-Submitted"] = "auto-generated"
    if report.is_urgent:
        message["Importance"] = "high"
        message["X-Priority"] = "1"
    message.set_content(body(report, config, desk))
    return message

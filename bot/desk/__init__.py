"""The aanspreekpunt's desk (issue 6): users and roles, case handling, the pupil's follow-up
through code and secret, nazorg, monitoring for the coordinator, and the audit log.

Plain typed Python over :mod:`bot.desk.repository`; the web pages live in :mod:`bot.desk.web`.
Role rules are in one place: :mod:`bot.desk.access`.
"""

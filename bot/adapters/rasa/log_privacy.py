"""No message text in any log line: Rasa's own warnings quote texts, so every log record made
while a message is handled is checked against that message.

``texts_in_flight(text)`` marks the message being handled (a context variable, so it follows
the asyncio task and nothing else); ``install()`` wraps Python's log record factory once, so
every record of every logger, and every ``warnings.warn`` (routed into logging), is checked when
it is made. A record that quotes the text, whole or its start or end, as typed or JSON-escaped,
keeps its logger and level but loses its content.
"""
from __future__ import annotations

import json
import logging
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator, Set, Tuple

WITHHELD = "[log line withheld: it quoted a message text] (%s)"
_EDGE = 24
_SHORT = 8

_in_flight: ContextVar[Tuple[str, ...]] = ContextVar("klankbord_texts_in_flight", default=())
_installed = False


def _forms(text: str) -> Set[str]:
    """The forms in which a log line may quote ``text``."""
    forms: Set[str] = set()
    for variant in {text, text.strip()}:
        if not variant:
            continue
        for encoded in {variant, json.dumps(variant)[1:-1], repr(variant)[1:-1]}:
            if len(encoded) < _SHORT:
                forms.update({f"'{encoded}'", f'"{encoded}"', f"={encoded}"})
                continue
            forms.add(encoded)
            if len(encoded) > 2 * _EDGE:
                forms.update({encoded[:_EDGE], encoded[-_EDGE:]})
    return forms


@contextmanager
def texts_in_flight(*texts: str) -> Iterator[None]:
    """While the block runs, log records that quote any of ``texts`` are withheld."""
    forms: Set[str] = set()
    for text in texts:
        if text:
            forms |= _forms(text)
    token = _in_flight.set(tuple(forms))
    try:
        yield
    finally:
        _in_flight.reset(token)


def withhold_quoted(record: logging.LogRecord) -> logging.LogRecord:
    """Empty ``record`` if it quotes a message in flight (also used as a logging filter)."""
    forms = _in_flight.get()
    if not forms:
        return record
    try:
        message = record.getMessage()
    except Exception:  # a record whose arguments do not fit its format: say nothing of it
        message = str(record.msg)
    if record.exc_info and record.exc_info[1] is not None:
        message += str(record.exc_info[1])
    if any(form in message for form in forms):
        kind = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else record.name
        record.msg, record.args = WITHHELD, (kind,)
        record.exc_info, record.exc_text, record.stack_info = None, None, None
    return record


def install() -> None:
    """Check every log record from now on (idempotent); route warnings into logging."""
    global _installed
    if _installed:
        return
    make = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        return withhold_quoted(make(*args, **kwargs))

    logging.setLogRecordFactory(factory)
    logging.captureWarnings(True)
    _installed = True

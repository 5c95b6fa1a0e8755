"""rotating_log.py LOG [--max-bytes N] [--backups K]: append standard input to LOG, line by line,
rotating by size: when LOG would pass N bytes it becomes LOG.1 (LOG.1 becomes LOG.2, ...) and at
most K old files are kept; older ones are deleted. Files are owner-only (0600), a folder it makes
0700. scripts/keep.sh pipes each server's output through it, so var/log never grows past
(K + 1) x N bytes per server.

Standard library only (Python's RotatingFileHandler), so it runs with any Python 3. It ignores
Ctrl-C (the terminal sends it to the whole process group): it stops when its input ends, after
writing the server's last lines.
"""
from __future__ import annotations

import argparse
import logging
import logging.handlers
import os
import signal
import sys

OWNER_ONLY = 0o600


class OwnerOnlyRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """RotatingFileHandler whose files are 0600 whatever the umask or an older file's mode."""

    def _open(self):  # type: ignore[override]
        stream = super()._open()
        os.chmod(self.baseFilename, OWNER_ONLY)
        return stream

    def shouldRollover(self, record: logging.LogRecord) -> int:  # noqa: N802 (the stdlib's name)
        """As the stdlib, but an empty file is never rotated (one line longer than the limit
        would otherwise push every kept file out with empty ones)."""
        if self.stream is None:
            self.stream = self._open()
        self.stream.seek(0, 2)
        return 0 if self.stream.tell() == 0 else super().shouldRollover(record)


def handler_for(path: str, max_bytes: int, backups: int) -> logging.Handler:
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, mode=0o700, exist_ok=True)
    handler = OwnerOnlyRotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups,
                                           encoding="utf-8", errors="backslashreplace")
    handler.terminator = ""  # each line keeps its own newline
    handler.setFormatter(logging.Formatter("%(message)s"))
    return handler


def copy(stream, handler: logging.Handler) -> None:
    """Each line of the binary ``stream`` as one record: a rotation never splits a line."""
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", "backslashreplace")
        handler.emit(logging.LogRecord("log", logging.INFO, "", 0, line, None, None))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log")
    parser.add_argument("--max-bytes", type=int, default=10 * 2**20)
    parser.add_argument("--backups", type=int, default=5)
    args = parser.parse_args(argv)
    if args.max_bytes < 1024 or args.backups < 1:
        parser.error("--max-bytes must be at least 1024 and --backups at least 1")
    os.umask(0o077)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    handler = handler_for(args.log, args.max_bytes, args.backups)
    try:
        copy(sys.stdin.buffer, handler)
    finally:
        handler.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

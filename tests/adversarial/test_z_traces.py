"""After every attack (this file runs last in the suite): the canary is in no log, no file, no
database column, no mail and no Redis key or value, in UTF-8 or UTF-16; and the Rasa process kept
its memory. Each scan first proves it can see: it finds something known to be there."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest
import redis

from tests.support.attacked import CANARY

pytestmark = pytest.mark.integration


def needles(text: str) -> List[bytes]:
    return [text.encode(), text.encode("utf-16-le"), text.encode("utf-16-be")]


def holds(data: bytes, text: str) -> bool:
    return any(n in data for n in needles(text))


# -- the database, column by column -------------------------------------------------------------


def cells(database: Path) -> Iterator[Tuple[str, str, bytes]]:
    """(table, column, value as bytes) for every column of every row of every table."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            cursor = connection.execute(f'SELECT * FROM "{table}"')
            columns = [d[0] for d in cursor.description]
            for row in cursor:
                for column, value in zip(columns, row):
                    if value is None:
                        continue
                    yield table, column, value if isinstance(value, bytes) else str(value).encode()
    finally:
        connection.close()


def column_hits(database: Path, text: str) -> List[str]:
    return sorted({f"{t}.{c}" for t, c, v in cells(database) if holds(v, text)})


# -- Redis, key by key ------------------------------------------------------------------------------


def redis_values(client: "redis.StrictRedis", key: bytes) -> List[bytes]:
    """The key's value read as its type, and its DUMP (Redis's own serialisation of any type)."""
    kind = client.type(key).decode()
    read = {
        "string": lambda: [client.get(key) or b""],
        "hash": lambda: [b for kv in client.hgetall(key).items() for b in kv],
        "list": lambda: client.lrange(key, 0, -1),
        "set": lambda: list(client.smembers(key)),
        "zset": lambda: [m for m, _ in client.zrange(key, 0, -1, withscores=True)],
        "stream": lambda: [b for _, fields in client.xrange(key) for kv in fields.items() for b in kv],
    }.get(kind, lambda: [])()
    return read + [client.dump(key) or b""]


def redis_scan(port: int, text: str) -> Tuple[List[str], int, int]:
    """(where the text was found, keys scanned, bytes scanned) over every database of the server."""
    admin = redis.StrictRedis(host="127.0.0.1", port=port)
    admin.config_set("rdbcompression", "no")  # DUMP then shows strings as stored, not LZF-packed
    databases = int(admin.config_get("databases")["databases"])
    hits, keys, size = [], 0, 0
    for db in range(databases):
        client = redis.StrictRedis(host="127.0.0.1", port=port, db=db)
        for key in client.scan_iter(count=500):
            keys += 1
            values = redis_values(client, key)
            size += len(key) + sum(len(v) for v in values)
            if holds(key, text):
                hits.append(f"db {db} key name {key[:60]!r}")
            if any(holds(v, text) for v in values):
                hits.append(f"db {db} value of {key[:60]!r}")
    return hits, keys, size


# -- the tests ---------------------------------------------------------------------------------------


def test_no_attack_text_reached_a_log_a_file_or_a_mail(attacked, smtp):
    workdir = attacked.stack.workdir
    checked = []
    for path in sorted(p for p in workdir.rglob("*") if p.is_file()):
        if path.name == "figures.txt":
            continue
        data = path.read_bytes()
        checked.append(f"{path.relative_to(workdir)} ({len(data):,} bytes)")
        assert not holds(data, CANARY), f"the canary is in {path}"
    attacked.note("canary looked for in: " + ", ".join(checked))
    names = [c.split(" ")[0] for c in checked]
    for expected in ("rasa.log", "actions.log", "web.log", "klankbord.db", "redis/redis.log"):
        assert expected in names, f"{expected} was not among the files scanned"
    # The stack mails through SMTP (the session's sink), so no .eml is written: the mails are here.
    mails = [m.as_bytes() for m in list(smtp.messages)]
    attacked.note(f"canary looked for in {len(mails)} mails received by SMTP ({sum(map(len, mails)):,} bytes)")
    assert mails and not any(holds(m, CANARY) for m in mails), "the canary is in a mail"


def test_no_attack_text_is_in_a_database_column(attacked):
    database = attacked.stack.workdir / "klankbord.db"
    # The scan sees what is stored in clear: a report's reference is.
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        [reference] = connection.execute("SELECT reference FROM reports LIMIT 1").fetchone()
    assert column_hits(database, reference), "the column scan does not see a reference stored in clear"

    found = column_hits(database, CANARY)
    all_cells = list(cells(database))
    tables = {t for t, _, _ in all_cells}
    attacked.note(f"canary looked for in every column of the database: {len(tables)} tables with rows, "
                  f"{len(all_cells):,} values, {sum(len(v) for _, _, v in all_cells):,} bytes; found in "
                  f"{', '.join(found) or 'none'}")
    assert not found, f"the canary is in clear in {found}"


def test_no_attack_text_is_in_a_redis_key_or_value(attacked):
    assert attacked.redis is not None and attacked.redis.port
    rasa_log = attacked.stack.logs["rasa"].read_text(errors="replace")
    assert "stores as configured in deploy/endpoints.production.yml" in rasa_log, "Rasa did not use the Redis stores"
    client = redis.StrictRedis(host="127.0.0.1", port=attacked.redis.port, db=0)
    conversations = sum(1 for _ in client.scan_iter(match="klankbord:tracker:*", count=500))
    assert conversations > 100, f"only {conversations} conversations in Redis"

    # The scan sees what is there in clear: a planted value in a database the stores do not use.
    probe = redis.StrictRedis(host="127.0.0.1", port=attacked.redis.port, db=15)
    probe.set(b"scan-check", ("x" * 40 + "ZICHTBAAR" + "y" * 40).encode("utf-16-le"))
    try:
        assert any("scan-check" in h for h in redis_scan(attacked.redis.port, "ZICHTBAAR")[0])
    finally:
        probe.delete(b"scan-check")

    hits, keys, size = redis_scan(attacked.redis.port, CANARY)
    attacked.note(f"canary looked for in Redis: {keys:,} keys ({conversations:,} sealed conversations), "
                  f"{size:,} bytes of names, values and dumps; found in {', '.join(hits) or 'none'}")
    assert not hits, f"the canary is in Redis: {hits[:5]}"


def test_the_rasa_process_kept_its_memory(attacked):
    after = attacked.rss()
    ratio = after / attacked.rss_before
    attacked.note(f"Rasa RSS before the suite {attacked.rss_before / 2**20:.0f} MiB, after {after / 2**20:.0f} MiB "
                  f"({ratio:.2f}x)")
    assert ratio <= 1.2

"""``klankbord keys rotate``: a new data key seals everything again; the old keys stay in the
key file (they still open backups made before), and can be removed once those backups are gone."""
from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.adapters.storage import sealed
from bot.adapters.storage.tables import metadata


def sealed_columns() -> Dict[str, List[str]]:
    """Every column of type ``SealedText``, by table."""
    found: Dict[str, List[str]] = {}
    for table in metadata.sorted_tables:
        names = [c.name for c in table.columns if isinstance(c.type, sealed.SealedText)]
        if names:
            found[table.name] = names
    return found


def reseal(engine: Engine, keyring: sealed.Keyring) -> int:
    """Open every sealed value with any key and seal it with the current one; one transaction."""
    changed = 0
    with engine.begin() as connection:
        for table, columns in sealed_columns().items():
            raw = sa.table(table, sa.column("id"), *(sa.column(c) for c in columns))  # no type: raw values
            for row in connection.execute(sa.select(raw)).mappings().all():
                values = {c: keyring.seal(keyring.open(row[c], f"{table}.{c}"), f"{table}.{c}")
                          for c in columns if row[c] is not None}
                if values:
                    connection.execute(sa.update(raw).where(raw.c.id == row["id"]).values(**values))
                    changed += 1
    return changed


def rotate(engine: Engine, key_file: Path) -> Tuple[str, int]:
    """Add a new current key to ``key_file`` (old keys kept) and reseal; returns (key id, rows)."""
    keys = dict(sealed.keyring().keys)  # the settings' keys, installed by bootstrap
    key_id, key = sealed.new_key()
    keys = {key_id: key, **keys}
    sealed.write_key_file(key_file, keys, key_id)  # first, so every value opens whatever happens next
    keyring = sealed.Keyring(keys, key_id)
    sealed.use(keyring)
    return key_id, reseal(engine, keyring)

"""Children's words at rest: every free-text and identifying column is sealed with AES-GCM.

A sealed value is ``kb1:<key id>:<base64 of nonce + ciphertext + tag>``; the column's name is the
associated data, so a value copied into another column does not open. ``SealedText`` is the
column type (a ``TypeDecorator`` over ``Text``: the schema stays the same in SQLite and
PostgreSQL). The keys come from ``bot.settings.Settings.data_keys``: a key file outside the repository
(one ``id:base64-key`` per line, the first one seals, all of them open) or one key in the
environment. In development a key file is made under ``var/keys/`` (mode 0600) on first use; in
production Klankbord refuses to start without a configured key.

Values written before sealing existed (no ``kb1:`` prefix) are read as they are and sealed by
migration 0004; ``klankbord keys rotate`` re-seals everything with a new key.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import threading
from dataclasses import dataclass
from typing import Dict, Optional, Tuple

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy.types import Text, TypeDecorator

from bot.settings import Settings

PREFIX = "kb1"
NONCE_BYTES = 12


class SealError(ValueError):
    """A sealed value that no key opens (wrong key, or changed bytes)."""


@dataclass(frozen=True)
class Keyring:
    """Keys by id; ``current`` seals, every key opens."""

    keys: Dict[str, bytes]
    current: str

    def __post_init__(self) -> None:
        if self.current not in self.keys:
            raise ValueError("the current key is not in the keyring")
        for key_id, key in self.keys.items():
            if len(key) != 32 or not key_id.isalnum():
                raise ValueError(f"key {key_id!r}: want an alphanumeric id and 32 bytes (AES-256)")

    def seal(self, text: str, column: str) -> str:
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = AESGCM(self.keys[self.current]).encrypt(nonce, text.encode("utf-8"), column.encode())
        return f"{PREFIX}:{self.current}:{base64.b64encode(nonce + sealed).decode('ascii')}"

    def digest(self, purpose: str, message: str) -> bytes:
        """A keyed digest (HMAC-SHA256 with the current key) of ``message`` for ``purpose``: the
        same on every replica that shares the key file, and guessable by no one without it."""
        return hmac.new(self.keys[self.current], f"{purpose}\n{message}".encode("utf-8"), hashlib.sha256).digest()

    def open(self, value: str, column: str) -> str:
        if not is_sealed(value):
            return value  # written before sealing; migration 0004 seals it
        _, key_id, body = value.split(":", 2)
        key = self.keys.get(key_id)
        if key is None:
            raise SealError(f"no key {key_id!r} in the keyring for column {column}")
        raw = base64.b64decode(body)
        try:
            return AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], column.encode()).decode("utf-8")
        except InvalidTag:
            raise SealError(f"a value in column {column} does not open with key {key_id!r}") from None


def is_sealed(value: Optional[str]) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX + ":")


def new_key() -> Tuple[str, bytes]:
    return secrets.token_hex(4), AESGCM.generate_key(bit_length=256)


_lock = threading.Lock()
_keyring: Optional[Keyring] = None


def use(keyring: Optional[Keyring]) -> None:
    """Set the process's keyring (bootstrap; tests). None: read the settings again on next use."""
    global _keyring
    with _lock:
        _keyring = keyring


def keyring() -> Keyring:
    """The process's keyring, from the settings on first use."""
    global _keyring
    with _lock:
        if _keyring is None:
            _keyring = Keyring(*Settings.from_env().data_keys())
        return _keyring


class SealedText(TypeDecorator):
    """A ``Text`` column whose values are sealed on the way in and opened on the way out."""

    impl = Text
    cache_ok = True

    def __init__(self, column: str) -> None:
        super().__init__()
        self.column = column

    def process_bind_param(self, value: Optional[str], dialect) -> Optional[str]:
        if value is None or is_sealed(value):
            return value
        return keyring().seal(value, self.column)

    def process_result_value(self, value: Optional[str], dialect) -> Optional[str]:
        return None if value is None else keyring().open(value, self.column)


def write_key_file(path: os.PathLike, keys: Dict[str, bytes], current: str) -> None:
    """Write a key file (owner-only): the current key first."""
    order = [current] + [k for k in keys if k != current]
    text = "".join(f"{k}:{base64.b64encode(keys[k]).decode('ascii')}\n" for k in order)
    tmp = f"{os.fspath(path)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(text)
    os.replace(tmp, path)

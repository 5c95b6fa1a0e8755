"""The pupil's way back without an account: reference code + a short secret shown once.

Pure logic over a small store interface (:class:`FollowupStore`), so it is unit-tested without a
database; :mod:`bot.desk.checkin` runs it against the real tables.

- :func:`new_secret` draws two short Dutch words and two digits, e.g. ``wolk-tijger-47``
  (about 23 bits, on top of the ~56-bit reference code; the limits below make guessing useless).
- :func:`check` answers :data:`DENIED` — one and the same value — for every failure: a malformed
  or unknown code, a wrong secret, or a limit reached. It always runs exactly one argon2 verify
  (against a dummy hash when the code is unknown or the attempt is refused), so neither the
  answer nor its timing tells whether a code exists.
- Limits: per reference code (the REST channel gives no client address and the client picks its
  own conversation id, so limits cannot rest on those) and overall, counted over failures.
"""
from __future__ import annotations

import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Optional, Protocol

from bot.desk.passwords import hash_secret, verify
from bot.report import normalize_reference

# Short, common, friendly words a child can spell (no accents, no look-alike spellings).
WORDS = tuple(sorted(set("""
aap appel arend auto baan bal ballon banaan beer berg bij  blad bloem boek boom boot bos brood
brug bus cactus circus citroen dak das deur dino dolfijn doos draak drop duif duin eend egel eik
eiland emmer ezel fiets fluit fles gans geit gitaar glas gras haai haan  hand hert hond honing
hoed huis hut ijs jas jurk kaars kaas kam kameel kano kasteel kat kers kip klok knoop koe koek kok
konijn kraan krab kroon kruik kus lamp lepel leeuw lied lucht maan mand mango meeuw melk mier mol
molen mossel muis muts muur nest neus noot olifant oma opa otter  paard pad palm pan panda
papier park pauw peer pen peper  pinda pizza plant pluim pony pop pot raam raket regen ring
rivier robot roos rups schaap schep school schelp schip sjaal slak slee sneeuw sok soep spin ster
stoel stoep storm strand stroop suiker taart tafel tak tas tent tijger toren tram trein trom tuin
uil vaas vis vlag vlieg vlinder vogel vos vuur wafel wagen walvis water web wiel wind wolf wolk worm
harp viool piano banjo cello kiwi limoen meloen pruim druif tomaat wortel vijg dadel kokos bes cavia hamster poes
 zand zebra zee zeep zon zwaan  boon bever bizon buffel cobra duiker eekhoorn fazant
flamingo gekko gorilla hagedis havik  inktvis jaguar kanarie kikker koala kraai kreeft lama
leeuwerik  mees merel mus neushoorn nijlpaard ooievaar orka oester  papegaai parkiet
pelikaan pinguin poema reiger rob salamander specht spreeuw stier tapir toekan tonijn vink walrus
wezel wesp zalm akker baai beek bron dal dijk grot heide heuvel kreek meer oase polder 
steen veld vijver wei woud anker bank beker bord boter bril deken doek emmer feest fluit gum jojo
kaart kachel klei kussen ladder lint magneet  muziek nagel net oven parel penseel plank puzzel
radio riem  sleutel spiegel tol  trap verf vork  wekker zak zeil
""".split())))
assert len(WORDS) >= 300, len(WORDS)

_SECRET_RE = re.compile(r"^([a-z]+)([0-9]{2})$")
_MALFORMED_KEY = "malformed"


@dataclass(frozen=True)
class Limits:
    """How many failed checks are allowed (failures only; a success never counts)."""

    per_code: int = 5  # failures per reference code ...
    per_code_window: timedelta = timedelta(hours=1)  # ... in this window
    per_code_daily: int = 20  # and per day
    overall: int = 300  # failures for all codes together ...
    overall_window: timedelta = timedelta(minutes=15)  # ... in this window

    @classmethod
    def from_env(cls) -> "Limits":
        """``KLANKBORD_FOLLOWUP_PER_CODE``, ``..._PER_CODE_DAILY``, ``..._OVERALL`` override the defaults."""
        def number(name: str, default: int) -> int:
            raw = os.environ.get(name, "").strip()
            return int(raw) if raw.isdigit() and int(raw) > 0 else default

        base = cls()
        return cls(
            per_code=number("KLANKBORD_FOLLOWUP_PER_CODE", base.per_code),
            per_code_daily=number("KLANKBORD_FOLLOWUP_PER_CODE_DAILY", base.per_code_daily),
            overall=number("KLANKBORD_FOLLOWUP_OVERALL", base.overall),
        )


class FollowupStore(Protocol):
    """What :func:`check` needs from storage."""

    def secret_hash(self, reference: str) -> Optional[str]: ...

    def followup_failures(self, key_hash: str, since: datetime) -> int: ...

    def followup_failures_total(self, since: datetime) -> int: ...

    def record_followup_attempt(self, key_hash: str, ok: bool, at: datetime) -> None: ...


@dataclass(frozen=True)
class Access:
    granted: bool
    reference: Optional[str] = None


DENIED = Access(False)


def new_secret() -> str:
    """Two words and two digits, e.g. ``wolk-tijger-47``: easy to read, write down and type."""
    first, second = secrets.choice(WORDS), secrets.choice(WORDS)
    while second == first:
        second = secrets.choice(WORDS)
    return f"{first}-{second}-{secrets.randbelow(100):02d}"


def normalize_secret(text: Optional[str]) -> Optional[str]:
    """The secret as typed (any case, spaces or dashes, or none) in one form; None if malformed."""
    if not text or len(text) > 100:
        return None
    cleaned = "".join(ch for ch in text.lower() if ch.isalnum())
    if not _SECRET_RE.match(cleaned) or not 4 <= len(cleaned) <= 40:
        return None
    return cleaned


def hash_for_storage(secret: str) -> str:
    """The argon2 hash stored for a new secret."""
    normalized = normalize_secret(secret)
    if normalized is None:
        raise ValueError("not a secret made by new_secret()")
    return hash_secret(normalized)


def attempt_key(reference: Optional[str]) -> str:
    """What the attempts table stores for a typed code: a hash, never the code itself."""
    return hashlib.sha256(f"klankbord-followup:{reference or _MALFORMED_KEY}".encode()).hexdigest()


def is_limited(store: FollowupStore, key: str, now: datetime, limits: Limits) -> bool:
    return (
        store.followup_failures(key, now - limits.per_code_window) >= limits.per_code
        or store.followup_failures(key, now - timedelta(days=1)) >= limits.per_code_daily
        or store.followup_failures_total(now - limits.overall_window) >= limits.overall
    )


def check(store: FollowupStore, reference_text: Optional[str], secret_text: Optional[str],
          now: datetime, limits: Limits = Limits()) -> Access:
    """Does this code + secret open a report? :data:`DENIED` for every kind of failure."""
    reference = normalize_reference(reference_text or "") if reference_text and len(reference_text) < 100 else None
    secret = normalize_secret(secret_text)
    key = attempt_key(reference)
    limited = is_limited(store, key, now, limits)
    stored = store.secret_hash(reference) if reference is not None and not limited else None
    # Exactly one argon2 verify on every path (a dummy hash when there is nothing to compare).
    ok = verify(stored, secret or "-") and secret is not None and not limited
    store.record_followup_attempt(key, ok, now)
    return Access(True, reference) if ok else DENIED

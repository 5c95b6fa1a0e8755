"""The pupil's way back without an account: reference code + a short secret shown once.

Pure logic over a small store interface (:class:`FollowupStore`), so it is unit-tested without a
database; :mod:`bot.services.checkin` runs it against the real tables.

- :func:`new_secret` draws two short Dutch words and two digits, e.g. ``wolk-tijger-47``
  (about 23 bits, on top of the ~56-bit reference code; the limits below make guessing useless).
- :func:`check` answers :data:`DENIED` — one and the same value — for every failure: a malformed
  or unknown code, a wrong secret; and :data:`LIMITED` once a limit is reached, so the pupil is
  told to try later rather than that the secret is wrong. It always runs exactly one argon2 verify
  (against a dummy hash when the code is unknown or the attempt is refused), so neither the
  answer nor its timing tells whether a code exists.
- Limits: per reference code and per client (the chat channel's daily keyed pseudonym of the
  address, never the address), counted over failures. None over all codes together.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Optional, Protocol

from bot.services.passwords import hash_secret, verify
from bot.domain.report import normalize_reference

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
    """How many failed checks are allowed (failures only; a success never counts).

    Per reference code and per client (the chat channel's daily pseudonym of the address):
    a client that guesses many codes is slowed down, and every other pupil still gets in.
    There is no limit over all codes together: it would let one client lock out everyone.
    """

    per_code: int = 5  # failures per reference code ...
    per_code_window: timedelta = timedelta(hours=1)  # ... in this window
    per_code_daily: int = 20  # and per day
    per_client: int = 10  # failures from one client ...
    per_client_window: timedelta = timedelta(minutes=15)  # ... in this window
    per_client_daily: int = 50  # and per day


class FollowupStore(Protocol):
    """What :func:`check` needs from storage."""

    def secret_hash(self, reference: str) -> Optional[str]: ...

    def followup_failures(self, key_hash: str, since: datetime) -> int: ...

    def record_followup_attempt(self, key_hash: str, ok: bool, at: datetime) -> None: ...


@dataclass(frozen=True)
class Access:
    granted: bool
    reference: Optional[str] = None
    limited: bool = False


DENIED = Access(False)
"""Every failure that is not a limit: unknown or malformed code, wrong or empty secret."""
LIMITED = Access(False, limited=True)
"""Too many failures for this code or from this client: try again later (says nothing of the code)."""


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


def client_attempt_key(client: str) -> str:
    """What the attempts table stores for a client: a hash of its (already keyed) pseudonym."""
    return hashlib.sha256(f"klankbord-followup-client:{client}".encode()).hexdigest()


def is_limited(store: FollowupStore, key: str, now: datetime, limits: Limits,
               client_key: Optional[str] = None) -> bool:
    if (store.followup_failures(key, now - limits.per_code_window) >= limits.per_code
            or store.followup_failures(key, now - timedelta(days=1)) >= limits.per_code_daily):
        return True
    return client_key is not None and (
        store.followup_failures(client_key, now - limits.per_client_window) >= limits.per_client
        or store.followup_failures(client_key, now - timedelta(days=1)) >= limits.per_client_daily
    )


def check(store: FollowupStore, reference_text: Optional[str], secret_text: Optional[str],
          now: datetime, limits: Limits = Limits(), client: Optional[str] = None) -> Access:
    """Does this code + secret open a report? :data:`LIMITED` past a limit, :data:`DENIED` for
    every other failure. ``client`` is the chat's pseudonym of the sender's address, if known."""
    reference = normalize_reference(reference_text or "") if reference_text and len(reference_text) < 100 else None
    secret = normalize_secret(secret_text)
    key = attempt_key(reference)
    client_key = client_attempt_key(client) if client else None
    limited = is_limited(store, key, now, limits, client_key)
    stored = store.secret_hash(reference) if reference is not None and not limited else None
    # Exactly one argon2 verify on every path (a dummy hash when there is nothing to compare).
    ok = verify(stored, secret or "-") and secret is not None and not limited
    store.record_followup_attempt(key, ok, now)
    if client_key is not None:
        store.record_followup_attempt(client_key, ok, now)
    if limited:
        return LIMITED
    return Access(True, reference) if ok else DENIED

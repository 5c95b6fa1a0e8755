"""Drives the Klankbord widget in a Playwright page the way a pupil does (used by the browser tests)."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple
from urllib.parse import urlsplit

CODE_RE = re.compile(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\b")
TIMEOUT_MS = 45_000
DEFAULT_EXIT_URL = "https://www.google.nl/search?q=weer"

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
# 200 % zoom of a 1280 x 800 window: the page lays out in 640 x 400 CSS pixels.
ZOOM_200 = {"width": 640, "height": 400}


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def save_text(path: Path, lines: List[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


AVOID_BUTTONS = ("stop", "hulp nu", "afbreken", "annuleer", "opnieuw", "wijzig", "aanpassen",
                 "niet versturen", "terug", "liever niet verder")
PREFER_BUTTONS = ("verstuur", "klopt", "ja", "anoniem", "zelf gepest", "ik word", "leerling",
                  "dat het stopt", "doorgaan", "verder")
# (question words, answer): the first entry whose words occur in the assistant's last message wins.
FREE_TEXT: List[Tuple[Tuple[str, ...], str]] = [
    (("volwassene",), "Nee, alleen kinderen uit mijn klas."),
    (("wie weet", "weet iemand", "al verteld", "geprobeerd", "weet er al", "al gedaan",
      "iemand verteld", "al iemand"), "Nog niemand, ik heb het nog aan niemand verteld."),
    (("hoe vaak", "hoe lang", "sinds wanneer", "sinds"), "Bijna elke dag, al een paar weken."),
    (("wanneer", "welk moment", "hoe laat", "tijdstip"), "In de pauze en na de gymles."),
    (("waar",), "In de kleedkamer bij de gymzaal."),
    (("wat zou je", "wat wil je", "wat moet er", "wat hoop", "wens", "zou helpen",
      "willen dat", "wil je dat er"), "Dat het stopt en dat iemand met ze praat."),
    (("wie doet", "wie zijn", "wie is", "namen", "betrokken", "wie pest", "wie"),
     "Een paar jongens uit mijn klas."),
    (("e-mail", "mailadres", "telefoonnummer", "bereiken", "contact"), "sam@example.org"),
    (("naam",), "Sam"),
    (("klas", "leerjaar"), "Klas 2b."),
    (("wat is er gebeurd", "vertel", "wat gebeurt", "beschrijf", "wat doen", "wat er"),
     "Ze schelden me uit en duwen me in de kleedkamer bij gym."),
]
DEFAULT_FREE_TEXT = "Ze schelden me uit en lachen me uit in de groepsapp."


def choose_button(titles: List[str], tried: Dict[str, int]) -> Optional[str]:
    """The button a pupil who wants to report would press; None if none fits."""
    allowed = [t for t in titles if not any(word in t.lower() for word in AVOID_BUTTONS)]
    allowed = [t for t in allowed if tried.get(t, 0) < 2] or allowed
    if not allowed:
        return None
    for word in PREFER_BUTTONS:
        for title in allowed:
            if re.search(r"\b" + re.escape(word), title.lower()):
                return title
    return allowed[0]


def free_text_for(question: str) -> Optional[str]:
    """A sensible typed answer when the question is recognisable, else None."""
    text = question.lower()
    for words, answer in FREE_TEXT:
        if any(re.search(r"\b" + re.escape(w) + r"\b", text) for w in words):
            return answer
    return None


def choose_text(question: str) -> str:
    return free_text_for(question) or DEFAULT_FREE_TEXT


class ChatPage:
    """Drives the widget on a page the way a pupil does, and reads what it shows.

    The school page holds only the launcher (``[data-kb=host]``: Hulp nu, Snel weg, the chat button)
    and an iframe from Klankbord's origin; the chat itself (``[data-kb=root]``) is inside that frame.
    """

    HOST = "[data-kb=host]"
    ROOT = "[data-kb=root]"
    FRAME = "iframe[data-kb=frame]"

    def __init__(self, page, web_url: str, school_url: Optional[str] = None) -> None:
        self.page = page
        self.web_url = web_url.rstrip("/")
        self.school_url = school_url or self.web_url + "/"

    @property
    def frame(self):
        """The chat's frame (a Playwright Frame), found anew after every navigation."""
        return self.page.wait_for_selector(self.FRAME, state="attached").content_frame()

    # navigation
    def goto(self) -> "ChatPage":
        self.page.goto(self.school_url)
        self.wait_ready()
        return self

    def wait_ready(self) -> "ChatPage":
        """Until the chat page in the frame has told the launcher it is ready."""
        self.page.wait_for_selector(self.HOST + "[data-kb-ready]", state="attached")
        self.frame.wait_for_selector(self.ROOT, state="attached")
        return self

    def open(self) -> "ChatPage":
        self.page.click("[data-kb=launcher]")
        self.frame.wait_for_selector("[data-kb=panel]", state="visible")
        return self

    # reading
    def messages(self) -> List[Tuple[str, str]]:
        return self.frame.eval_on_selector_all(
            "[data-kb=msg]",
            "nodes => nodes.map(n => [n.dataset.who, (n.querySelector('.kb-bubble') || {}).textContent || ''])",
        )

    def bot_texts(self) -> List[str]:
        return [text for who, text in self.messages() if who == "bot"]

    def reply_titles(self) -> List[str]:
        return self.frame.eval_on_selector_all("[data-kb=reply]", "nodes => nodes.map(n => n.textContent)")

    def state(self) -> str:
        return self.frame.get_attribute(self.ROOT, "data-kb-state") or ""

    def focused(self, expect: str = "") -> str:
        """data-kb of the focused element, inside the chat's frame when the focus is there
        ('' when outside the widget). With ``expect``, waits up to 2 s for the focus to get there
        and answers where it is then (a key's effect and the frame's message come a moment later)."""
        script = "() => (document.activeElement && document.activeElement.dataset.kb) || ''"
        # Focus crosses the frame's border a message later (the launcher's "open", the chat's
        # "close"): while it is on the frame but on nothing inside it, it is still moving.
        deadline = time.monotonic() + 2
        while True:
            top = self.page.evaluate(script)
            seen = top if top != "frame" else self.frame.evaluate(script)
            moving = top == "frame" and not seen
            if (not moving and (not expect or seen == expect)) or time.monotonic() > deadline:
                return seen
            self.page.wait_for_timeout(50)

    def storage(self) -> Dict[str, str]:
        """The chat's sessionStorage (Klankbord's origin, inside the frame)."""
        return self.frame.evaluate("() => Object.fromEntries(Object.entries(sessionStorage))")

    # acting
    def wait_reply(self, before: int) -> List[str]:
        """Wait until the widget is no longer busy; the bot messages that arrived since ``before``."""
        self.frame.wait_for_function(
            "sel => document.querySelector(sel).dataset.kbState !== 'busy'", arg=self.ROOT,
            timeout=TIMEOUT_MS,
        )
        return self.bot_texts()[before:]

    def type_message(self, text: str) -> List[str]:
        before = len(self.bot_texts())
        self.frame.fill("[data-kb=input]", text)
        self.frame.press("[data-kb=input]", "Enter")
        return self.wait_reply(before)

    def click_reply(self, title: str) -> List[str]:
        before = len(self.bot_texts())
        self.frame.locator("[data-kb=reply]", has_text=title).first.click()
        return self.wait_reply(before)

    def click_help(self) -> List[str]:
        before = len(self.bot_texts())
        self.frame.click("[data-kb=panel] [data-kb=help]")
        return self.wait_reply(before)


@dataclass
class ReportRun:
    code: Optional[str]
    turns: int
    clicks: int
    typed: int
    transcript: List[str]
    focus_after_reply: List[str]


def complete_report(chat: ChatPage, first_message: str, max_turns: int = 30) -> ReportRun:
    """Tell what happens, then answer every question (buttons where offered, free text otherwise)
    until a reply holds a reference code or ``max_turns`` is reached."""
    transcript: List[str] = []
    focus: List[str] = []
    tried: Dict[str, int] = {}
    clicks = typed = 0
    replies = chat.type_message(first_message)
    typed += 1
    transcript += [f"> {first_message}"] + [f"< {r}" for r in replies]
    focus.append(chat.focused())
    typed_for: set = set()  # questions already answered by typing, even where buttons were offered
    for turn in range(1, max_turns + 1):
        found = next((m.group(0) for r in replies for m in [CODE_RE.search(r)] if m), None)
        if found:
            return ReportRun(found, turn, clicks, typed, transcript, focus)
        asked = [r for r in replies if "?" in r] or replies or chat.bot_texts()[-1:]
        question = asked[-1] if asked else ""
        titles = chat.reply_titles()
        button = choose_button(titles, tried) if titles else None
        # Buttons are offered, but free text must work too: type a recognisable answer now and
        # then (never twice to the same question, and not more often than clicking).
        typed_here = free_text_for(question)
        if button and typed_here and question not in typed_for and typed - 1 < clicks:
            button = None
        if "volwassene" in question.lower():  # "is it about an adult at school?": not in these runs
            button = "Nee" if "Nee" in titles and question in typed_for else None
        if button:
            tried[button] = tried.get(button, 0) + 1
            transcript.append(f"> [{button}]")
            replies = chat.click_reply(button)
            clicks += 1
        else:
            typed_for.add(question)
            answer = typed_here or choose_text(question)
            transcript.append(f"> {answer}")
            replies = chat.type_message(answer)
            typed += 1
        transcript += [f"< {r}" for r in replies]
        focus.append(chat.focused())
    return ReportRun(None, max_turns, clicks, typed, transcript, focus)



"""A room's state, in memory only: the vote that is open, its counts, the learners' lines
waiting for the facilitator, and the limits every message from a phone meets. No I/O here:
the server (server.py) feeds it messages that it has already parsed as JSON.

A phone is known by a device token and nothing else: random, signed with the room's secret
(so a token made up or brought from another room is refused), kept by the phone for this
room only. While a vote is open the room keeps each token's choice, so a changed vote
counts once; when the facilitator closes the vote only the counts stay."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass, field

# Room codes: 8 characters of Crockford's base32 (no I, L, O, U), 40 bits, shown as XXXX-XXXX.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
MAX_CHOICES = 9
MAX_TEXT = 4000  # a decision's situation as the facilitator's screen sends it
MAX_CHOICE_TEXT = 600
MAX_LINE = 200  # a learner's line
LINES_PER_PHONE = 3  # per decision
MAX_WAITING_LINES = 200
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


class Refused(ValueError):
    """A message the room will not act on; its text is what the sender is told."""


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def clean_code(text: str) -> str:
    """A code as typed (lower case, no dash, O for 0...) in the shape new_code writes."""
    raw = str(text).upper().replace("-", "").replace(" ", "")
    raw = raw.translate(str.maketrans("OIL", "011"))
    if len(raw) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in raw):
        return ""
    return f"{raw[:4]}-{raw[4:]}"


def one_line(text: object, limit: int) -> str:
    """Text from a phone or the facilitator's screen as one plain line: no control or bidi
    characters, spaces collapsed; refused when empty or longer than ``limit``."""
    if not isinstance(text, str):
        raise Refused("text must be a string")
    cleaned = " ".join(CONTROL.sub("", text).split())
    if not cleaned:
        raise Refused("the text is empty")
    if len(cleaned) > limit:
        raise Refused(f"the text is longer than {limit} characters")
    return cleaned


@dataclass
class Decision:
    """What phones see of a decision: its situation and choices, never the feedback."""

    id: str
    text: str
    choices: list[str]
    words: bool  # the decision asks for the learner's own words: phones may send a line

    @classmethod
    def from_message(cls, data: object) -> Decision:
        if not isinstance(data, dict):
            raise Refused("decision: must be an object")
        ident = data.get("id")
        if not isinstance(ident, str) or not re.fullmatch(r"[A-Za-z0-9_.:-]{1,80}", ident):
            raise Refused("decision: id must be 1-80 letters, digits or _.:-")
        choices = data.get("choices")
        if not isinstance(choices, list) or len(choices) == 1 or len(choices) > MAX_CHOICES:
            raise Refused(f"decision: choices must be none (not yet shown) or 2 to {MAX_CHOICES}")
        return cls(
            id=ident,
            text=one_line(data.get("text"), MAX_TEXT),
            choices=[one_line(c, MAX_CHOICE_TEXT) for c in choices],
            words=bool(data.get("words")),
        )

    def public(self) -> dict:
        return {"id": self.id, "text": self.text, "choices": self.choices, "words": self.words}


@dataclass
class Line:
    id: int
    decision: str
    text: str


@dataclass
class Room:
    code: str = field(default_factory=new_code)
    key: str = field(default_factory=lambda: secrets.token_urlsafe(24))  # the facilitator's
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))  # signs tokens
    decision: Decision | None = None
    open: bool = False  # whether the decision on screen takes votes
    votes: dict[str, int] = field(default_factory=dict)  # token -> choice, while open
    closed: dict[str, list[int]] = field(default_factory=dict)  # decision id -> final counts
    waiting: dict[int, Line] = field(default_factory=dict)  # lines the facilitator has not read
    shown: list[Line] = field(default_factory=list)  # lines the facilitator chose to show
    sent: dict[str, int] = field(default_factory=dict)  # token -> lines at this decision
    next_line: int = 1
    active: float = field(default_factory=time.monotonic)
    ended: bool = False

    # ---- device tokens
    def _sign(self, nonce: str) -> str:
        return hmac.new(self.secret, nonce.encode(), hashlib.sha256).hexdigest()[:24]

    def new_token(self) -> str:
        nonce = secrets.token_urlsafe(12)
        return f"{nonce}.{self._sign(nonce)}"

    def valid_token(self, token: object) -> bool:
        if not isinstance(token, str) or len(token) > 64 or token.count(".") != 1:
            return False
        nonce, mac = token.split(".")
        return hmac.compare_digest(mac, self._sign(nonce))

    # ---- the facilitator's moves
    def open_vote(self, decision: Decision) -> None:
        self.close_vote()
        self.decision, self.open = decision, True
        self.votes, self.sent = {}, {}
        self.touch()

    def close_vote(self) -> None:
        """Voting stops; the counts are kept, who chose what is forgotten."""
        if self.decision and self.open:
            self.closed[self.decision.id] = self.counts()
        self.open = False
        self.votes, self.sent = {}, {}
        self.touch()

    def counts(self) -> list[int]:
        if not self.decision:
            return []
        if not self.open:
            return self.closed.get(self.decision.id, [0] * len(self.decision.choices))
        out = [0] * len(self.decision.choices)
        for choice in self.votes.values():
            out[choice] += 1
        return out

    def show_line(self, ident: object) -> Line:
        line = self.waiting.pop(ident if isinstance(ident, int) else -1, None)
        if line is None:
            raise Refused("no such line is waiting")
        self.shown.append(line)
        self.touch()
        return line

    def drop_line(self, ident: object) -> None:
        if self.waiting.pop(ident if isinstance(ident, int) else -1, None) is None:
            raise Refused("no such line is waiting")

    def end(self) -> None:
        self.close_vote()
        self.ended = True
        self.waiting.clear()

    def touch(self) -> None:
        self.active = time.monotonic()

    # ---- what phones send
    def vote(self, token: str, decision: object, choice: object) -> int:
        if not self.decision or decision != self.decision.id:
            raise Refused("that decision is not on screen")
        if not self.open:
            raise Refused("voting on this decision is closed")
        if not isinstance(choice, int) or isinstance(choice, bool):
            raise Refused("choice must be a number")
        if not 0 <= choice < len(self.decision.choices):
            raise Refused("no such choice")
        self.votes[token] = choice
        return choice

    def add_line(self, token: str, decision: object, text: object) -> Line:
        if not self.decision or decision != self.decision.id or not self.open:
            raise Refused("that decision is not taking lines")
        if not self.decision.words:
            raise Refused("this decision does not ask for your own words")
        if self.sent.get(token, 0) >= LINES_PER_PHONE:
            raise Refused(f"at most {LINES_PER_PHONE} lines from one phone at a decision")
        if len(self.waiting) >= MAX_WAITING_LINES:
            raise Refused("the facilitator has many lines to read; try again later")
        line = Line(self.next_line, self.decision.id, one_line(text, MAX_LINE))
        self.next_line += 1
        self.sent[token] = self.sent.get(token, 0) + 1
        self.waiting[line.id] = line
        return line

    def phone_state(self, token: str) -> dict:
        """What a phone shows on joining or coming back: the decision, whether it takes votes,
        and this phone's own choice (nobody else's)."""
        return {
            "decision": self.decision.public() if self.decision else None,
            "open": self.open,
            "mine": self.votes.get(token),
        }


class Bucket:
    """A token bucket: ``rate`` messages a second on average, bursts up to ``burst``."""

    def __init__(self, rate: float, burst: int):
        self.rate, self.burst = rate, burst
        self.level, self.at = float(burst), time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.level = min(self.burst, self.level + (now - self.at) * self.rate)
        self.at = now
        if self.level < 1:
            return False
        self.level -= 1
        return True

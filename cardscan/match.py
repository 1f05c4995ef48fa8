"""Duplicate detection in three steps: normalise, block, score.

1. **Normalise**: a :class:`PersonRecord` is built from a generic CSV row
   (CONTRACT section 2) or a :class:`~cardscan.types.ParsedCard`; its compared
   forms (folded name, reading, company key, personal vs generic mailboxes,
   mobiles vs lines) are computed once.
2. **Block**: :func:`person_keys` gives typed keys (``email:``, ``mobile:``,
   ``phone:``, ``name:``, ``namedel:``, ``reading:``, ``namelatin:``,
   ``coname:``). Only records sharing a key are compared. A service stores the
   keys in an indexed column; :class:`MatchIndex` does the same in memory.
3. **Score**: :func:`score` weighs explicit evidence (log-odds, as in a
   Fellegi-Sunter model with hand-set weights) and says why. A mobile or a
   personal address that also belongs to someone else with another name is a
   shared line and counts for (almost) nothing; so do main lines, faxes, URLs
   and ``info@`` mailboxes. The same name alone is weak evidence, because
   namesakes are common; how weak depends on how many stored people carry
   it (a term-frequency adjustment, :func:`name_rarity_weight`).

The decision follows :class:`MatchSettings`: ``merge`` above the automatic
threshold, ``suggest`` between, ``new`` below.

A service with a database uses it like this (no ORM in here):

1. on save, store ``person_keys(record)`` in an indexed ``(key, contact_id)``
   table, next to the contact's ``name_key``;
2. for a new card, select the contacts sharing any of its keys (skipping
   keys carried by more than ``settings.max_block`` contacts), and for its
   contact keys the ``name_key`` of every contact carrying them; count the
   contacts carrying its ``name_key`` (a :class:`NameFrequency`);
3. call :func:`rank_candidates` and act on the best candidate's decision
   (merge, open a suggestion, or create), recording a career step when
   ``career_change`` is set.

A bulk import can instead load the contacts into a :class:`MatchIndex` and
call :meth:`MatchIndex.resolve` for each row: same scores, no round trips.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import Hamming, Levenshtein

from cardscan.matchkeys import (
    FREE_MAIL_DOMAINS,
    company_domain,
    company_key,
    email_domain,
    fold_name,
    fold_reading,
    is_generic_mailbox,
    is_mobile_number,
    name_deletion_keys,
    nfkc,
    romaji_anagram,
    romaji_of_kana,
    romaji_tokens,
)
from cardscan.normalize import InvalidPhone, normalize_email, normalize_phone
from cardscan.types import PHONE_TYPES, ParsedCard, PhoneType

Decision = Literal["merge", "suggest", "new"]
RecordId = int | str
PhoneEntry = tuple[PhoneType, str]

#: Key prefixes that identify a way to reach someone; one shared by people
#: with different names is a shared line or mailbox.
CONTACT_KEY_TYPES: frozenset[str] = frozenset({"email", "mobile", "phone"})


@dataclass(frozen=True)
class MatchSettings:
    """Thresholds and weights of the matcher (all in one place so a deployment can tune them).

    Attributes:
        auto_merge: Score at or above which two records are merged without asking.
        suggest: Score at or above which a merge suggestion is opened.
        max_block: Keys shared by more records than this are not used to find
            candidates (a main line of a 3,000-person company says nothing).
        max_candidates: At most this many candidates are scored, those sharing
            the most keys first.
        prior: Log-odds that two records sharing some key are one person.
        merge_needs_contact: An automatic merge also needs a shared mobile,
            personal email or direct line, however high the score, unless
            ``merge_on_unique_name`` applies.
        merge_on_unique_name: A pair at one employer with a rare name (its
            term-frequency weight positive), the same department or title and
            no disagreeing mobile, mailbox or work line may be merged automatically
            without a shared contact: the namesake colleague the rule above
            guards against is unlikely to exist.
        w_name_rare: Top term-frequency adjustment of an exact name
            agreement (Fellegi-Sunter/Splink style), for a name nobody else
            in a big base carries; it falls by ``ln(1 + n)`` for a name ``n``
            other stored people also carry (see :func:`name_rarity_weight`).
        w_name_common_floor: The lowest that adjustment goes (a very common name).
        tf_reference_population: A name nobody else carries starts to count
            as rare in a base of more people than this (the bonus grows as
            ``ln(population / tf_reference_population)`` up to ``w_name_rare``).
        w_mobile_one_side: Two cards from two employers with no shared
            contact where only one prints a mobile (a mobile usually moves
            with its owner).
        w_contact_slip: One name on both cards and a mobile one digit, or a
            mailbox one letter, apart: a slip of OCR or typing. Two namesakes
            whose own numbers or mailboxes come that close are far rarer than
            the slip, so the pair counts as identified.
    """

    auto_merge: float = 0.97
    suggest: float = 0.5
    max_block: int = 200
    max_candidates: int = 50
    prior: float = -5.0
    merge_needs_contact: bool = True
    merge_on_unique_name: bool = True
    w_mobile: float = 9.0
    w_email: float = 9.0
    w_shared_contact: float = 0.5
    w_direct_line: float = 1.5
    w_name_equal: float = 5.0
    w_name_near: float = 3.0
    w_name_close: float = -2.0
    w_name_differs: float = -7.0
    w_latin_equal: float = 4.0
    w_reading_equal: float = 1.5
    w_reading_differs: float = -3.0
    w_same_company: float = 2.0
    w_name_and_company: float = 1.0
    w_company_differs: float = -1.5
    w_email_conflict: float = -2.5
    w_mobile_conflict: float = -1.5
    w_department: float = 0.5
    w_title: float = 0.3
    w_address: float = 0.3
    w_name_rare: float = 2.5
    tf_reference_population: float = 1000.0
    w_mobile_one_side: float = -2.0
    w_name_common_floor: float = -2.0
    w_contact_slip: float = 6.0

    def __post_init__(self) -> None:
        if not 0.0 < self.suggest <= self.auto_merge <= 1.0:
            raise ValueError(f"need 0 < suggest <= auto_merge <= 1, got {self.suggest}, {self.auto_merge}")
        if self.max_block < 1 or self.max_candidates < 1:
            raise ValueError("max_block and max_candidates must be positive")

    def decide(self, score: float) -> Decision:
        """The decision for a score."""
        if score >= self.auto_merge:
            return "merge"
        if score >= self.suggest:
            return "suggest"
        return "new"


DEFAULT_SETTINGS = MatchSettings()


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    text = nfkc(value)
    return text or None


@dataclass(frozen=True)
class PersonRecord:
    """One person as seen on one card, CSV row or merged contact.

    Emails are lowercase addresses; phones are ``(type, e164)`` pairs. Build
    one with :meth:`from_row` or :meth:`from_card` to get those normalised.
    """

    id: RecordId
    name: str | None = None
    name_reading: str | None = None
    name_latin: str | None = None
    company: str | None = None
    department: str | None = None
    title: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[PhoneEntry, ...] = ()
    urls: tuple[str, ...] = ()
    address: str | None = None
    postal_code: str | None = None

    def __post_init__(self) -> None:
        for email in self.emails:
            if "@" not in email or email != email.lower():
                raise ValueError(f"not a normalised email: {email!r}")
        for kind, e164 in self.phones:
            if kind not in PHONE_TYPES:
                raise ValueError(f"unknown phone type: {kind!r}")
            if not (e164.startswith("+") and e164[1:].isdigit()):
                raise ValueError(f"not an E.164 number: {e164!r}")

    @classmethod
    def from_row(cls, row: Mapping[str, str | None], id: RecordId, *, region: str = "JP") -> PersonRecord:
        """A record from a generic CSV row (CONTRACT section 2 columns).

        Cells may hold several values separated by ``;`` or newlines. Phones
        that are not yet E.164 are normalised with ``region`` (or the row's
        ``country``); unreadable phones and emails are left out, since a
        matcher must not invent evidence.

        Args:
            row: Column name to cell text; missing columns count as empty.
            id: The record's identifier (row number, contact id ...).
            region: Default country for phones written without ``+CC``.

        Returns:
            The record.
        """
        country = (row.get("country") or "").strip().upper()
        phone_region = country if len(country) == 2 else region
        emails: list[str] = []
        for cell in _split_cell(row.get("email")):
            email = _email(cell)
            if email and email not in emails:
                emails.append(email)
        phones: list[PhoneEntry] = []
        for column, kind in (("mobile", "mobile"), ("phone", "work"), ("fax", "fax")):
            for cell in _split_cell(row.get(column)):
                e164 = _e164(cell, phone_region)
                if e164 is None:
                    continue
                entry: PhoneEntry = (kind, e164)  # type: ignore[assignment]
                if entry not in phones:
                    phones.append(entry)
        return cls(
            id=id,
            name=_clean(row.get("name")),
            name_reading=_clean(row.get("name_reading")),
            name_latin=_clean(row.get("name_latin")),
            company=_clean(row.get("company")),
            department=_clean(row.get("department")),
            title=_clean(row.get("title")),
            emails=tuple(emails),
            phones=tuple(phones),
            urls=tuple(u for u in _split_cell(row.get("url"))),
            address=_clean(row.get("address")),
            postal_code=_clean(row.get("postal_code")),
        )

    @classmethod
    def from_card(cls, card: ParsedCard, id: RecordId) -> PersonRecord:
        """A record from a parsed (and possibly reviewed) card."""
        return cls(
            id=id,
            name=_clean(card.name),
            name_reading=_clean(card.name_reading),
            name_latin=_clean(card.name_latin),
            company=_clean(card.company),
            department=_clean(card.department),
            title=_clean(card.title),
            emails=tuple(dict.fromkeys(e.lower() for e in card.emails)),
            phones=tuple(dict.fromkeys((p.type, p.e164) for p in card.phones)),
            urls=card.urls,
            address=_clean(card.address),
            postal_code=_clean(card.postal_code),
        )

    # Compared forms, computed once per record (a frozen dataclass still has a
    # __dict__, which is where cached_property keeps them).

    @cached_property
    def name_key(self) -> str:
        """The folded name (:func:`cardscan.matchkeys.fold_name`), ``""`` if none."""
        return fold_name(self.name) if self.name else ""

    @cached_property
    def name_is_latin(self) -> bool:
        return bool(self.name_key) and self.name_key.isascii()

    @cached_property
    def latin_key(self) -> str:
        """Sorted romanised words of the Latin name (printed or the name itself)."""
        source = self.name_latin or (self.name if self.name_is_latin else None)
        return " ".join(sorted(romaji_tokens(source))) if source else ""

    @cached_property
    def romaji_key(self) -> str:
        """Sorted letters of the romanised name (Latin name, else the reading)."""
        source = self.name_latin or (self.name if self.name_is_latin else None) or self.name_reading
        return romaji_anagram(source) if source else ""

    @cached_property
    def spoken_words(self) -> tuple[str, ...]:
        """The folded romaji words of the name: the Latin name's, else a spaced reading's."""
        if self.latin_key:
            return tuple(self.latin_key.split())
        if self.name_reading:
            words = _READING_SPACE.split(nfkc(self.name_reading).strip())
            return tuple(sorted(w for word in words for w in romaji_tokens(romaji_of_kana(word))))
        return ()

    @cached_property
    def reading_key(self) -> str:
        if self.name_reading:
            return fold_reading(self.name_reading)
        return ""

    @cached_property
    def department_key(self) -> str:
        return fold_name(self.department) if self.department else ""

    @cached_property
    def title_key(self) -> str:
        return fold_name(self.title) if self.title else ""

    @cached_property
    def address_key(self) -> str:
        return fold_name(self.address) if self.address else ""

    @cached_property
    def domain(self) -> str | None:
        """The employer's domain (URL or non-free email)."""
        return company_domain(self.emails, self.urls)

    @cached_property
    def company_key(self) -> str | None:
        return company_key(self.company, self.domain)

    @cached_property
    def personal_emails(self) -> frozenset[str]:
        return frozenset(e for e in self.emails if not is_generic_mailbox(e))

    @cached_property
    def generic_emails(self) -> frozenset[str]:
        return frozenset(e for e in self.emails if is_generic_mailbox(e))

    @cached_property
    def mobiles(self) -> frozenset[str]:
        return frozenset(n for k, n in self.phones if k == "mobile" or is_mobile_number(n))

    @cached_property
    def lines(self) -> frozenset[str]:
        """Work and other numbers that are not mobiles (direct or main lines)."""
        return frozenset(n for k, n in self.phones if k in ("work", "other") and not is_mobile_number(n))

    @cached_property
    def faxes(self) -> frozenset[str]:
        return frozenset(n for k, n in self.phones if k == "fax")

    @cached_property
    def keys(self) -> frozenset[str]:
        """The record's blocking keys (see :func:`person_keys`)."""
        return person_keys(self)


_PLAIN_EMAIL = re.compile(
    r"[a-z0-9][a-z0-9._%+'-]*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}"
)
_PHONE_CHARS = re.compile(r"[\s()\-./]")


def _email(cell: str) -> str | None:
    # Most imported addresses are already clean; the full normaliser (with its
    # OCR repairs and validation) is ten times slower, so it is the fallback.
    text = cell.strip().lower()
    if _PLAIN_EMAIL.fullmatch(text) and ".." not in text:
        return text
    return normalize_email(cell)


def _e164(cell: str, region: str) -> str | None:
    # Fast path for the two shapes nearly every CSV uses: E.164 and a
    # Japanese national number. Anything else goes to libphonenumber.
    digits = _PHONE_CHARS.sub("", nfkc(cell).replace("(0)", ""))
    if digits.startswith("+") and digits[1:].isdigit() and 8 <= len(digits) <= 16:
        return digits
    if (
        region == "JP"
        and digits.isdigit()
        and digits[0] == "0"
        and digits[1] != "0"
        and len(digits) in (10, 11)
    ):
        return "+81" + digits[1:]
    try:
        return normalize_phone(cell, region=region)
    except InvalidPhone:
        return None


def _split_cell(cell: str | None) -> Iterator[str]:
    if not cell:
        return
    for part in cell.replace("\n", ";").replace("；", ";").split(";"):
        part = part.strip()
        if part:
            yield part


def person_keys(rec: PersonRecord) -> frozenset[str]:
    """Typed blocking keys of a record.

    ``email:`` (personal addresses only: an ``info@`` mailbox would block a
    whole company together), ``mobile:``, ``phone:`` (work lines, shared or
    not: the index tells), ``name:`` and ``namedel:`` (the folded name and
    its one-character deletions, for OCR slips), ``reading:``, ``namelatin:``,
    ``romaji:`` (sorted letters of the romanised name or reading) and, for
    Latin names, ``coname:`` (company key plus the initial of a name word, so
    a misread name still meets the person's other cards). Faxes and URLs are never
    keys: they identify a company, not a person.

    Args:
        rec: The record.

    Returns:
        The keys, ready to store in an indexed column.
    """
    keys: set[str] = set()
    keys.update("email:" + e for e in rec.personal_emails)
    keys.update("mobile:" + n for n in rec.mobiles)
    keys.update("phone:" + n for n in rec.lines)
    if rec.name_key:
        keys.add("name:" + rec.name_key)
        if not rec.name_is_latin:
            keys.update("namedel:" + k for k in name_deletion_keys(rec.name_key))
    if rec.reading_key:
        keys.add("reading:" + rec.reading_key)
    if rec.latin_key:
        keys.add("namelatin:" + rec.latin_key)
    if rec.romaji_key:
        # Lets a card printed only in Latin letters meet the Japanese cards
        # of the same person through their romaji or their reading.
        keys.add("romaji:" + rec.romaji_key)
    if rec.company_key and rec.name_is_latin:
        # Latin names get no deletion keys (too long): an initial plus the
        # company lets "Srnith" at Globex meet "Smith" at Globex.
        keys.update(f"coname:{rec.company_key}|{w[0]}" for w in rec.latin_key.split())
    return frozenset(keys)


def key_type(key: str) -> str:
    """The prefix of a typed key (``"mobile"`` for ``"mobile:+8190..."``)."""
    return key.partition(":")[0]


# ------------------------------------------------------------------ scoring


@dataclass(frozen=True)
class MatchScore:
    """How likely two records are one person, why, and what to do.

    Attributes:
        score: Probability-like value in [0, 1].
        reasons: Human-readable evidence, strongest first ("same mobile", "name 0.93").
        decision: ``merge``, ``suggest`` or ``new`` under the settings used.
        career_change: Both records name a company and they differ: if merged,
            record the career step and take the newer company as current.
    """

    score: float
    reasons: tuple[str, ...]
    decision: Decision
    career_change: bool = False

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score out of range: {self.score}")
        if self.decision not in ("merge", "suggest", "new"):
            raise ValueError(f"unknown decision: {self.decision!r}")


@dataclass(frozen=True)
class NameFrequency:
    """How many stored people carry a name (its term frequency), and out of how many.

    Attributes:
        carriers: Stored people carrying the folded name, the record being
            matched left out (so a candidate with that name is one of them).
        population: Stored people in all (an estimate will do).
    """

    carriers: int
    population: int

    @property
    def namesakes(self) -> int:
        """Carriers besides the candidate the new record is compared with."""
        return max(0, self.carriers - 1)


@dataclass(frozen=True)
class MatchContext:
    """What the rest of the database says about a pair's shared keys.

    Attributes:
        shared_keys: Contact keys (``email:``, ``mobile:``, ``phone:``) that
            other people with other names also carry: shared lines and
            mailboxes, no evidence of identity.
        name_frequency: How common the pair's (equal) folded name is among
            the stored people; None when unknown. Only used when the two
            names are equal.
    """

    shared_keys: frozenset[str] = frozenset()
    name_frequency: NameFrequency | None = None


_NO_CONTEXT = MatchContext()


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, x))))


def name_similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two folded names (Latin names compare word sets)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if a.isascii() and b.isascii():
        return fuzz.token_sort_ratio(a, b, processor=None) / 100.0
    return Levenshtein.normalized_similarity(a, b, processor=None)


def _id_order(record_id: RecordId) -> tuple[int, int, str]:
    """A total order over record ids of either kind (numbers before texts)."""
    if isinstance(record_id, int):
        return (0, record_id, "")
    return (1, 0, record_id)


def _names_near(a: str, b: str) -> bool:
    """One slip apart: one wrong character in a Japanese name, a typo or an initial in a Latin one."""
    if not a or not b:
        return False
    if a == b:
        return True
    if a.isascii() and b.isascii():
        wa, wb = a.split(), b.split()
        if len(wa) == len(wb) <= 4 and any(
            all(x == y or (x[0] == y[0] and min(len(x), len(y)) == 1) for x, y in zip(wa, order, strict=True))
            for order in itertools.permutations(wb)
        ):
            # "J. Jones", "H. Hall" and "Hall H." for Hannah Hall: words or their initials, in any order.
            return True
        # "Jane Q. Doe" and "Jane Doe": the same words but for middle initials.
        extra = set(wa) ^ set(wb)
        if len(set(wa) & set(wb)) >= 2 and all(len(w) == 1 for w in extra):
            return True
        # "SOPHIEROBERTS", "WeiMingB. Tan": spaces lost, the letters all there.
        glued = len(wa) != len(wb) and (bool(set(wa) & set(wb)) or min(len(wa), len(wb)) == 1)
        if glued and _letters(a) == _letters(b):
            return True
        return (
            fuzz.token_sort_ratio(a, b, processor=None) >= 90
            and Levenshtein.distance("".join(sorted(wa)), "".join(sorted(wb)), processor=None) <= 2
        )
    return min(len(a), len(b)) >= 3 and Levenshtein.distance(a, b, processor=None) <= 1


def _short_name_slip(a: str, b: str) -> bool:
    """Two-glyph Japanese names one glyph apart (林 剛 and 休 剛): close, though too short to be near."""
    return len(a) == len(b) == 2 and not a.isascii() and Levenshtein.distance(a, b, processor=None) == 1


def _letters(text: str) -> str:
    return "".join(sorted(text.replace(" ", "")))


def _same_text(a: str, b: str) -> bool:
    return bool(a) and a == b


def same_company(a: PersonRecord, b: PersonRecord) -> bool | None:
    """True/False when both name an employer, ``None`` when one does not.

    Companies are one when they use one non-free domain (so 株式会社サンプル商事
    and Sample Trading Co., Ltd. on sample.co.jp are one company) or, when a
    domain is unknown, their keys match (legal form, width and spacing
    ignored). The same name on two different domains is undecided.
    """
    if not (a.company or a.domain) or not (b.company or b.domain):
        return None
    if a.domain and b.domain:
        if a.domain == b.domain:
            return True
        if a.company_key == b.company_key:
            # One name on two domains: two firms that share a name (a
            # 株式会社 and a 有限会社 in different cities), or one firm with
            # two domains. Not evidence either way.
            return None
        return False
    return a.company_key == b.company_key


def score(
    a: PersonRecord,
    b: PersonRecord,
    *,
    settings: MatchSettings = DEFAULT_SETTINGS,
    context: MatchContext = _NO_CONTEXT,
) -> MatchScore:
    """Score whether two records are the same person.

    Symmetric: ``score(a, b)`` equals ``score(b, a)``.

    Args:
        a: One record.
        b: The other.
        settings: Weights and thresholds.
        context: Keys known to be shared with other people (from an index).

    Returns:
        The score with its reasons, decision and career-change flag.
    """
    s = settings
    total = s.prior
    evidence: list[tuple[float, str]] = []
    shared = context.shared_keys

    def add(weight: float, reason: str) -> None:
        nonlocal total
        total += weight
        evidence.append((weight, reason))

    # Ways to reach the person.
    one_name = bool(a.name_key) and a.name_key == b.name_key and not _spoken_names_differ(a, b)
    common_mobiles = a.mobiles & b.mobiles
    identified = False  # a shared way to reach this very person
    mobiles_differ = mailboxes_differ = False
    if any("mobile:" + n not in shared for n in common_mobiles):
        add(s.w_mobile, "same mobile")
        identified = True
    elif common_mobiles:
        add(s.w_shared_contact, "mobile shared with others (ignored)")
    elif a.mobiles and b.mobiles:
        slip = one_digit_apart(a.mobiles, b.mobiles)
        if slip and one_name:
            add(s.w_contact_slip, "same name, mobiles one digit apart (OCR slip)")
            identified = True
        elif slip:
            add(0.0, "mobiles one digit apart (OCR slip?)")
        else:
            add(s.w_mobile_conflict, "different mobiles")
            mobiles_differ = True

    common_emails = a.personal_emails & b.personal_emails
    personal = [e for e in common_emails if "email:" + e not in shared]
    if personal:
        free = any(email_domain(e) in FREE_MAIL_DOMAINS for e in personal)
        add(s.w_email, "same personal email" if free else "same email")
        identified = True
    elif common_emails:
        add(s.w_shared_contact, "email shared with others (ignored)")
    elif one_name and not identified and not mobiles_differ and _email_slip(a, b, strict=True):
        add(s.w_contact_slip, "same name, emails one letter apart (OCR slip)")
        identified = True
    elif _email_slip(a, b):
        add(0.0, "emails one character apart (OCR slip?)")
    elif _email_conflict(a, b):
        add(s.w_email_conflict, "different emails at the same domain")
        mailboxes_differ = True
    reached = identified  # by a mobile or a mailbox of the person's own, not a line
    if a.generic_emails & b.generic_emails:
        add(0.0, "same company mailbox (ignored)")

    common_lines = a.lines & b.lines
    # A line two unrelated names both print is shared by definition.
    if common_lines and not _strangers(a, b) and any("phone:" + n not in shared for n in common_lines):
        add(s.w_direct_line, "same direct line")
        identified = True
    elif common_lines:
        add(0.0, "shared main line (ignored)")

    # The name, in every script we have.
    name_sim = 0.0
    if a.name_key and b.name_key and a.name_is_latin == b.name_is_latin:
        name_sim = name_similarity(a.name_key, b.name_key)
        if a.name_key == b.name_key:
            add(s.w_name_equal, "name equal")
        elif _names_near(a.name_key, b.name_key) and not _spoken_names_differ(a, b):
            add(s.w_name_near, f"name {name_sim:.2f} (one slip)")
        elif _names_near(a.name_key, b.name_key):
            # One character apart in writing but read differently: two names.
            add(s.w_name_differs, f"name {name_sim:.2f}, read differently")
        elif a.latin_key and a.latin_key == b.latin_key:
            add(s.w_name_near, f"name {name_sim:.2f}, latin name equal")
        elif name_sim >= 0.6 or _short_name_slip(a.name_key, b.name_key):
            add(s.w_name_close, f"name {name_sim:.2f}")
        else:
            add(s.w_name_differs, f"name differs ({name_sim:.2f})")
    elif a.latin_key and b.latin_key:
        if a.latin_key == b.latin_key or _names_near(a.latin_key, b.latin_key):
            add(s.w_latin_equal, "latin name equal")
        else:
            add(s.w_name_differs, "latin name differs")
    elif a.romaji_key and b.romaji_key:
        # One card in Latin letters, the other with only a kana reading.
        if a.romaji_key == b.romaji_key:
            add(s.w_latin_equal, "latin name equals reading")
        else:
            add(s.w_name_differs, "latin name differs from reading")
    if a.reading_key and b.reading_key:
        if a.reading_key == b.reading_key:
            weight = s.w_reading_equal if name_sim < 1.0 else s.w_reading_equal / 3
            add(weight, "reading equal")
        else:
            add(s.w_reading_differs, "reading differs")
    if _mailbox_names_another(a, b) or _mailbox_names_another(b, a):
        add(s.w_reading_differs, "mailbox spells another given name")
    frequency = context.name_frequency
    name_rarity = _name_rarity(a, b, frequency, s)
    if name_rarity is not None and frequency is not None:
        add(name_rarity, _rarity_reason(frequency.namesakes, name_rarity))
    both_japanese = a.name_key and b.name_key and not a.name_is_latin and not b.name_is_latin
    if both_japanese and a.latin_key and b.latin_key and not _names_near(a.latin_key, b.latin_key):
        # The printed romaji tell 森 直樹 (Naoki) from 森 英樹 (Hideki) when OCR
        # made the kanji look alike; like a reading, they are read by people.
        add(s.w_reading_differs, "latin name differs")

    # Where they work.
    company = same_company(a, b)
    career_change = False
    if company is True:
        add(s.w_same_company, "same company")
        if a.name_key and a.name_key == b.name_key:
            # One name at one employer is most likely one person (a reprint,
            # a promotion); namesakes mostly meet across companies.
            add(s.w_name_and_company, "same name at the same company")
        if _same_text(a.department_key, b.department_key):
            add(s.w_department, "same department")
        if _same_text(a.title_key, b.title_key):
            add(s.w_title, "same title")
    elif company is False:
        add(s.w_company_differs, "company differs (job change?)")
        career_change = True
        if not identified and bool(a.mobiles) != bool(b.mobiles):
            # A mobile is the person's own and usually moves with them; only
            # one of two cards from two employers printing one is a hint of two people.
            add(s.w_mobile_one_side, "mobile on one card only")
    if _same_text(a.address_key, b.address_key):
        add(s.w_address, "same address")

    value = _sigmoid(total)
    decision = s.decide(value)
    evidence.sort(key=lambda item: -abs(item[0]))
    reasons = [reason for _, reason in evidence]
    unique_colleague = (
        s.merge_on_unique_name
        and company is True
        and name_rarity is not None
        and name_rarity > 0
        and not _contacts_disagree(a, b)
        and not (a.lines and b.lines and not a.lines & b.lines)
        and (_same_text(a.department_key, b.department_key) or _same_text(a.title_key, b.title_key))
    )
    if decision == "merge" and s.merge_needs_contact and not identified and not unique_colleague:
        # Name, company, address, department and reading are shared by
        # namesake colleagues too; certainty needs a way to reach the person.
        decision = "suggest"
        reasons.append("no shared mobile, email or direct line: not merged automatically")
    elif decision == "merge" and mailboxes_differ and not reached:
        # Two mailboxes of their own at one firm are two people's, whatever line they share
        # (a main line no one else on file prints yet looks like a direct line).
        decision = "suggest"
        reasons.append("two mailboxes at one firm: not merged automatically")
    return MatchScore(
        score=round(value, 6),
        reasons=tuple(reasons),
        decision=decision,
        career_change=career_change and decision != "new",
    )


def name_rarity_weight(namesakes: int, population: int, settings: MatchSettings = DEFAULT_SETTINGS) -> float:
    """Term-frequency weight of an exact name agreement that ``namesakes`` other people share.

    A Fellegi-Sunter agreement weight is ``log(m/u)``; with term frequencies
    (as in Splink) ``u`` is the chance that someone else carries this very
    name, which grows with the number of people seen carrying it. The weight
    falls by ``ln(1 + namesakes)`` from its value for a name nobody else
    carries, and is floored at ``w_name_common_floor`` (佐藤 翔太 at a big firm).
    That nobody else carries a name says more the more people were seen: the
    top value is ``ln(population / tf_reference_population)``, between 0 (a
    small base tells nothing) and ``w_name_rare``.

    Args:
        namesakes: Stored people other than the pair carrying the name.
        population: Stored people in all.
        settings: Weights.

    Returns:
        The log-odds to add to the name agreement.
    """
    unique = math.log(max(1, population) / settings.tf_reference_population)
    top = min(settings.w_name_rare, max(0.0, unique))
    return max(settings.w_name_common_floor, top - math.log1p(max(0, namesakes)))


def _name_rarity(
    a: PersonRecord, b: PersonRecord, frequency: NameFrequency | None, s: MatchSettings
) -> float | None:
    """The term-frequency adjustment of a pair, None when it does not apply.

    It applies to equal names whose frequency is known, and only when the
    spoken forms the two cards print (reading, romaji) do not disagree.
    """
    if frequency is None or not a.name_key or a.name_key != b.name_key:
        return None
    if _spoken_names_differ(a, b):
        return None
    return name_rarity_weight(frequency.namesakes, frequency.population, s)


def _rarity_reason(namesakes: int, weight: float) -> str:
    if namesakes <= 0:
        return f"name carried by no one else ({weight:+.1f})"
    return f"name also carried by {namesakes} other{'s' if namesakes > 1 else ''} ({weight:+.1f})"


def _spoken_names_differ(a: PersonRecord, b: PersonRecord) -> bool:
    """Readings or printed romaji on both records, and they disagree."""
    if a.reading_key and b.reading_key and a.reading_key != b.reading_key:
        return True
    return bool(a.latin_key and b.latin_key) and not _names_near(a.latin_key, b.latin_key)


_READING_SPACE = re.compile(r"[\s・]+")
_MAILBOX_WORDS = re.compile(r"[._-]+")


def _mailbox_names_another(owner: PersonRecord, other: PersonRecord) -> bool:
    """``other``'s own mailbox spells ``owner``'s family name with another given name or initial.

    ``ytanaka@`` or ``yuko.tanaka@`` beside a card printing Hiroko Tanaka: the
    mailbox is a namesake's (田中 裕子 read Yuko), whatever the kanji say.
    """
    words = owner.spoken_words
    if len(words) != 2 or words[0] == words[1]:
        return False
    for email in other.personal_emails:
        local = email.rpartition("@")[0]
        parts = [w for w in _MAILBOX_WORDS.split(local) if w]
        if len(parts) == 1:
            # "ytanaka", "tanakay": an initial glued to the family name.
            for family in words:
                if parts[0][1:] == family:
                    parts = [parts[0][0], family]
                elif parts[0][:-1] == family:
                    parts = [family, parts[0][-1]]
        if len(parts) != 2:
            continue
        folded = [(romaji_tokens(p) or [p])[0] for p in parts]
        for family in words:
            if family not in folded:
                continue
            given = words[1] if family == words[0] else words[0]
            rest = folded[1 - folded.index(family)]
            if not rest.isalpha():
                continue
            if rest != given[0] if len(rest) == 1 else Levenshtein.distance(rest, given) > 1:
                # Not a letter misread ("daisuue" for daisuke): another name.
                return True
    return False


def _records_disagree(a: PersonRecord, b: PersonRecord, link: PersonRecord) -> bool:
    """Two records whose own contacts tell two people, unless the card ``link`` carries both.

    Two mobiles with none in common and not one digit apart (a card printing
    the old and the new mobile explains them); two mailboxes at one firm with
    none in common and not one letter apart; a mailbox naming another given
    name than the other's printed one.
    """
    mobiles_a, mobiles_b = a.mobiles, b.mobiles
    if (
        mobiles_a
        and mobiles_b
        and not mobiles_a & mobiles_b
        and not one_digit_apart(mobiles_a, mobiles_b)
        and not (mobiles_a & link.mobiles and mobiles_b & link.mobiles)
    ):
        return True
    emails_a, emails_b = a.personal_emails, b.personal_emails
    if (
        not emails_a & emails_b
        and _email_conflict(a, b)
        and not _email_slip(a, b)
        and not (emails_a & link.personal_emails and emails_b & link.personal_emails)
    ):
        return True
    return _mailbox_names_another(a, b) or _mailbox_names_another(b, a)


def _contacts_disagree(a: PersonRecord, b: PersonRecord) -> bool:
    """Both print a mobile, or both a personal address at one employer's domain.

    Called for pairs sharing neither: the two mobiles or the two mailboxes
    differ (even a one-character slip may be a namesake colleague's address).
    """
    return (
        bool(a.mobiles and b.mobiles)
        or _email_conflict(a, b)
        or _mailbox_names_another(a, b)
        or _mailbox_names_another(b, a)
    )


def _contact_slip(a: PersonRecord, b: PersonRecord) -> bool:
    """A mobile one digit, or a mailbox one letter, from the other's (see ``w_contact_slip``)."""
    return one_digit_apart(a.mobiles, b.mobiles) or _email_slip(a, b, strict=True)


def one_digit_apart(xs: Collection[str], ys: Collection[str]) -> bool:
    """Some number of ``xs`` and some of ``ys`` of one length differ in exactly one digit."""
    return any(len(x) == len(y) and Hamming.distance(x, y, processor=None) == 1 for x in xs for y in ys)


def _email_slip(a: PersonRecord, b: PersonRecord, *, strict: bool = False) -> bool:
    """Two addresses on one domain whose local parts differ by one character.

    ``strict`` asks for one letter read as another character, as OCR
    does: ``r-sato`` and ``rsato``, ``h.tanaka1`` and ``h.tanaka2``, or
    ``r.sato`` and ``r_sato`` are what namesake colleagues get.
    """
    for x in a.personal_emails:
        local_x, _, domain_x = x.rpartition("@")
        for y in b.personal_emails:
            local_y, _, domain_y = y.rpartition("@")
            if (
                domain_x == domain_y
                and min(len(local_x), len(local_y)) >= 5
                and Levenshtein.distance(local_x, local_y, processor=None) <= 1
                and (not strict or _letter_misread(local_x, local_y))
            ):
                return True
    return False


def _letter_misread(x: str, y: str) -> bool:
    """Two strings of one length that differ in one place inside a word, a letter on one side at least.

    Not a word's first or last letter: an initial there (``ykimura``, ``hkimura``)
    tells 裕子 read Yuko from 裕子 read Hiroko.
    """
    if len(x) != len(y):
        return False
    diff = [i for i, (p, q) in enumerate(zip(x, y, strict=True)) if p != q]
    if len(diff) != 1:
        return False
    i = diff[0]
    inside = 0 < i < len(x) - 1 and x[i - 1].isalpha() and x[i + 1].isalpha()
    return inside and (x[i].isalpha() or y[i].isalpha())


def _email_conflict(a: PersonRecord, b: PersonRecord) -> bool:
    """Both have personal addresses at one employer's domain, and none in common."""
    domains_a = {email_domain(e) for e in a.personal_emails} - FREE_MAIL_DOMAINS
    domains_b = {email_domain(e) for e in b.personal_emails} - FREE_MAIL_DOMAINS
    return bool(domains_a & domains_b)


# ------------------------------------------------------------------ candidates


@dataclass(frozen=True)
class Candidate:
    """An existing record scored against a new one."""

    record: PersonRecord
    match: MatchScore


def _strangers(a: PersonRecord, b: PersonRecord) -> bool:
    """Both names known and unrelated in every script we have."""
    return bool(a.name_key and b.name_key) and not (
        _names_near(a.name_key, b.name_key)
        or (a.reading_key and a.reading_key == b.reading_key)
        or (a.latin_key and a.latin_key == b.latin_key)
    )


def shared_keys(
    a: PersonRecord, b: PersonRecord, names_on_key: Mapping[str, Collection[str]]
) -> frozenset[str]:
    """The contact keys of a pair that other people also carry.

    A key is shared when some record carrying it has a name unlike both of
    the pair's names: two people with different names on one number make it
    a main line, not a mobile.

    Args:
        a: One record.
        b: The other.
        names_on_key: For each contact key, the folded names (``name_key``)
            of the stored records carrying it, e.g. from
            ``SELECT key, name_key FROM contact_keys JOIN contacts ...``.

    Returns:
        The shared keys among those ``a`` and ``b`` have in common.
    """
    result: set[str] = set()
    strangers_pair = _strangers(a, b)
    for key in a.keys & b.keys:
        if key_type(key) not in CONTACT_KEY_TYPES:
            continue
        if strangers_pair and key_type(key) == "phone":
            result.add(key)
            continue
        names = names_on_key.get(key, ())
        strangers = 0
        for name in names:
            if not name or _names_near(name, a.name_key) or _names_near(name, b.name_key):
                continue
            strangers += 1
            break
        if strangers:
            result.add(key)
    return frozenset(result)


def rank_candidates(
    rec: PersonRecord,
    candidates: Iterable[PersonRecord],
    names_on_key: Mapping[str, Collection[str]] | None = None,
    *,
    settings: MatchSettings = DEFAULT_SETTINGS,
    name_frequency: NameFrequency | None = None,
) -> list[Candidate]:
    """Score a record against candidates fetched by shared keys, best first.

    This is the step a service calls after fetching from its key table the
    contacts that share any of ``person_keys(rec)``.

    Args:
        rec: The new record.
        candidates: Stored records sharing at least one key.
        names_on_key: Names per contact key (see :func:`shared_keys`).
        settings: Weights and thresholds.
        name_frequency: How many stored records other than ``rec`` carry
            ``rec.name_key`` (e.g. ``SELECT count(*) ... WHERE name_key = ?``),
            out of how many; None when unknown, which leaves out the
            term-frequency evidence.

    Returns:
        Candidates with their scores, highest score first.
    """
    names_on_key = names_on_key or {}
    ranked = []
    for cand in candidates:
        if cand.id == rec.id:
            continue
        frequency = name_frequency if rec.name_key and cand.name_key == rec.name_key else None
        if _worth_scoring(rec, cand, names_on_key, settings, frequency):
            context = MatchContext(shared_keys(rec, cand, names_on_key), frequency)
            ranked.append(Candidate(cand, score(rec, cand, settings=settings, context=context)))
    ranked.sort(key=lambda c: -c.match.score)
    return ranked


#: A contact key carried by this many different names is a shared line or mailbox.
_SHARED_LINE_NAMES = 3
_NAME_KEY_TYPES = frozenset({"name", "reading", "namelatin", "romaji"})


def _worth_scoring(
    a: PersonRecord,
    b: PersonRecord,
    names_on_key: Mapping[str, Collection[str]],
    settings: MatchSettings = DEFAULT_SETTINGS,
    name_frequency: NameFrequency | None = None,
) -> bool:
    """False for pairs that cannot reach a suggestion, so a big block stays cheap.

    A pair that shares a personal way of reaching someone (mobile, email, a
    line not known to be shared) is always scored. Without one, a pair at two
    different companies can at best collect the name evidence minus the
    company penalty, which stays below the suggestion threshold (namesakes at
    other companies are the bulk of a big index's candidates); and a pair
    sharing no name key whose names are not even close cannot get there either.
    A name that few others carry (``name_frequency`` of the pair's equal names,
    see :func:`name_rarity_weight`) may lift a pair at two companies to a
    suggestion, so such pairs are scored.
    """
    common = a.keys & b.keys
    for key in common:
        kind = key_type(key)
        if kind in ("email", "mobile"):
            return True
        if kind == "phone" and len(names_on_key.get(key, ())) < _SHARED_LINE_NAMES:
            return True
    if a.name_key and a.name_key == b.name_key and _contact_slip(a, b):
        return True
    if same_company(a, b) is False and not namesakes_elsewhere_can_be_suggested(settings, name_frequency, a):
        return False
    if not a.name_key or not b.name_key:
        return True
    if any(key_type(key) in _NAME_KEY_TYPES for key in common):
        return True
    return _names_near(a.name_key, b.name_key) or name_similarity(a.name_key, b.name_key) >= 0.6


def namesakes_elsewhere_can_be_suggested(
    settings: MatchSettings, name_frequency: NameFrequency | None = None, rec: PersonRecord | None = None
) -> bool:
    """Whether a pair at two different companies with no shared contact can reach a suggestion.

    With the default weights only a pair with a rare name can (see
    :func:`name_rarity_weight`; ``name_frequency`` None when unknown), and
    only when the record (if given) has a reading to agree, so other such
    pairs need not be scored (or, in a service, even loaded): they are most
    of a big database's candidates for a common name.
    """
    rarity = 0.0
    if name_frequency is not None:
        weight = name_rarity_weight(name_frequency.namesakes, name_frequency.population, settings)
        rarity = max(0.0, weight)
    reading = rec is None or bool(rec.reading_key)
    address = rec is None or bool(rec.address_key)
    return _sigmoid(_best_without_contact(settings, reading, address) + rarity) >= settings.suggest


@functools.lru_cache(maxsize=64)
def _best_without_contact(s: MatchSettings, reading: bool = True, address: bool = True) -> float:
    """The highest log-odds a pair at two different companies can reach with no shared contact.

    ``reading`` and ``address`` say whether the record has one (without, they cannot agree).
    """
    read = max(0.0, s.w_reading_equal) if reading else 0.0
    best_name = max(s.w_name_equal + read / 3, s.w_name_near + read, s.w_latin_equal + read)
    return s.prior + best_name + s.w_company_differs + (max(0.0, s.w_address) if address else 0.0)


class MatchIndex:
    """In-memory blocking index: key → record ids, plus the names on each contact key.

    Used by the CSV import and the benchmark; a service with its own key table
    gets the same results from :func:`rank_candidates`.
    """

    def __init__(self, settings: MatchSettings = DEFAULT_SETTINGS) -> None:
        self.settings = settings
        self._records: dict[RecordId, PersonRecord] = {}
        self._postings: dict[str, set[RecordId]] = defaultdict(set)
        self._names: dict[str, Counter[str]] = defaultdict(Counter)

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._records

    def get(self, record_id: RecordId) -> PersonRecord:
        """The stored record with this id (KeyError if none)."""
        return self._records[record_id]

    def frequency(self, key: str) -> int:
        """How many stored records carry a key."""
        postings = self._postings.get(key)
        return len(postings) if postings else 0

    def add(self, rec: PersonRecord) -> None:
        """Store a record, replacing any stored one with the same id."""
        if rec.id in self._records:
            self.remove(rec.id)
        self._records[rec.id] = rec
        for key in rec.keys:
            self._postings[key].add(rec.id)
            if key_type(key) in CONTACT_KEY_TYPES:
                self._names[key][rec.name_key] += 1

    def remove(self, record_id: RecordId) -> PersonRecord:
        """Drop a record (after a merge) and return it."""
        rec = self._records.pop(record_id)
        for key in rec.keys:
            postings = self._postings[key]
            postings.discard(record_id)
            if not postings:
                del self._postings[key]
            if key_type(key) in CONTACT_KEY_TYPES:
                names = self._names[key]
                names[rec.name_key] -= 1
                if names[rec.name_key] <= 0:
                    del names[rec.name_key]
                if not names:
                    del self._names[key]
        return rec

    def candidates(self, rec: PersonRecord) -> list[PersonRecord]:
        """Stored records sharing a usable key with ``rec``, most shared keys first.

        Keys carried by more than ``max_block`` records are skipped: they are
        main lines or very common names and would only bring noise and time.
        So are contact keys already carried by three or more different names
        (a main line, a team mailbox): they never count as evidence.
        """
        hits: Counter[RecordId] = Counter()
        for key in rec.keys:
            postings = self._postings.get(key)
            if not postings or len(postings) > self.settings.max_block:
                continue
            names = self._names.get(key)
            if names is not None and len(names) >= _SHARED_LINE_NAMES:
                continue
            hits.update(postings)
        hits.pop(rec.id, None)
        # Ties broken by id, not by set iteration order (which changes with the hash seed):
        # the same data gives the same decisions in every run.
        ranked = sorted(hits.items(), key=lambda hit: (-hit[1], _id_order(hit[0])))
        return [self._records[i] for i, _ in ranked[: self.settings.max_candidates]]

    def names_on_keys(self, keys: Iterable[str]) -> dict[str, Collection[str]]:
        """For contact keys, the folded names of the stored records carrying them."""
        return {k: self._names[k].keys() for k in keys if k in self._names}

    def match(self, rec: PersonRecord) -> list[Candidate]:
        """Score ``rec`` against its candidates, best first."""
        return rank_candidates(
            rec,
            self.candidates(rec),
            self.names_on_keys(rec.keys),
            settings=self.settings,
            name_frequency=self.name_frequency(rec),
        )

    def name_frequency(self, rec: PersonRecord) -> NameFrequency | None:
        """How many stored records other than ``rec`` carry its folded name (None without a name)."""
        if not rec.name_key:
            return None
        stored = rec.id in self._records
        carriers = self.frequency("name:" + rec.name_key) - stored
        return NameFrequency(carriers, len(self._records) - stored)

    def best(self, rec: PersonRecord) -> Candidate | None:
        """The best candidate, or None when there is none."""
        ranked = self.match(rec)
        return ranked[0] if ranked else None

    def resolve(self, rec: PersonRecord) -> Resolution:
        """Match a new record and store the outcome, as an import does.

        Above the automatic threshold the record is merged into the best
        contact; when it is certain for several contacts (a job change that
        links a person's old and new cards) those contacts are merged too.
        Otherwise the record is stored as a new contact, with the best
        candidate named when it deserves a suggestion.

        Args:
            rec: The new record; its id becomes the contact id when it is new.

        Returns:
            What was done.
        """
        ranked = self.match(rec)
        if ranked and ranked[0].match.decision == "merge":
            target = ranked[0]
            merged = target.record
            absorbed: list[RecordId] = []
            for other in also_certain(rec, ranked):
                merged = merge_records(merged, self.remove(other.record.id))
                absorbed.append(other.record.id)
            self.add(merge_records(merged, rec))
            return Resolution("merge", target.record.id, target, tuple(absorbed))
        self.add(rec)
        if ranked and ranked[0].match.decision == "suggest":
            return Resolution("suggest", rec.id, ranked[0])
        return Resolution("new", rec.id, ranked[0] if ranked else None)


def also_certain(rec: PersonRecord, ranked: Sequence[Candidate]) -> list[Candidate]:
    """The other contacts a new record certainly is too, besides the best (``ranked[0]``).

    A card with the old mobile and the new employer's mailbox links a person's
    two records, which become one. Not when the two disagree with each other
    (two mobiles, two mailboxes at one firm, a mailbox naming another given
    name): then the card alone, matching both on name and firm, joined two
    namesake colleagues.

    Args:
        rec: The new record.
        ranked: Its candidates, best first (:func:`rank_candidates`).

    Returns:
        The candidates after the first whose decision is ``merge`` and which
        agree with the first and with each other.
    """
    if not ranked or ranked[0].match.decision != "merge":
        return []
    kept: list[Candidate] = []
    for cand in ranked[1:]:
        if cand.match.decision != "merge":
            continue
        if any(_records_disagree(cand.record, k.record, rec) for k in (ranked[0], *kept)):
            continue
        kept.append(cand)
    return kept


@dataclass(frozen=True)
class Resolution:
    """The outcome of :meth:`MatchIndex.resolve`.

    Attributes:
        decision: ``merge`` (into ``contact_id``), ``suggest`` (new contact,
            suggestion to merge with ``candidate``) or ``new``.
        contact_id: The contact the record now belongs to.
        candidate: The best candidate with its score and reasons, if any.
        absorbed: Other contacts merged into ``contact_id`` on the way.
    """

    decision: Decision
    contact_id: RecordId
    candidate: Candidate | None = None
    absorbed: tuple[RecordId, ...] = ()

    def __post_init__(self) -> None:
        if self.decision != "new" and self.candidate is None:
            raise ValueError(f"a {self.decision} needs a candidate")


# ------------------------------------------------------------------ merging


def merge_records(current: PersonRecord, new: PersonRecord) -> PersonRecord:
    """One record from a stored contact and a newer card of the same person.

    The newer card wins for what changes with a career (company, department,
    title, address); names and readings are kept unless missing; every email,
    phone and URL is kept, so both old and new ways to reach someone still
    find the contact.

    Args:
        current: The stored record (its id is kept).
        new: The newer card.

    Returns:
        The merged record.
    """

    def newer(attr: str) -> str | None:
        value: str | None = getattr(new, attr) or getattr(current, attr)
        return value

    def older(attr: str) -> str | None:
        value: str | None = getattr(current, attr) or getattr(new, attr)
        return value

    return replace(
        current,
        name=older("name"),
        name_reading=older("name_reading"),
        name_latin=older("name_latin"),
        company=newer("company"),
        department=newer("department") if new.company or not current.company else current.department,
        title=newer("title") if new.company or not current.company else current.title,
        emails=tuple(dict.fromkeys(current.emails + new.emails)),
        phones=tuple(dict.fromkeys(current.phones + new.phones)),
        urls=tuple(dict.fromkeys(current.urls + new.urls)),
        address=newer("address"),
        postal_code=newer("postal_code"),
    )


__all__ = [
    "CONTACT_KEY_TYPES",
    "DEFAULT_SETTINGS",
    "Candidate",
    "Decision",
    "MatchContext",
    "MatchIndex",
    "MatchScore",
    "MatchSettings",
    "NameFrequency",
    "PersonRecord",
    "Resolution",
    "company_key",
    "key_type",
    "merge_records",
    "name_rarity_weight",
    "name_similarity",
    "person_keys",
    "rank_candidates",
    "same_company",
    "score",
    "shared_keys",
]

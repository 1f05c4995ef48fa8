"""From what OCR read to the fields of a card: content first, layout second.

The parser works in three passes over the lines of an :class:`OcrPage`:

1. **Extract** what has an unmistakable shape wherever it is on a line:
   emails, URLs, phone numbers with their labels, postal codes. Several items
   on one line are all taken; what remains of the line goes on.
2. **Score** each remaining piece of text for every free-text field (name,
   company, title, department, address, reading) from lexicons (legal forms,
   titles, department suffixes, prefectures, street words), the Japanese
   name dictionary, and layout (glyph size: the name is usually the largest
   text; neighbours: a ふりがな sits next to the name, an address continues
   on the next line).
3. **Assign** the best piece to each field, one piece per field (departments
   and addresses may take two neighbouring pieces), check the Japanese postal
   code against its address, infer the country, and keep everything unused as
   ``leftover``.

Confidence per field is the OCR confidence of the line(s) it came from times
how sure the rule was.
"""

from __future__ import annotations

import logging
import re
import statistics
from dataclasses import dataclass, field
from typing import Final

import phonenumbers

from cardscan.lexicon import (
    ADDRESS_LABEL_RE,
    AU_POSTCODE_RE,
    CA_POSTCODE_RE,
    COUNTRY_NAME_RE,
    COUNTRY_NAMES,
    DEPT_EN_RE,
    DEPT_SUFFIXES_JA,
    EU_POSTCODE_RE,
    HONORIFICS_RE,
    JA_ADDRESS_RE,
    JA_BUILDING_RE,
    LEGAL_FORM_LATIN_RE,
    LEGAL_FORMS_JA,
    ORG_WORDS_JA,
    ORG_WORDS_LATIN_RE,
    PHONE_LABEL_RE,
    POST_NOMINALS_RE,
    PREFECTURE_RE,
    STREET_WORDS_RE,
    TAGLINE_HINTS,
    TITLE_EN_RE,
    TITLES_JA,
    UK_POSTCODE_RE,
    US_STATES,
    US_ZIP_RE,
    WEAK_TITLE_EN,
    contains_any,
    phone_label_kind,
)
from cardscan.names import (
    KANA_RE,
    KANJI_RE,
    clean_latin_name,
    kana_reading,
    latin_matches_reading,
    latin_name_score,
    person_name_score,
    split_japanese_name,
)
from cardscan.normalize import (
    EMAIL_RE,
    URL_RE,
    PhoneMatch,
    find_phone_matches,
    nfkc,
    normalize_address,
    normalize_email,
    normalize_postal_code,
    normalize_url,
    region_of_e164,
    repair_phone_text,
)
from cardscan.postal import check_address, lookup
from cardscan.types import Box, Line, OcrPage, ParsedCard, Phone, PhoneType

log = logging.getLogger(__name__)

#: Below this score a piece of text is not given to a field at all.
MIN_FIELD_SCORE: Final = 0.35

_JP_POSTAL_ANY = re.compile(
    r"(?P<mark>[〒〶〠T干=F7+Ŧ〤]{1,2})?\s*[:：]?\s*(?P<a>[0-9]{3})\s?-\s?(?P<b>[0-9]{4})(?![0-9]|-[0-9])"
)
# Bare codes; "7" is how Tesseract often reads a small 〒 glued to the digits.
_JP_POSTAL_BARE = re.compile(r"(?<![0-9+\-])7?([0-9]{3})-([0-9]{4})(?![0-9\-])")
_CC_RE = re.compile(r"\+\s?\(?\s?([1-9][0-9]{0,2})")
_JUNK_CHARS = re.compile(r"[^\w\u3040-\u30ff\u3400-\u9fff]")
_SEPARATORS = re.compile(r"\s*(?:\||｜|/|／|・{2,}|\s{2,}| - | – | — )\s*")


@dataclass
class _Piece:
    """A piece of a line left after extraction: the unit the scorer works on."""

    line: int  # index into the ordered lines
    text: str
    size: float  # glyph size relative to the card's median
    confidence: float
    scores: dict[str, float] = field(default_factory=dict)
    used: str | None = None


@dataclass
class _Work:
    """Mutable state while one card is parsed."""

    lines: list[Line]
    texts: list[str]
    rests: list[str]
    emails: list[tuple[str, float]] = field(default_factory=list)
    urls: list[tuple[str, float]] = field(default_factory=list)
    phones: list[tuple[Phone, float, bool]] = field(default_factory=list)  # phone, conf, valid
    postal: tuple[str, int, float] | None = None  # code, line index, conf
    foreign_postal: tuple[str, str, int] | None = None  # code, country, line
    regions: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- public API


def parse_text(text: str, *, default_region: str = "JP") -> ParsedCard:
    """Parse plain text, one card line per text line.

    Every line gets the same size and full confidence, so only content
    decides; useful for tests and for text that did not come from OCR.

    Args:
        text: The card's lines, separated by newlines.
        default_region: Country for phone numbers when the card does not tell.

    Returns:
        The parsed card.
    """
    lines = []
    for i, raw in enumerate(t for t in text.splitlines() if t.strip()):
        lines.append(Line(text=raw.strip(), box=Box(0, i * 40, 20 * len(raw), 30), confidence=1.0))
    page = OcrPage(lines=tuple(lines), width=1000, height=max(40 * len(lines), 1))
    return parse_page(page, default_region=default_region)


def parse_page(page: OcrPage, *, default_region: str = "JP") -> ParsedCard:
    """Parse the lines OCR read on one card into contact fields.

    Args:
        page: The OCR result (lines with boxes, confidences, vertical flags).
        default_region: Country for phone numbers printed without ``+CC`` when
            the card itself gives no hint (address, other numbers, script).

    Returns:
        The parsed card with per-field confidences and the unused lines.
    """
    lines = _reading_order(page)
    texts = [nfkc(line.text) for line in lines]
    work = _Work(lines=lines, texts=texts, rests=list(texts))
    _extract_emails_urls(work)
    _extract_marked_postal(work)
    region = _infer_region(work, default_region)
    _extract_phones(work, region)
    _extract_bare_postal(work)
    pieces = _pieces(work)
    for piece in pieces:
        piece.scores = _score(piece, work)
    _layout_adjust(pieces, work)
    return _assemble(work, pieces, region)


# ------------------------------------------------------------------- order


def _reading_order(page: OcrPage) -> list[Line]:
    """Lines in reading order: horizontal top to bottom, vertical right to left."""
    lines = [line for line in page.lines if line.text.strip()]

    def key(line: Line) -> tuple[int, float, float]:
        if line.vertical:
            group = 0 if page.vertical else 1
            return (group, -line.box.right, line.box.top)
        group = 1 if page.vertical else 0
        return (group, line.box.top, line.box.left)

    # Keep OCR's order for lines on the same visual row (a small overlap
    # tolerance, otherwise a 1-pixel difference would reorder a row).
    ordered = sorted(lines, key=key)
    return ordered


# ------------------------------------------------------------ extraction


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _extract_emails_urls(work: _Work) -> None:
    for i, text in enumerate(work.rests):
        conf = work.lines[i].confidence
        for match in list(EMAIL_RE.finditer(text)):
            email = normalize_email(match.group(0))
            if email:
                if email not in (e for e, _c in work.emails):
                    work.emails.append((email, conf))
                text = _blank(text, match.start(), match.end())
        for match in list(URL_RE.finditer(text)):
            candidate = match.group(0)
            # "Co.,Ltd." or a bare domain that is only an email's domain is not a URL.
            url = normalize_url(candidate)
            if url:
                if url not in (u for u, _c in work.urls):
                    work.urls.append((url, conf))
                text = _blank(text, match.start(), match.end())
        work.rests[i] = _strip_labels(text)


_LABEL_WORDS = re.compile(
    r"^(?:E-?mail|Mail|E|URL|Web(?:site)?|HP|W|Homepage|メール(?:アドレス)?|ホームページ)\s*[.:：]?$",
    re.IGNORECASE,
)


def _strip_labels(text: str) -> str:
    """"" when all that is left of a line is a label such as ``E-mail:`` or ``URL``."""
    return "" if _LABEL_WORDS.match(text.strip()) else text


def _extract_marked_postal(work: _Work) -> None:
    """Japanese postal codes with their 〒, or with what OCR made of it (T, 干, 7, F, +).

    A code without a real 〒 must exist in the postal data and sit next to an
    address, so that a phone number's digits are not taken for one.
    """
    for i, text in enumerate(work.rests):
        if work.postal is not None:
            return
        for match in _JP_POSTAL_ANY.finditer(text):
            before = text[: match.start()].rstrip()
            if before and before[-1] in "0123456789-()（）":
                continue
            code = f"{match.group('a')}-{match.group('b')}"
            mark = match.group("mark") or ""
            nxt = work.rests[i + 1] if i + 1 < len(work.rests) else ""
            context = _looks_like_ja_address(text[match.end() :]) or _looks_like_ja_address(nxt)
            if not (any(m in mark for m in "〒〶〠") or (lookup(code) and (context or mark))):
                continue
            work.postal = (code, i, work.lines[i].confidence)
            work.rests[i] = _blank(text, match.start(), match.end())
            break


def _extract_bare_postal(work: _Work) -> None:
    if work.postal is not None:
        return
    for i, text in enumerate(work.rests):
        match = _JP_POSTAL_BARE.search(text)
        if not match:
            continue
        code = f"{match.group(1)}-{match.group(2)}"
        after = text[match.end() :]
        nxt = work.rests[i + 1] if i + 1 < len(work.rests) else ""
        if lookup(code) or _looks_like_ja_address(after) or _looks_like_ja_address(nxt):
            work.postal = (code, i, work.lines[i].confidence * 0.9)
            work.rests[i] = _blank(text, match.start(), match.end())
            return


def _infer_region(work: _Work, default_region: str) -> str:
    """The country of numbers printed without ``+CC``: postal code, address, other numbers, script."""
    votes: dict[str, float] = {}

    def vote(region: str | None, weight: float) -> None:
        if region:
            votes[region] = votes.get(region, 0.0) + weight

    if work.postal is not None:
        vote("JP", 3.0)
    for text in work.rests:
        repaired = repair_phone_text(text)
        for match in _CC_RE.finditer(repaired):
            region = phonenumbers.region_code_for_country_code(int(match.group(1)))
            if region and region != "ZZ":
                vote(str(region), 2.0)
        if PREFECTURE_RE.search(text):
            vote("JP", 2.0)
        country = _country_in(text)
        if country:
            vote(country, 2.5)
        zip_match = US_ZIP_RE.search(text)
        if zip_match and zip_match.group(1) in US_STATES:
            vote("US", 1.5)
        if UK_POSTCODE_RE.search(text) and not KANJI_RE.search(text):
            vote("GB", 1.0)
    joined = "".join(work.texts)
    if KANJI_RE.search(joined) or KANA_RE.search(joined):
        vote("JP", 1.0)
    for email, _c in work.emails:
        tld = email.rsplit(".", 1)[-1]
        vote({"jp": "JP", "uk": "GB", "de": "DE", "fr": "FR", "au": "AU", "ca": "CA"}.get(tld), 0.5)
    if not votes:
        return default_region
    best = max(votes.items(), key=lambda item: item[1])
    work.regions = [r for r, _w in sorted(votes.items(), key=lambda item: -item[1])]
    return best[0]


def _country_in(text: str) -> str | None:
    match = COUNTRY_NAME_RE.search(text.strip().rstrip(".,"))
    return COUNTRY_NAMES.get(match.group(1).lower()) if match else None


def _line_only_label(text: str) -> PhoneType | None:
    stripped = text.strip().strip(":：.")
    kind = phone_label_kind(stripped)
    return kind  # type: ignore[return-value]


def _extract_phones(work: _Work, region: str) -> None:
    pending_label: PhoneType | None = None
    for i, text in enumerate(work.rests):
        conf = work.lines[i].confidence
        if not text.strip():
            continue
        label_only = _line_only_label(text)
        if label_only is not None:
            pending_label = label_only
            work.rests[i] = ""
            continue
        matches: list[PhoneMatch] = find_phone_matches(text, region=region, line_label=pending_label)
        pending_label = None
        if not matches:
            continue
        repaired = repair_phone_text(text)
        for match in matches:
            # An address line can hold digit groups libphonenumber finds
            # "possible"; demand a label or a +CC there.
            if _looks_like_ja_address(text) and match.label is None and not match.has_country_code:
                continue
            phone = match.to_phone()
            if all(p.e164 != phone.e164 for p, _c, _v in work.phones):
                work.phones.append((phone, conf, match.valid))
            repaired = _blank(repaired, match.start, match.end)
        # Drop the labels too, so "TEL FAX" leftovers do not become fields.
        repaired = PHONE_LABEL_RE.sub(lambda m: " " * len(m.group(0)), repaired)
        work.rests[i] = repaired if _meaningful(repaired) else ""


def _meaningful(text: str) -> bool:
    return len(_JUNK_CHARS.sub("", text)) >= 2


# -------------------------------------------------------------- pieces


def _pieces(work: _Work) -> list[_Piece]:
    sizes = [line.glyph_size for line in work.lines if line.glyph_size > 0]
    median = statistics.median(sizes) if sizes else 1.0
    pieces: list[_Piece] = []
    for i, rest in enumerate(work.rests):
        text = re.sub(r"\s+", " ", rest).strip(" ,;:|・")
        if not _meaningful(text):
            continue
        size = work.lines[i].glyph_size / median if median else 1.0
        conf = work.lines[i].confidence
        for part in _split(text):
            pieces.append(_Piece(line=i, text=part, size=size, confidence=conf))
    return pieces


def _split(text: str) -> list[str]:
    """Split a line into pieces that may be different fields."""
    if _has_legal_form(text) and not re.search(r"[|｜/／]", text):
        return _split_company(text)
    parts = [p.strip(" ,") for p in _SEPARATORS.split(text) if _meaningful(p)]
    out: list[str] = []
    for part in parts or [text]:
        # "Senior Researcher, Cloud & AI Department": a title and a department.
        if "," in part and not KANJI_RE.search(part):
            left, _sep, right = part.partition(",")
            if _is_title_en(left.strip()) and DEPT_EN_RE.search(right):
                out.extend([left.strip(), right.strip()])
                continue
        out.extend(_split_ja(part))
    return out


def _split_ja(text: str) -> list[str]:
    tokens = text.split(" ")
    if len(tokens) < 2 or not (KANJI_RE.search(text) or KANA_RE.search(text)):
        return [text]
    # "営業本部 第一営業部 部長": departments, then a title.
    if _is_title_ja(tokens[-1]) and _dept_ja(" ".join(tokens[:-1])):
        return [" ".join(tokens[:-1]), tokens[-1]]
    # "代表取締役社長 山田太郎" / "部長 山田 太郎": a title, then the name.
    if _is_title_ja(tokens[0]) and person_name_score(" ".join(tokens[1:])) >= 0.6:
        return [tokens[0], " ".join(tokens[1:])]
    # "山田太郎 部長": the name, then a title.
    if _is_title_ja(tokens[-1]) and person_name_score(" ".join(tokens[:-1])) >= 0.6:
        return [" ".join(tokens[:-1]), tokens[-1]]
    return [text]


def _split_company(text: str) -> list[str]:
    """"株式会社サンプル 営業部": a company, then a department on the same line."""
    tokens = text.split(" ")
    if len(tokens) >= 2 and KANJI_RE.search(text):
        for cut in range(len(tokens) - 1, 0, -1):
            head, tail = " ".join(tokens[:cut]), " ".join(tokens[cut:])
            if _has_legal_form(head) and not _has_legal_form(tail) and _dept_ja(tail):
                return [head, tail]
    return [text]


# --------------------------------------------------------------- scoring


def _has_legal_form(text: str) -> bool:
    return contains_any(text, LEGAL_FORMS_JA) is not None or bool(LEGAL_FORM_LATIN_RE.search(text))


def _is_title_ja(text: str) -> bool:
    compact = text.replace(" ", "")
    return len(compact) <= 24 and any(compact.endswith(t) for t in TITLES_JA)


def _is_title_en(text: str) -> bool:
    words = [m.group(0).lower() for m in TITLE_EN_RE.finditer(text)]
    if not words or KANJI_RE.search(text):
        return False
    if all(w in WEAK_TITLE_EN for w in words):
        return False
    return len(text.split()) <= 8


def _dept_ja(text: str) -> bool:
    tokens = text.split(" ")
    return all(
        any(tok.endswith(s) and len(tok) > len(s) for s in DEPT_SUFFIXES_JA) for tok in tokens if tok
    ) and bool(KANJI_RE.search(text) or KANA_RE.search(text))


def _looks_like_ja_address(text: str) -> bool:
    text = text.strip()
    if not text:
        return False
    return bool(PREFECTURE_RE.match(text) or JA_ADDRESS_RE.search(text))


def _looks_like_latin_address(text: str) -> float:
    if KANJI_RE.search(text) or KANA_RE.search(text):
        return 0.0
    score = 0.0
    if re.match(r"^\d+[A-Za-z]?\s+\w", text) and STREET_WORDS_RE.search(text):
        score = 0.85
    elif STREET_WORDS_RE.search(text) and re.search(r"\d", text):
        score = 0.7
    zip_match = US_ZIP_RE.search(text)
    if zip_match and zip_match.group(1) in US_STATES:
        score = max(score, 0.85)
    if UK_POSTCODE_RE.search(text) or CA_POSTCODE_RE.search(text) or AU_POSTCODE_RE.search(text):
        score = max(score, 0.75)
    if EU_POSTCODE_RE.search(text):
        score = max(score, 0.6)
    if _country_in(text):
        score = max(score, 0.6)
    if re.search(r"\b(?:Suite|Floor|P\.?O\.? Box|Building|Bldg)\b", text, re.IGNORECASE):
        score = max(score, 0.6)
    return score


def _company_domain_match(text: str, work: _Work) -> bool:
    letters = re.sub(r"[^a-z0-9]", "", text.lower())
    if len(letters) < 3:
        return False
    for value, _c in [*work.emails, *work.urls]:
        host = value.split("@")[-1] if "@" in value else re.sub(r"^https?://", "", value).split("/")[0]
        labels = [lab for lab in host.split(".") if lab not in ("www", "co", "com", "jp", "ne", "or", "net")]
        core = re.sub(r"[^a-z0-9]", "", labels[0]) if labels else ""
        if core and (letters == core or (len(core) >= 4 and (core in letters or letters in core))):
            return True
    return False


def _score(piece: _Piece, work: _Work) -> dict[str, float]:
    text = piece.text
    scores: dict[str, float] = {}
    has_kanji = bool(KANJI_RE.search(text))
    legal = _has_legal_form(text)
    latin_legal = bool(LEGAL_FORM_LATIN_RE.search(text))

    # Company.
    if contains_any(text, LEGAL_FORMS_JA):
        scores["company"] = 0.95
    elif latin_legal:
        weak = re.fullmatch(r".*\b(?:AG|KG|AB|Oy|KK|SL|SA|NV|BV)\b.*", text) and not text.isupper()
        scores["company"] = 0.6 if weak else 0.9
    elif contains_any(text, ORG_WORDS_JA) and not _is_title_ja(text):
        scores["company"] = 0.6
    elif ORG_WORDS_LATIN_RE.search(text) and not DEPT_EN_RE.search(text):
        scores["company"] = 0.55
    if _company_domain_match(text, work):
        scores["company"] = max(scores.get("company", 0.0), 0.75)

    # Title and department.
    if not legal:
        if has_kanji or KANA_RE.search(text):
            if _is_title_ja(text):
                scores["title"] = 0.85
            if _dept_ja(text):
                scores["department"] = 0.8
        else:
            if _is_title_en(text):
                scores["title"] = 0.85 if not DEPT_EN_RE.search(text) or " of " in text else 0.5
            if DEPT_EN_RE.search(text) and not re.match(r"^(?:Director|Head|VP|Vice President)\b", text):
                scores["department"] = 0.8

    # Address.
    if has_kanji and _looks_like_ja_address(text):
        scores["address"] = 0.9 if PREFECTURE_RE.match(text) else 0.7
    elif has_kanji and JA_BUILDING_RE.search(text) and re.search(r"[0-9]", text):
        scores["address_cont"] = 0.6
    else:
        latin = _looks_like_latin_address(text)
        if latin:
            scores["address"] = latin
    if work.postal is not None and work.postal[1] == piece.line and text:
        scores["address"] = max(scores.get("address", 0.0), 0.8)

    # Names.
    if not legal and "title" not in scores and "department" not in scores:
        ja = person_name_score(text)
        if ja:
            scores["name_ja"] = ja
        latin = latin_name_score(text)
        if latin and not ORG_WORDS_LATIN_RE.search(text) and "address" not in scores:
            if _company_domain_match(text, work):
                latin *= 0.5
            bonus = 0.2 if _name_in_email(text, work) else 0.0
            if HONORIFICS_RE.match(text) or POST_NOMINALS_RE.search(text):
                bonus += 0.15  # "Dr. ..." / "..., PhD" is a person
            scores["name_latin"] = latin + bonus
    if kana_reading(text):
        scores["reading"] = 0.6

    if TAGLINE_HINTS.search(text) and max(scores.values(), default=0.0) < 0.9:
        scores = {k: v * 0.5 for k, v in scores.items()}
    return scores


def _name_in_email(text: str, work: _Work) -> bool:
    parts = [p.lower() for p in re.findall(r"[A-Za-z]{2,}", clean_latin_name(text))]
    if not parts:
        return False
    for email, _c in work.emails:
        local = email.split("@")[0]
        if sum(1 for p in parts if p in local) >= min(2, len(parts)) or (
            len(parts) >= 2 and local.startswith(parts[0][0]) and parts[-1] in local
        ):
            return True
    return False


def _layout_adjust(pieces: list[_Piece], work: _Work) -> None:
    """Size and position: the name is usually the largest text, the company near the top."""
    if not pieces:
        return
    largest = max(p.size for p in pieces)
    for piece in pieces:
        scores = piece.scores
        rank = piece.size / largest if largest else 1.0
        for key in ("name_ja", "name_latin"):
            if key in scores:
                # The largest text gets a bonus, small print a penalty.
                top = 0.1 if piece.size >= largest * 0.98 else 0.0
                scores[key] = scores[key] * (0.75 + 0.35 * rank) + top


# -------------------------------------------------------------- assembly


def _assemble(work: _Work, pieces: list[_Piece], region: str) -> ParsedCard:
    confidence: dict[str, float] = {}
    result: dict[str, object] = {}

    def best(key: str, threshold: float = MIN_FIELD_SCORE) -> _Piece | None:
        candidates = [p for p in pieces if p.used is None and p.scores.get(key, 0.0) >= threshold]
        if not candidates:
            return None
        return max(candidates, key=lambda p: (p.scores[key], p.size, -p.line))

    # Strongly typed content first: company by legal form, titles, departments.
    company = best("company", 0.85)
    if company:
        company.used = "company"

    _assign_address(work, pieces, result, confidence)
    _assign_names(work, pieces, result, confidence)

    title = best("title")
    if title:
        title.used = "title"
        result["title"] = title.text
        confidence["title"] = round(title.confidence * title.scores["title"], 3)
    _assign_department(pieces, result, confidence)

    if company is None:
        company = best("company", 0.5)
        if company:
            company.used = "company"
    if company:
        result["company"] = company.text
        confidence["company"] = round(company.confidence * min(1.0, company.scores["company"]), 3)

    emails = tuple(e for e, _c in work.emails)
    if emails:
        confidence["emails"] = round(min(c for _e, c in work.emails), 3)
    urls = tuple(u for u, _c in work.urls)
    if urls:
        confidence["urls"] = round(min(c for _u, c in work.urls) * 0.95, 3)
    phones = tuple(p for p, _c, _v in work.phones)
    if phones:
        confidence["phones"] = round(min(c * (1.0 if v else 0.6) for _p, c, v in work.phones), 3)

    country = _country(work, result, region)
    if country:
        confidence["country"] = 0.9 if result.get("postal_code") or result.get("address") else 0.6

    leftover = _leftover(work, pieces)
    return ParsedCard(
        name=_str(result.get("name")),
        name_latin=_str(result.get("name_latin")),
        name_reading=_str(result.get("name_reading")),
        title=_str(result.get("title")),
        department=_str(result.get("department")),
        company=_str(result.get("company")),
        emails=emails,
        phones=phones,
        urls=urls,
        postal_code=_str(result.get("postal_code")),
        address=_str(result.get("address")),
        country=country,
        confidence={k: max(0.0, min(1.0, v)) for k, v in confidence.items()},
        leftover=leftover,
    )


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _assign_names(
    work: _Work, pieces: list[_Piece], result: dict[str, object], confidence: dict[str, float]
) -> None:
    ja = [p for p in pieces if p.used is None and p.scores.get("name_ja", 0.0) >= 0.45]
    latin = [p for p in pieces if p.used is None and p.scores.get("name_latin", 0.0) >= 0.5]
    ja_best = max(ja, key=lambda p: (p.scores["name_ja"], p.size), default=None)
    latin_best = max(latin, key=lambda p: (p.scores["name_latin"], p.size), default=None)
    if ja_best is not None:
        split = split_japanese_name(ja_best.text)
        if split is not None:
            ja_best.used = "name"
            result["name"] = split.text
            rule = min(1.0, ja_best.scores["name_ja"]) * (1.0 if split.dictionary == 2 else 0.75)
            confidence["name"] = round(ja_best.confidence * rule, 3)
            printed = _printed_reading(ja_best, pieces, split.family, split.given)
            reading = printed or split.reading
            if reading:
                result["name_reading"] = reading
                # Printed and dictionary agreeing is best; the dictionary alone
                # guesses among several readings of the same kanji.
                sure = 0.95 if printed and printed == split.reading else 0.85 if printed else 0.6
                confidence["name_reading"] = sure
            if latin_best is not None:
                latin_best.used = "name_latin"
                result["name_latin"] = clean_latin_name(latin_best.text)
                match = latin_matches_reading(latin_best.text, reading)
                confidence["name_latin"] = round(latin_best.confidence * (0.95 if match else 0.6), 3)
            return
    if latin_best is not None:
        latin_best.used = "name"
        result["name"] = clean_latin_name(latin_best.text)
        sure = min(1.0, latin_best.scores["name_latin"])
        confidence["name"] = round(latin_best.confidence * sure, 3)


def _printed_reading(name: _Piece, pieces: list[_Piece], family: str, given: str) -> str | None:
    """A kana line next to the name (ふりがな), as katakana split like the name."""
    near = [
        p
        for p in pieces
        if p.used is None and "reading" in p.scores and abs(p.line - name.line) <= 1 and p is not name
    ]
    if not near:
        return None
    piece = min(near, key=lambda p: (abs(p.line - name.line), p.line > name.line))
    reading = kana_reading(piece.text)
    if reading is None:
        return None
    piece.used = "name_reading"
    if " " not in reading and given:
        # Split the printed reading where the dictionary would, if lengths agree.
        split = split_japanese_name(family + given)
        if split and split.reading and " " in split.reading:
            fam_len = len(split.reading.split(" ")[0])
            if len(split.reading.replace(" ", "")) == len(reading):
                reading = reading[:fam_len] + " " + reading[fam_len:]
    return reading


def _assign_department(pieces: list[_Piece], result: dict[str, object], confidence: dict[str, float]) -> None:
    """The best department piece, joined with a department piece on a neighbouring line."""
    depts = [p for p in pieces if p.used is None and p.scores.get("department", 0.0) >= MIN_FIELD_SCORE]
    if not depts:
        return
    first = min(depts, key=lambda p: (-p.scores["department"], p.line))
    group = [first]
    # A second department piece on the next or previous line is part of it.
    for other in sorted(depts, key=lambda p: p.line):
        if other is not first and abs(other.line - first.line) == 1 and len(group) < 3:
            group.append(other)
    group.sort(key=lambda p: p.line)
    for piece in group:
        piece.used = "department"
    result["department"] = " ".join(p.text for p in group)
    confidence["department"] = round(min(p.confidence for p in group) * first.scores["department"], 3)


def _assign_address(
    work: _Work, pieces: list[_Piece], result: dict[str, object], confidence: dict[str, float]
) -> None:
    postal_line = work.postal[1] if work.postal else None
    candidates = [p for p in pieces if p.used is None and p.scores.get("address", 0.0) >= 0.5]
    if postal_line is not None:
        # The address starts on the postal code's line or the next one.
        near = [p for p in candidates if p.line in (postal_line, postal_line + 1)]
        if near:
            candidates = near
    if not candidates:
        if work.postal:
            _set_postal(work, None, result, confidence, 0.5)
        return
    start = min(candidates, key=lambda p: (-p.scores["address"], p.line))
    if postal_line is not None and start.line > postal_line + 1:
        start = min(candidates, key=lambda p: p.line)
    group = [start]
    is_latin = not KANJI_RE.search(start.text)
    # Continue onto following lines: more address, or a building/floor line.
    by_line = {p.line: p for p in pieces if p.used is None}
    line = start.line + 1
    while line in by_line and len(group) < 3:
        nxt = by_line[line]
        more = nxt.scores.get("address", 0.0) >= 0.5 or nxt.scores.get("address_cont", 0.0) >= 0.5
        if more or (is_latin and _latin_address_cont(nxt.text, work)):
            group.append(nxt)
        else:
            break
        line += 1
    # A Latin address often starts with a street line the scorer could not tell.
    if is_latin and start.line - 1 in by_line:
        prev = by_line[start.line - 1]
        street = re.match(r"^\d+\w*\s+\w", prev.text) or re.search(r"\w\s+\d+[a-zA-Z]?$", prev.text)
        if street and not prev.scores.get("name_latin") and not set(prev.scores) & {"company", "title"}:
            group.insert(0, prev)
    for piece in group:
        piece.used = "address"
    joiner = ", " if is_latin else " "
    raw = joiner.join(p.text for p in group)
    address, postal_code, foreign_country = _clean_address(raw, work)
    conf = min(p.confidence for p in group) * start.scores["address"]
    if postal_code and not work.postal:
        result["postal_code"] = postal_code
        confidence["postal_code"] = round(conf, 3)
    if foreign_country:
        result["_country"] = foreign_country
    result["address"] = address
    confidence["address"] = round(conf, 3)
    if work.postal:
        _set_postal(work, address, result, confidence, conf)


def _latin_address_cont(text: str, work: _Work) -> bool:
    return bool(
        _looks_like_latin_address(text) >= 0.5
        or re.fullmatch(r"[A-Z][A-Za-z .'-]+,\s*[A-Z][A-Za-z .'-]+", text)
        and not latin_name_score(text) >= 0.7
    )


def _clean_address(raw: str, work: _Work) -> tuple[str, str | None, str | None]:
    """Take the postal code out of an address; return (address, postal code, country)."""
    text = ADDRESS_LABEL_RE.sub("", raw)
    if KANJI_RE.search(text):
        return normalize_address(text), None, "JP" if PREFECTURE_RE.search(text) else None
    postal: str | None = None
    country: str | None = None
    zip_match = None
    for match in US_ZIP_RE.finditer(text):
        if match.group(1) in US_STATES:
            zip_match = match
    if zip_match:
        postal, country = zip_match.group(2), "US"
        text = text[: zip_match.start(2)] + text[zip_match.end(2) :]
    elif (m := UK_POSTCODE_RE.search(text)) is not None:
        postal, country = normalize_postal_code(m.group(0), country="GB"), "GB"
        text = text[: m.start()] + text[m.end() :]
    elif (m := CA_POSTCODE_RE.search(text)) is not None:
        postal, country = f"{m.group(1)} {m.group(2)}", "CA"
        text = text[: m.start()] + text[m.end() :]
    elif (m := AU_POSTCODE_RE.search(text)) is not None:
        postal, country = m.group(2), "AU"
        text = text[: m.start(2)] + text[m.end(2) :]
    elif (m := EU_POSTCODE_RE.search(text)) is not None:
        postal = m.group(1)
        text = text[: m.start()] + m.group(2) + text[m.end() :]
    named = _country_in(text)
    if named:
        country = named
        # The country line is not part of the postal address people store.
        text = COUNTRY_NAME_RE.sub("", text.strip().rstrip(".,")).strip(" ,")
    text = re.sub(r"\s*,\s*(?:,\s*)+", ", ", text)
    text = re.sub(r"\s+,", ",", text)
    return normalize_address(text).strip(" ,"), postal, country


def _set_postal(
    work: _Work, address: str | None, result: dict[str, object], confidence: dict[str, float], conf: float
) -> None:
    assert work.postal is not None
    code, _line, code_conf = work.postal
    check = check_address(code, address)
    result["postal_code"] = check.postal_code
    if address is not None:
        result["address"] = check.address
    if check.confirmed:
        confidence["postal_code"] = round(max(code_conf, 0.9) * 0.98, 3)
        if address is not None:
            confidence["address"] = round(min(1.0, max(conf, 0.9)), 3)
    else:
        confidence["postal_code"] = round(code_conf * (0.7 if check.known_code else 0.4), 3)
        if address is not None:
            confidence["address"] = round(conf * 0.8, 3)


def _country(work: _Work, result: dict[str, object], region: str) -> str | None:
    if result.get("postal_code") and re.fullmatch(r"[0-9]{3}-[0-9]{4}", str(result["postal_code"])):
        return "JP"
    if isinstance(result.get("_country"), str):
        return str(result["_country"])
    address = result.get("address")
    if isinstance(address, str):
        if PREFECTURE_RE.search(address):
            return "JP"
        named = _country_in(address)
        if named:
            return named
    # Numbers printed with +CC, all agreeing.
    ccs = {region_of_e164(p.e164) for p, _c, _v in work.phones}
    printed = [
        str(phonenumbers.region_code_for_country_code(int(m.group(1))))
        for text in work.texts
        for m in _CC_RE.finditer(repair_phone_text(text))
    ]
    if printed and len(set(printed)) == 1 and printed[0] != "ZZ":
        return printed[0]
    if len(ccs) == 1 and work.phones and any(KANJI_RE.search(t) for t in work.texts):
        only = ccs.pop()
        return str(only) if only and only != "ZZ" else None
    if any(KANJI_RE.search(t) or KANA_RE.search(t) for t in work.texts) and result.get("name") and (
        " " in str(result["name"]) and KANJI_RE.search(str(result["name"]))
    ):
        return "JP"
    return None


def _leftover(work: _Work, pieces: list[_Piece]) -> tuple[str, ...]:
    used_lines = {p.line for p in pieces if p.used is not None}
    out: list[str] = []
    for piece in pieces:
        if piece.used is None and piece.line not in used_lines or piece.used is None:
            out.append(piece.text)
    return tuple(out)

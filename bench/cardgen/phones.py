"""Valid phone numbers per country and the many ways cards print them.

Numbers are drawn digit by digit from realistic prefixes and kept only when
phonenumbers calls them valid, so every truth E.164 parses back.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

_FIXED = {PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE, PhoneNumberType.VOIP}
_MOBILE = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}

#: Japanese area codes (without the trunk 0) by prefecture; others get a random 3-digit code.
JP_AREA = {
    "東京都": "3",
    "大阪府": "6",
    "愛知県": "52",
    "神奈川県": "45",
    "北海道": "11",
    "福岡県": "92",
    "京都府": "75",
    "兵庫県": "78",
    "宮城県": "22",
    "広島県": "82",
    "埼玉県": "48",
    "千葉県": "43",
    "静岡県": "54",
    "新潟県": "25",
    "岡山県": "86",
    "熊本県": "96",
    "長野県": "26",
    "石川県": "76",
}

#: National significant number prefixes (city or mobile) and total NSN length.
PREFIXES: dict[str, dict[str, tuple[tuple[str, int], ...]]] = {
    "US": {
        "fixed": (
            ("415", 10),
            ("212", 10),
            ("646", 10),
            ("206", 10),
            ("512", 10),
            ("617", 10),
            ("312", 10),
            ("303", 10),
            ("650", 10),
            ("408", 10),
        ),
        "mobile": (("415", 10), ("917", 10), ("206", 10), ("310", 10)),
    },
    "CA": {
        "fixed": (("416", 10), ("647", 10), ("604", 10), ("514", 10), ("613", 10), ("403", 10)),
        "mobile": (("416", 10), ("778", 10), ("438", 10)),
    },
    "GB": {
        "fixed": (("207", 10), ("203", 10), ("161", 10), ("131", 10), ("121", 10), ("117", 10)),
        "mobile": (("74", 10), ("75", 10), ("77", 10), ("78", 10), ("79", 10)),
    },
    "DE": {
        "fixed": (("30", 10), ("89", 10), ("40", 10), ("69", 10), ("221", 10), ("711", 10), ("30", 11)),
        "mobile": (("151", 11), ("160", 10), ("170", 10), ("171", 11), ("176", 11)),
    },
    "FR": {"fixed": (("1", 9), ("4", 9), ("5", 9), ("2", 9)), "mobile": (("6", 9), ("7", 9))},
    "AU": {"fixed": (("29", 9), ("39", 9), ("73", 9), ("89", 9), ("28", 9)), "mobile": (("4", 9),)},
    "SG": {"fixed": (("6", 8),), "mobile": (("8", 8), ("9", 8))},
    "JP": {"fixed": (), "mobile": (("90", 10), ("80", 10), ("70", 10))},
}

_FULLWIDTH = str.maketrans("0123456789-()+.", "０１２３４５６７８９－（）＋．")


@dataclass(frozen=True)
class DrawnNumber:
    """A valid number, its E.164 form and its digit groups in national format."""

    number: phonenumbers.PhoneNumber
    region: str

    @property
    def e164(self) -> str:
        return phonenumbers.format_number(self.number, PhoneNumberFormat.E164)

    @property
    def national(self) -> str:
        return phonenumbers.format_number(self.number, PhoneNumberFormat.NATIONAL)

    @property
    def international(self) -> str:
        return phonenumbers.format_number(self.number, PhoneNumberFormat.INTERNATIONAL)

    @property
    def groups(self) -> list[str]:
        return re.findall(r"\d+", self.national)


def draw_number(
    rng: random.Random, region: str, kind: str, *, prefecture: str | None = None, prefix: str | None = None
) -> DrawnNumber:
    """A random valid number of ``kind`` ("fixed" or "mobile") in ``region``.

    Args:
        rng: the card's random source.
        region: ISO country code.
        kind: "fixed" or "mobile".
        prefecture: for Japan, picks the prefecture's area code.
        prefix: force the national significant number to start with this (a sibling fax line).
    """
    wanted = _MOBILE if kind == "mobile" else _FIXED
    for _ in range(400):
        if prefix is not None:
            start, length = prefix, len(prefix) + rng.randint(2, 4)
            if region == "JP":
                length = 9
        elif region == "JP" and kind == "fixed":
            area = (
                JP_AREA.get(prefecture or "") or f"{rng.randint(1, 9)}{rng.randint(1, 9)}{rng.randint(1, 9)}"
            )
            start, length = area, 9
        else:
            start, length = rng.choice(PREFIXES[region][kind])
        digits = start + "".join(str(rng.randint(0, 9)) for _ in range(length - len(start)))
        if region in ("US", "CA") and digits[3] in "01":
            continue
        try:
            number = phonenumbers.parse(f"+{phonenumbers.country_code_for_region(region)}{digits}")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in wanted:
            return DrawnNumber(number, region)
    raise RuntimeError(f"could not draw a valid {kind} number for {region}")


def sibling(rng: random.Random, base: DrawnNumber) -> DrawnNumber:
    """Another valid number in the same exchange (the fax next to a phone line)."""
    nsn = str(base.number.national_number)
    for _ in range(200):
        tail = "".join(str(rng.randint(0, 9)) for _ in range(2))
        digits = nsn[:-2] + tail
        if digits == nsn:
            continue
        number = phonenumbers.parse(f"+{base.number.country_code}{digits}")
        if phonenumbers.is_valid_number(number):
            return DrawnNumber(number, base.region)
    return draw_number(rng, base.region, "fixed")


def print_number(rng: random.Random, num: DrawnNumber, *, lang: str) -> str:
    """One of the many ways people print ``num``."""
    g = num.groups
    cc = str(num.number.country_code)
    intl_groups = re.findall(r"\d+", num.international)[1:]
    styles: list[str] = [num.national, num.national, num.international]
    if lang == "ja":
        if len(g) == 3:
            styles += [
                f"{g[0]}({g[1]}){g[2]}",
                f"({g[0]}){g[1]}-{g[2]}",
                ".".join(g),
                " ".join(g),
                f"+{cc}-" + "-".join(intl_groups),
                f"+{cc} (0){g[0][1:]}-{g[1]}-{g[2]}",
                f"+{cc} " + " ".join(intl_groups),
            ]
        text = rng.choice(styles)
        if rng.random() < 0.2:
            text = text.translate(_FULLWIDTH)
        return text
    region = num.region
    if region == "JP":
        styles += [
            f"+{cc}-" + "-".join(intl_groups),
            f"+{cc} (0){g[0][1:]}-{g[1]}-{g[2]}" if len(g) == 3 else num.international,
            f"+{cc} " + " ".join(intl_groups),
        ]
    elif region in ("US", "CA"):
        styles += [
            f"{g[0]}-{g[1]}-{g[2]}" if len(g) == 3 else num.national,
            ".".join(g),
            f"+1 {'.'.join(g)}",
            f"+1 ({g[0]}) {g[1]}-{g[2]}" if len(g) == 3 else num.national,
            f"+1-{'-'.join(g)}",
        ]
    elif region in ("GB", "DE", "AU"):
        styles += [
            f"+{cc} (0){' '.join(intl_groups)}",
            f"+{cc} (0) {' '.join(intl_groups)}",
            f"+{cc}-{'-'.join(intl_groups)}",
            num.national.replace(" ", "-").replace("(", "").replace(")", ""),
        ]
    elif region == "FR":
        styles += [".".join(g), f"+33 (0){' '.join(intl_groups)}", "".join(g[:1]) + " " + " ".join(g[1:])]
    elif region == "SG":
        styles += [f"+65 {''.join(g)}", f"+65-{'-'.join(g)}", f"(+65) {' '.join(g)}"]
    return rng.choice(styles)


JA_LABELS = {
    "work": ("TEL", "Tel.", "Tel", "T", "T.", "電話", "代表", "直通", "TEL.", "Phone", "電話番号"),
    "fax": ("FAX", "Fax", "F", "F.", "FAX.", "ファクス"),
    "mobile": ("携帯", "Mobile", "M", "M.", "携帯電話", "Mob.", "Cell"),
}
EN_LABELS = {
    "work": ("Tel", "T", "Phone", "P", "Office", "Direct", "Tel.", "Main", "O"),
    "fax": ("Fax", "F", "Fax."),
    "mobile": ("Mobile", "M", "Cell", "Mob", "C", "Mob."),
}
DE_LABELS = {"work": ("Tel.", "Telefon", "T", "Fon"), "fax": ("Fax", "F"), "mobile": ("Mobil", "M", "Handy")}
FR_LABELS = {"work": ("Tél.", "Tél", "T", "Tel."), "fax": ("Fax", "F"), "mobile": ("Mobile", "Port.", "M")}


def label_for(rng: random.Random, kind: str, *, lang: str, country: str) -> str:
    """A printed label for a phone of ``kind`` (work, fax, mobile)."""
    if lang == "ja":
        table = JA_LABELS
    elif country == "DE" and rng.random() < 0.7:
        table = DE_LABELS
    elif country == "FR" and rng.random() < 0.7:
        table = FR_LABELS
    else:
        table = EN_LABELS
    return rng.choice(table[kind])


def join_label(rng: random.Random, label: str, number: str, *, lang: str) -> str:
    """``label`` and ``number`` with one of the usual separators."""
    seps = [" ", "  ", ": ", ":", " | "] if lang != "ja" else [" ", "　", ": ", "：", " ", "/"]
    if len(label) <= 2 and not label.endswith("."):
        seps += [". ", " "]
    return f"{label}{rng.choice(seps)}{number}"

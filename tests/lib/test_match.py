"""Duplicate detection: hard pairs, properties, the index and the import loop."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.contacts import generate
from bench.match import pairwise, run_import, with_suggestions
from cardscan.match import (
    DEFAULT_SETTINGS,
    MatchContext,
    MatchIndex,
    MatchSettings,
    NameFrequency,
    PersonRecord,
    _mailbox_names_another,
    _worth_scoring,
    also_certain,
    merge_records,
    name_rarity_weight,
    person_keys,
    same_company,
    score,
    shared_keys,
)


def rec(id: int, **fields: object) -> PersonRecord:
    """A record from CSV-like cells (phones and emails get normalised)."""
    return PersonRecord.from_row({k: str(v) for k, v in fields.items()}, id)


TARO = dict(
    name="山田 太郎",
    name_reading="やまだ たろう",
    company="株式会社サンプル商事",
    department="営業部",
    title="課長",
    email="taro.yamada@sample.co.jp",
    phone="03-1234-5678",
    mobile="090-1111-2222",
    fax="03-1234-5679",
    url="https://www.sample.co.jp",
)


def test_library_does_not_import_web_or_database_packages() -> None:
    code = (
        "import sys, cardscan.match, cardscan.matchkeys\n"
        "bad = [m for m in ('flask', 'sqlalchemy', 'models', 'services') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == ""


# ------------------------------------------------------------------ hard pairs


def test_second_card_with_variants_and_ocr_slip_merges() -> None:
    a = rec(1, **TARO)
    b = rec(
        2,
        name="山田大郎",  # OCR slip 太 -> 大, no space
        company="(株)サンプル商事",
        email="TARO.YAMADA@SAMPLE.CO.JP",
        mobile="+81 90 1111 2222",
        phone="(03) 1234-5678",
    )
    result = score(a, b)
    assert result.decision == "merge"
    assert "same mobile" in result.reasons
    assert "same email" in result.reasons
    assert any(r.startswith("name 0.75") for r in result.reasons)
    assert not result.career_change


def test_job_change_with_same_mobile_merges_and_flags_the_career_step() -> None:
    old = rec(1, **TARO)
    new = rec(
        2,
        name="山田 太郎",
        company="ABC Holdings K.K.",
        email="t.yamada@abc-hd.com",
        phone="06-9876-5432",
        mobile="09011112222",
    )
    result = score(old, new)
    assert result.decision == "merge"
    assert result.career_change
    assert "company differs (job change?)" in result.reasons
    merged = merge_records(old, new)
    assert merged.company == "ABC Holdings K.K."
    assert set(merged.emails) == {"taro.yamada@sample.co.jp", "t.yamada@abc-hd.com"}


@pytest.mark.parametrize(
    ("name", "reading"),
    [("佐藤 翔太", "さとう しょうた"), ("John Smith", "")],
)
def test_namesake_at_another_company_is_not_merged(name: str, reading: str) -> None:
    a = rec(1, name=name, name_reading=reading, company="株式会社東洋商事", email="sato@toyo.co.jp")
    b = rec(2, name=name, name_reading=reading, company="Globex Inc.", email="shota@globex.com")
    result = score(a, b)
    assert result.decision == "new"
    assert "company differs (job change?)" in result.reasons


# ------------------------------------------------------------------ name frequency (tf)

#: A big base: the name is carried by the candidate only, or by 30 people.
RARE = NameFrequency(carriers=1, population=20_000)
COMMON = NameFrequency(carriers=31, population=20_000)
OLD_JOB = dict(company="株式会社東洋商事", email="futa.kanamori@toyo.co.jp", phone="03-1234-5678")
NEW_JOB = dict(company="Globex Inc.", email="kanamori@globex.com", phone="06-9876-5432")
RARE_NAME = dict(name="金森 楓太", name_reading="かなもり ふうた")


def test_rare_name_at_another_company_is_suggested_as_a_job_change() -> None:
    old, new = rec(1, **RARE_NAME, **OLD_JOB), rec(2, **RARE_NAME, **NEW_JOB)
    result = score(old, new, context=MatchContext(name_frequency=RARE))
    assert result.decision == "suggest"
    assert result.career_change
    assert any(r.startswith("name carried by no one else") for r in result.reasons)


def test_common_name_at_another_company_is_not_suggested() -> None:
    old, new = rec(1, **RARE_NAME, **OLD_JOB), rec(2, **RARE_NAME, **NEW_JOB)
    result = score(old, new, context=MatchContext(name_frequency=COMMON))
    assert result.decision == "new"
    assert any(r.startswith("name also carried by 30 others") for r in result.reasons)


def test_name_unique_in_a_small_base_says_nothing() -> None:
    old, new = rec(1, **RARE_NAME, **OLD_JOB), rec(2, **RARE_NAME, **NEW_JOB)
    small = NameFrequency(carriers=1, population=40)
    assert name_rarity_weight(0, 40) == 0.0
    assert score(old, new, context=MatchContext(name_frequency=small)).decision == "new"


def test_rare_name_elsewhere_with_a_mobile_on_one_card_only_is_not_suggested() -> None:
    old, new = rec(1, **RARE_NAME, **OLD_JOB), rec(2, **RARE_NAME, **NEW_JOB, mobile="090-3333-4444")
    result = score(old, new, context=MatchContext(name_frequency=RARE))
    assert result.decision == "new"
    assert "mobile on one card only" in result.reasons


def test_rare_name_read_differently_gets_no_rarity_bonus() -> None:
    old = rec(1, **RARE_NAME, **OLD_JOB)
    new = rec(2, name="金森 楓太", name_reading="かなもり そうた", **NEW_JOB)
    result = score(old, new, context=MatchContext(name_frequency=RARE))
    assert result.decision == "new"
    assert not any("carried by" in r for r in result.reasons)


def test_name_rarity_weight_falls_with_the_namesakes() -> None:
    weights = [name_rarity_weight(n, 20_000) for n in (0, 1, 3, 10, 1000)]
    assert weights == sorted(weights, reverse=True)
    assert weights[0] == DEFAULT_SETTINGS.w_name_rare
    assert weights[-1] == DEFAULT_SETTINGS.w_name_common_floor


@pytest.mark.parametrize(
    ("mailbox", "another"),
    [
        ("ytanaka", True),  # 裕子 read Yuko
        ("yuko.tanaka", True),
        ("tanaka_y", True),
        ("htanaka", False),
        ("hiroko.tanaka", False),
        ("tanaka.h", False),
        ("hiroko_tanaka", False),
        ("hirokp.tanaka", False),  # a letter misread is no other name
        ("tanaka", False),
        ("tanaka2", False),
        ("sales1", False),
        ("t-hiroko", False),
    ],
)
def test_a_mailbox_may_spell_another_given_name_than_the_card(mailbox: str, another: bool) -> None:
    hiroko = rec(1, name="田中 裕子", name_latin="Hiroko TANAKA")
    assert _mailbox_names_another(hiroko, rec(2, email=f"{mailbox}@meiwa.co.jp")) is another
    # The reading tells the given name as well as the Latin name does, when it is spaced.
    read = rec(3, name="田中 裕子", name_reading="たなか ひろこ")
    assert _mailbox_names_another(read, rec(2, email=f"{mailbox}@meiwa.co.jp")) is another


def test_rare_name_colleague_without_contact_details_merges_when_nothing_disagrees() -> None:
    first = rec(1, **RARE_NAME, **OLD_JOB, department="営業部")
    second = rec(2, **RARE_NAME, company="(株)東洋商事", department="営業部")  # no email, no mobile
    assert score(first, second).decision == "suggest"  # frequency unknown: needs a shared contact
    rare = score(first, second, context=MatchContext(name_frequency=RARE))
    assert rare.decision == "merge"
    assert score(first, second, context=MatchContext(name_frequency=COMMON)).decision == "suggest"
    # Two mailboxes at the firm that differ: a namesake colleague, however rare the name.
    other_mailbox = replace(second, emails=("f-kanamori@toyo.co.jp",))
    assert score(first, other_mailbox, context=MatchContext(name_frequency=RARE)).decision != "merge"
    # A mailbox of the firm spelling another given name: Kanamori Sota's, not Futa's.
    sota = replace(second, emails=("s.kanamori@toyo.co.jp",))
    named = score(first, sota, context=MatchContext(name_frequency=RARE))
    assert named.decision != "merge" and "mailbox spells another given name" in named.reasons
    # Two lines at the firm that differ, neither card the other's: two desks, maybe two people.
    desks = rec(3, **RARE_NAME, company="(株)東洋商事", department="営業部", phone="03-1234-9999")
    assert score(first, desks, context=MatchContext(name_frequency=RARE)).decision == "suggest"
    # Nothing personal in common beyond the name and the firm.
    bare = replace(second, department=None)
    assert score(first, bare, context=MatchContext(name_frequency=RARE)).decision == "suggest"


def test_index_suggests_a_rare_name_at_another_company_once_the_base_is_big(labelled: list) -> None:
    # 1,500 people are a big base once the reference population is 100.
    index = MatchIndex(replace(DEFAULT_SETTINGS, tf_reference_population=100))
    for i, item in enumerate(labelled):
        index.add(PersonRecord.from_row(item.row, 10_000 + i))
    old = rec(1, **RARE_NAME, **OLD_JOB)
    index.add(old)
    frequency = index.name_frequency(rec(2, **RARE_NAME))
    assert frequency == NameFrequency(carriers=1, population=len(labelled) + 1)
    outcome = index.resolve(rec(2, **RARE_NAME, **NEW_JOB))
    assert outcome.decision == "suggest"
    assert outcome.candidate is not None and outcome.candidate.record.id == 1
    # A second namesake elsewhere: two possible owners, a weaker suggestion.
    index.add(rec(3, **RARE_NAME, company="Initech KK", email="kanamori@initech.jp"))
    third = index.resolve(rec(4, **RARE_NAME, company="Umbrella Corp.", email="f.kanamori@umbrella.com"))
    assert third.decision == "suggest"
    assert third.candidate is not None and third.candidate.match.score < outcome.candidate.match.score
    # Six carriers elsewhere: no suggestion for the next one.
    for i, firm in enumerate(("Hooli", "Vandelay", "Acme"), start=5):
        index.add(rec(i, **RARE_NAME, company=f"{firm} Inc.", email=f"kanamori@{firm.lower()}.com"))
    last = index.resolve(rec(9, **RARE_NAME, company="Soylent Corp.", email="f.kanamori@soylent.com"))
    assert last.decision == "new"


def test_a_card_certain_for_two_records_joins_them_unless_they_disagree() -> None:
    index = MatchIndex(replace(DEFAULT_SETTINGS, tf_reference_population=1))
    for i in range(20):  # a base where a name nobody else carries counts
        index.add(rec(100 + i, name=f"社員 {i}号", company=f"会社{i}株式会社"))
    old = rec(1, name="安田 茂", company="株式会社ネクスト", email="yasuda@next.co.jp", mobile="09078650196")
    new_job = dict(name="安田 茂", company="パイドパイパー株式会社", email="s.yasuda@piedpiper.co.jp")
    index.add(old)
    index.add(rec(2, **new_job))
    card = rec(3, **new_job, mobile="090-7865-0196")
    outcome = index.resolve(card)
    assert outcome.decision == "merge" and set(outcome.absorbed) | {outcome.contact_id} == {1, 2}
    assert len(index) == 21

    # Two namesake colleagues (Hiroko, and Yuko of ytanaka@), and a card with only the
    # firm's mailbox that is certain for each on name, firm, department and title.
    colleagues = MatchIndex(replace(DEFAULT_SETTINGS, tf_reference_population=1))
    for i in range(20):
        colleagues.add(rec(100 + i, name=f"社員 {i}号", company=f"会社{i}株式会社"))
    firm = dict(name="田中 裕子", company="株式会社明和", department="研究部", title="次長")
    colleagues.add(rec(1, **firm, name_latin="Hiroko TANAKA"))
    colleagues.add(rec(2, **firm, email="ytanaka@meiwa.co.jp"))
    ranked = colleagues.match(rec(3, **firm, email="sales@meiwa.co.jp"))
    assert [c.match.decision for c in ranked] == ["merge", "merge"]
    assert also_certain(rec(3, **firm, email="sales@meiwa.co.jp"), ranked) == []
    joined = colleagues.resolve(rec(3, **firm, email="sales@meiwa.co.jp"))
    assert joined.decision == "merge" and joined.absorbed == ()


def test_colleagues_sharing_main_line_fax_url_and_info_mailbox_are_two_people() -> None:
    shared = dict(
        company="株式会社サンプル商事",
        email="info@sample.co.jp",
        phone="03-1234-5678",
        fax="03-1234-5679",
        url="https://www.sample.co.jp/",
        address="東京都千代田区丸の内1-2-3",
        department="営業部",
    )
    a = rec(1, name="山田 太郎", **shared)
    b = rec(2, name="鈴木 花子", **shared)
    result = score(a, b)
    assert result.decision == "new"
    assert "same company mailbox (ignored)" in result.reasons
    assert "shared main line (ignored)" in result.reasons


def test_colleague_whose_name_is_one_character_off_is_never_merged() -> None:
    shared = dict(company="株式会社サンプル商事", phone="03-1234-5678", department="営業部", title="主任")
    a = rec(1, name="佐藤 翔太", email="shota.sato@sample.co.jp", **shared)
    b = rec(2, name="佐藤 翔大", email="s-sato@sample.co.jp", **shared)
    assert score(a, b).decision != "merge"


def test_misread_email_of_a_colleague_does_not_merge_two_people() -> None:
    # OCR turned n.mori into h.mori, the colleague's address; the kanji are one
    # character apart, but the printed romaji say these are two people.
    a = rec(1, name="森 直樹", name_latin="Naoki MORI", company="株式会社さくら", email="hmori@sakura.co.jp")
    b = rec(2, name="森 英樹", name_latin="Hideki MORI", company="株式会社さくら", email="hmori@sakura.co.jp")
    result = score(a, b)
    assert result.decision == "new"
    assert "latin name differs" in result.reasons


def test_same_name_same_company_but_other_reading_is_not_merged() -> None:
    a = rec(1, name="田中 裕子", name_reading="たなか ゆうこ", company="ABC株式会社")
    b = rec(2, name="田中 裕子", name_reading="たなか ひろこ", company="株式会社ABC")
    result = score(a, b)
    assert result.decision != "merge"
    assert "reading differs" in result.reasons


def test_mobile_on_two_different_names_is_a_shared_line() -> None:
    index = MatchIndex()
    index.add(rec(1, name="高橋 健", mobile="090-5555-6666"))
    index.add(rec(2, name="伊藤 美穂", mobile="090-5555-6666"))
    ranked = index.match(rec(3, name="高橋 健", company="株式会社ABC", mobile="090-5555-6666"))
    best = ranked[0]
    assert best.record.id == 1
    assert "mobile shared with others (ignored)" in best.match.reasons
    assert best.match.decision != "merge"


def test_latin_only_card_meets_the_japanese_card_through_its_reading() -> None:
    latin = rec(1, name="Taro Yamada", company="Sample Trading Co., Ltd.", url="https://www.sample.co.jp")
    japanese = rec(2, **TARO)
    assert latin.keys & japanese.keys == {"romaji:aaaadmorty"}
    result = score(latin, japanese)
    assert "latin name equals reading" in result.reasons
    assert "same company" in result.reasons  # told by the shared domain
    assert result.decision != "new"


def test_middle_initial_and_one_digit_mobile_slip_do_not_count_against() -> None:
    a = rec(1, name="Jane Q. Doe", company="Globex Inc.", mobile="090-1234-5678", email="jane@globex.com")
    b = rec(2, name="Jane Doe", company="Globex", mobile="090-1234-5679", email="jane@globex.com")
    result = score(a, b)
    assert result.decision == "merge"
    assert "mobiles one digit apart (OCR slip?)" in result.reasons
    assert "different mobiles" not in result.reasons


def test_one_name_with_a_mobile_one_digit_off_is_one_person_across_a_job_change() -> None:
    kato = dict(name="加藤 哲也", company="協和工業株式会社", email="tkato@kyowa.jp", mobile="09092577308")
    moved = dict(name="加藤 哲也", company="北斗株式会社", email="t-kato@hokuto.jp", mobile="090-9297-7308")
    result = score(rec(1, **kato), rec(2, **moved))
    assert "same name, mobiles one digit apart (OCR slip)" in result.reasons
    assert result.decision == "merge"
    assert result.career_change
    # Numbers far apart are two people's; a slip under another name identifies no one.
    assert score(rec(1, **kato), rec(3, **{**moved, "mobile": "090-1234-0000"})).decision == "new"
    assert score(rec(1, **kato), rec(4, **{**moved, "name": "加藤 哲夫"})).decision == "new"


@pytest.mark.parametrize(
    ("left", "right", "merged"),
    [
        ("sato_satoshi@union.co.jp", "snto_satoshi@union.co.jp", True),  # a letter misread inside a word
        ("ryo.sato@union.co.jp", "ryossato@union.co.jp", True),  # the dot read as a letter
        ("ykimura@union.co.jp", "hkimura@union.co.jp", False),  # initials: 裕子 read Yuko and Hiroko
        ("kimura.y@union.co.jp", "kimura.h@union.co.jp", False),
        ("r-sato@union.co.jp", "rsato@union.co.jp", False),  # colleagues' formats, not a slip
        ("h.tanaka1@union.co.jp", "h.tanaka2@union.co.jp", False),
        ("r.sato@union.co.jp", "r_sato@union.co.jp", False),
    ],
)
def test_one_name_at_one_company_with_a_mailbox_one_letter_off(left: str, right: str, merged: bool) -> None:
    a = rec(1, name="佐藤 聡", company="ユニオン株式会社", email=left, department="人事部")
    b = rec(2, name="佐藤 聡", company="ユニオン株式会社", email=right)
    result = score(a, b)
    assert ("same name, emails one letter apart (OCR slip)" in result.reasons) is merged
    assert (result.decision == "merge") is merged
    # Two different mobiles say two people, however close the mailboxes.
    a_mobile = rec(3, name="佐藤 聡", company="ユニオン株式会社", email=left, mobile="090-1111-2222")
    b_mobile = rec(4, name="佐藤 聡", company="ユニオン株式会社", email=right, mobile="080-3333-4444")
    assert score(a_mobile, b_mobile).decision != "merge"


def test_two_mailboxes_at_one_firm_are_never_merged_on_a_shared_line() -> None:
    # Seed 67: two 田中 美保 printing the firm's main line, which no one else on file printed yet.
    firm = dict(company="デルタテクノロジー株式会社", phone="+81 92 197 3068")
    a = rec(1, name="田中美保", name_latin="TANAKA Miho", email="miho.tanaka@delta-tech.co.jp", **firm)
    b = rec(2, name="田中 美保", name_reading="タナカ ミホ", email="tanaka@delta-tech.co.jp", **firm)
    result = score(a, b, context=MatchContext(name_frequency=RARE))
    assert "same direct line" in result.reasons
    assert result.decision == "suggest"
    assert "two mailboxes at one firm: not merged automatically" in result.reasons
    # The same with one mobile on both cards: one person with two mailboxes.
    mobile = ("mobile", "+819011112222")
    c, d = replace(a, phones=(*a.phones, mobile)), replace(b, phones=(*b.phones, mobile))
    assert score(c, d, context=MatchContext(name_frequency=RARE)).decision == "merge"


def test_an_initial_matches_its_name_whichever_word_comes_first() -> None:
    full = rec(1, name="Hannah Hall", company="Soylent Japan Inc.", mobile="+817022514783")
    for short in ("H. Hall", "Hall H."):
        result = score(full, rec(2, name=short, title="Director", mobile="07022514783"))
        assert result.decision == "merge", (short, result.reasons)
    assert score(full, rec(3, name="H. Hill", mobile="07022514783")).decision != "merge"


def test_a_two_glyph_name_one_glyph_off_is_close_not_another_person() -> None:
    shonan = dict(company="有限会社湘南製作所", email="hayashi@shonan.co.jp", department="開発部")
    a = rec(1, name="林 剛", **shonan)
    b = rec(2, name="休\u3000剛", **shonan)
    result = score(a, b)
    assert result.decision == "merge", result.reasons
    # Without the shared mailbox, two colleagues 林 剛 and 森 剛 stay two.
    colleague = rec(4, name="森 剛", company="有限会社湘南製作所")
    assert score(rec(3, name="林 剛", company="有限会社湘南製作所"), colleague).decision == "new"


@pytest.mark.parametrize(
    ("glued", "spaced"), [("SOPHIEROBERTS", "Sophie Roberts"), ("WeiMingB.Tan", "Wei Ming B. Tan")]
)
def test_latin_name_that_lost_its_spaces_still_meets_and_matches(glued: str, spaced: str) -> None:
    a = rec(1, name=glued, company="Stonebridge LLP", email="s.roberts@stonebridge.com")
    b = rec(
        2, name=spaced, company="Stonebridge LLP", email="s.roberts@stonebridge.com", phone="+441174184603"
    )
    assert any(k.startswith("romaji:") for k in a.keys & b.keys)
    assert score(a, b).decision == "merge"
    assert (
        score(rec(3, name="Mia Lee"), rec(4, name="Amie Le")).decision == "new"
    )  # same letters, other words


def test_companies_spelled_differently_on_one_domain_are_one_company() -> None:
    spellings = ["株式会社ABC", "ABC株式会社", "(株)ABC", "ABC Co., Ltd.", "ABC Inc."]
    records = [rec(i, company=c, url="https://www.abc.co.jp") for i, c in enumerate(spellings)]
    assert all(same_company(records[0], r) for r in records[1:])
    ja_en = (rec(8, company="株式会社サンプル商事", email="a@sample.co.jp"), rec(9, company="Sample Trading"))
    assert same_company(*ja_en) is False  # no shared domain, different keys
    assert same_company(rec(10, company="Sample Trading", url="sample.co.jp"), ja_en[0])


def test_same_company_name_on_two_domains_is_undecided() -> None:
    a = rec(1, company="株式会社クリエイト電機", email="a@create-denki.com")
    b = rec(2, company="有限会社クリエイト電機", email="b@create-denki.co.jp")
    assert same_company(a, b) is None


def test_thresholds_are_settings() -> None:
    a = rec(1, name="山田 太郎", company="株式会社サンプル商事")
    b = rec(2, name="山田 太郎", company="サンプル商事株式会社")
    default = score(a, b)
    assert default.decision == "suggest"
    lenient = MatchSettings(auto_merge=0.5, suggest=0.2)
    capped = score(a, b, settings=lenient)
    assert capped.decision == "suggest"  # nothing to reach the person by in common
    assert capped.reasons[-1].startswith("no shared mobile, email or direct line")
    trusting = MatchSettings(auto_merge=0.5, suggest=0.2, merge_needs_contact=False)
    assert score(a, b, settings=trusting).decision == "merge"
    with pytest.raises(ValueError):
        MatchSettings(auto_merge=0.4, suggest=0.6)


# ------------------------------------------------------------------ properties

_names = st.sampled_from(
    ["山田 太郎", "山田太郎", "髙橋 一郎", "佐藤 翔太", "John Smith", "SMITH John", None]
)
_companies = st.sampled_from(["株式会社ABC", "ABC Inc.", "(株)サンプル", "Globex", None])
_emails = st.lists(
    st.sampled_from(["taro@abc.co.jp", "info@abc.co.jp", "t@gmail.com", "smith@globex.com"]), max_size=2
)
_phones = st.lists(
    st.tuples(st.sampled_from(["work", "mobile", "fax"]), st.sampled_from(["+81312345678", "+819011112222"])),
    max_size=2,
)


@st.composite
def records(draw: st.DrawFn, id: int) -> PersonRecord:
    return PersonRecord(
        id=id,
        name=draw(_names),
        name_reading=draw(st.sampled_from(["やまだ たろう", "ヤマダタロウ", None])),
        company=draw(_companies),
        department=draw(st.sampled_from(["営業部", None])),
        emails=tuple(dict.fromkeys(draw(_emails))),
        phones=tuple(dict.fromkeys(draw(_phones))),
    )


@settings(max_examples=150, deadline=None)
@given(
    records(1),
    records(2),
    st.frozensets(st.sampled_from(["mobile:+819011112222", "phone:+81312345678"])),
    st.none() | st.builds(NameFrequency, st.integers(1, 50), st.integers(1, 100_000)),
)
def test_score_is_symmetric(
    a: PersonRecord, b: PersonRecord, shared: frozenset[str], frequency: NameFrequency | None
) -> None:
    context = MatchContext(shared, frequency)
    ab, ba = score(a, b, context=context), score(b, a, context=context)
    assert ab.score == ba.score
    assert ab.decision == ba.decision
    assert sorted(ab.reasons) == sorted(ba.reasons)


@settings(max_examples=150, deadline=None)
@given(records(1), records(2))
def test_a_record_matches_itself_at_least_as_well_as_anything_else(a: PersonRecord, b: PersonRecord) -> None:
    itself = score(a, replace(a, id=99))
    assert itself.score >= score(a, b).score
    if a.name and (a.personal_emails or a.mobiles):
        assert itself.decision == "merge"


# ------------------------------------------------------------------ index and import


def test_from_row_normalises_phones_and_emails() -> None:
    r = rec(
        1,
        email="Taro@ABC.co.jp; info@abc.co.jp;not-an-email",
        phone="０３－１２３４－５６７８",
        mobile="(090) 1111-2222",
        fax="+81 (0)3 1234 5679",
    )
    assert r.emails == ("taro@abc.co.jp", "info@abc.co.jp")
    assert r.phones == (("mobile", "+819011112222"), ("work", "+81312345678"), ("fax", "+81312345679"))
    assert r.personal_emails == {"taro@abc.co.jp"}
    keys = person_keys(r)
    assert "email:taro@abc.co.jp" in keys
    assert "mobile:+819011112222" in keys
    assert not any("info@" in k or "+81312345679" in k for k in keys)  # mailbox and fax are no keys


def test_index_finds_a_misread_name_through_its_deletion_keys() -> None:
    index = MatchIndex()
    index.add(rec(1, name="渡辺 健一", company="株式会社ABC", department="営業部"))
    index.add(rec(2, name="鈴木 花子", company="Globex"))
    candidates = index.candidates(rec(3, name="渡邊 健ー", company="Globex"))  # variant + OCR slip
    assert [c.id for c in candidates][:1] == [1]
    assert index.frequency("name:渡辺健一") == 1
    index.remove(1)
    assert index.frequency("name:渡辺健一") == 0


def test_candidates_beyond_the_cap_are_cut_by_id_not_by_hash_order() -> None:
    index = MatchIndex(replace(DEFAULT_SETTINGS, max_candidates=3))
    ids: list[int | str] = ["row:9", 42, "row:10", 7, 100, "row:2"]
    for i in ids:
        index.add(rec(i, name="山本 直樹", company=f"会社{i}"))
    found = [c.id for c in index.candidates(rec(999, name="山本 直樹", company="別会社"))]
    assert found == [7, 42, 100]


def test_resolve_merges_suggests_and_joins_contacts_a_new_card_links() -> None:
    index = MatchIndex()
    assert index.resolve(rec(1, **TARO)).decision == "new"
    # The same person at a new company, with a new mobile: nothing links yet.
    moved = dict(name="山田 太郎", company="Globex Inc.", email="taro@globex.com", mobile="080-3333-4444")
    assert index.resolve(rec(2, **moved)).decision == "new"
    # A card with both mobiles is certain for both contacts: they become one.
    both = rec(3, name="山田 太郎", company="Globex Inc.", mobile="090-1111-2222;080-3333-4444")
    outcome = index.resolve(both)
    assert outcome.decision == "merge"
    assert set(outcome.absorbed) | {outcome.contact_id} == {1, 2}
    assert len(index) == 1
    # Same name and company only: a suggestion, not a merge.
    outcome = index.resolve(rec(4, name="山田 太郎", company="Globex"))
    assert outcome.decision == "suggest"
    assert outcome.contact_id == 4
    assert outcome.candidate is not None and outcome.candidate.record.id in {1, 2}


@pytest.fixture(scope="module")
def labelled() -> list:
    return generate(1500, seed=11)


def test_skipped_candidates_could_never_be_suggested(labelled: list) -> None:
    index = MatchIndex()
    skipped = 0
    for i, item in enumerate(labelled):
        r = PersonRecord.from_row(item.row, i)
        names = index.names_on_keys(r.keys)
        frequency = index.name_frequency(r)
        for cand in index.candidates(r):
            pair_frequency = frequency if cand.name_key == r.name_key else None
            # Scored as the index scores: knowing which lines other people share too.
            shared = shared_keys(r, cand, names)
            if not _worth_scoring(r, cand, names, DEFAULT_SETTINGS):
                skipped += 1
                assert score(r, cand, context=MatchContext(shared)).decision == "new", (r, cand)
            if not _worth_scoring(r, cand, names, DEFAULT_SETTINGS, pair_frequency):
                context = MatchContext(shared, name_frequency=pair_frequency)
                assert score(r, cand, context=context).decision == "new", (r, cand)
        index.add(r)
    assert skipped > 100  # the shortcut is really used


def test_import_of_generated_rows_meets_precision_and_recall_floor(labelled: list) -> None:
    rows = [item.row for item in labelled]
    truth = [item.entity for item in labelled]
    outcome = run_import(rows, DEFAULT_SETTINGS)
    auto = pairwise(outcome.contact_of_row, truth)
    both = pairwise(with_suggestions(outcome), truth)
    assert auto.precision >= 0.998
    assert auto.recall >= 0.8
    assert both.recall >= auto.recall
    assert 1000 * len(outcome.suggestions) / len(rows) <= 60


def test_pairwise_scores() -> None:
    perfect = pairwise([1, 1, 2, 3], ["a", "a", "b", "c"])
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
    lumped = pairwise([1, 1, 1, 1], ["a", "a", "b", "c"])
    assert lumped.true_pos == 1 and lumped.false_pos == 5 and lumped.false_neg == 0


def test_cross_check_set_from_the_card_generator_is_matched_without_wrong_merges() -> None:
    from bench.contacts.crosscheck import crosscheck

    labelled = crosscheck(400, seed=3)
    assert len(labelled) == 400
    assert {item.kind for item in labelled} >= {"first", "again"}
    outcome = run_import([item.row for item in labelled], DEFAULT_SETTINGS)
    auto = pairwise(outcome.contact_of_row, [item.entity for item in labelled])
    assert auto.precision >= 0.998
    assert auto.recall >= 0.8


def test_generated_namesakes_carry_names_as_common_as_real_namesakes_do() -> None:
    # Two unrelated people share a name about as often as the name is common: the
    # benchmark's namesakes are drawn that way, not copied from anyone at random.
    rows = generate(6000, 3)
    entities: dict[str, set[int]] = {}
    for r in rows:
        if r.kind in ("first", "namesake", "near-colleague") and r.row["name"]:
            entities.setdefault(r.row["name"].replace(" ", ""), set()).add(r.entity)

    def carriers(kind: str) -> list[int]:
        return [len(entities[r.row["name"].replace(" ", "")]) for r in rows if r.kind == kind]

    namesakes, everyone = carriers("namesake"), carriers("first")
    assert len(namesakes) > 100 and min(namesakes) >= 2
    assert sum(namesakes) / len(namesakes) >= 2 * sum(everyone) / len(everyone)

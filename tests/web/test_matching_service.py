"""services.matching against a real database: the one matcher of card save, API and import."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import select

from cardscan.match import PersonRecord
from models import CareerStep, MergeRecord, MergeSuggestion, Person
from services import merging
from services.cards import ReviewedCard, ReviewedPhone, save_reviewed_card
from services.matching import find_existing, match_settings, new_record, rank_people
from tests.factories import CardFactory


def _save(**fields: Any) -> int:
    """Save a read card through the review path (real matching); returns the person id."""
    phones = tuple(ReviewedPhone(t, n) for t, n in fields.pop("phones", ()))
    card = CardFactory(status="read")
    return save_reviewed_card(card.id, ReviewedCard(phones=phones, **fields), user_id=None).person_id


def _live(session: Any) -> list[Person]:
    return list(session.scalars(select(Person).where(Person.merged_into_id.is_(None)).order_by(Person.id)))


def test_second_card_with_the_same_mobile_is_merged_automatically(db_session) -> None:
    first = _save(name="山田 太郎", company="株式会社サンプル商事", phones=[("mobile", "090-1234-5678")])
    second = _save(
        name="山田 太郎",
        company="サンプル商事株式会社",
        title="部長",
        emails=("taro.yamada@sample.co.jp",),
        phones=[("mobile", "+819012345678"), ("work", "03-1234-5678")],
    )
    assert second == first
    person = db_session.get(Person, first)
    assert [p.e164 for p in person.phones] == ["+819012345678", "+81312345678"]
    assert person.title == "部長"
    assert len(person.sources) == 2
    assert db_session.scalars(select(MergeSuggestion)).all() == []


def test_colleague_sharing_main_line_and_info_mailbox_is_not_merged(db_session) -> None:
    shared = {
        "company": "株式会社サンプル商事",
        "emails": ("info@sample.co.jp",),
        "phones": [("work", "03-1234-5678"), ("fax", "03-1234-5679")],
        "urls": ("https://www.sample.co.jp",),
        "address": "東京都千代田区丸の内1-2-3",
    }
    a = _save(name="山田 太郎", **shared)
    b = _save(name="佐藤 花子", **shared)
    assert a != b
    assert len(_live(db_session)) == 2
    assert db_session.scalars(select(MergeSuggestion)).all() == []
    # Both work at one company, found by company key whatever the legal form's place.
    assert db_session.get(Person, a).company_id == db_session.get(Person, b).company_id


def test_namesake_at_another_company_is_never_merged_automatically(db_session) -> None:
    a = _save(name="鈴木 一郎", company="株式会社アルファ", emails=("ichiro@alpha.co.jp",))
    b = _save(name="鈴木 一郎", company="ベータ工業株式会社", emails=("suzuki@beta.co.jp",))
    assert a != b
    suggestions = db_session.scalars(select(MergeSuggestion)).all()
    # A namesake may at most become a suggestion for an admin.
    assert all(s.status == "open" and s.score < match_settings().auto_merge for s in suggestions)


def test_job_change_with_the_same_mobile_is_one_person_with_a_career_step(db_session) -> None:
    old = _save(
        name="田中 健", company="株式会社アルファ", title="課長", phones=[("mobile", "080-1111-2222")]
    )
    new = _save(
        name="田中 健",
        company="ベータ工業株式会社",
        title="部長",
        emails=("ken.tanaka@beta.co.jp",),
        phones=[("mobile", "08011112222")],
    )
    assert new == old
    person = db_session.get(Person, old)
    assert person.company.name == "ベータ工業株式会社"
    assert person.title == "部長"
    steps = db_session.scalars(
        select(CareerStep).where(CareerStep.person_id == old).order_by(CareerStep.id)
    ).all()
    assert [(s.company_name, s.title) for s in steps] == [
        ("株式会社アルファ", "課長"),
        ("ベータ工業株式会社", "部長"),
    ]


def test_job_change_with_a_mobile_misread_by_one_digit_is_still_found_and_merged(db_session) -> None:
    old = _save(name="加藤 哲也", company="株式会社協和工業", phones=[("mobile", "090-9257-7308")])
    namesake = _save(name="加藤 哲也", company="株式会社デルタ", phones=[("mobile", "090-5555-1234")])
    # Namesakes at other companies are not even loaded, unless a mobile comes this close.
    new = _save(name="加藤 哲也", company="北斗トレード株式会社", phones=[("mobile", "090-9297-7308")])
    assert new == old != namesake
    assert db_session.get(Person, old).company.name == "北斗トレード株式会社"
    assert db_session.get(Person, namesake).merged_into_id is None


def test_a_card_that_is_two_records_of_one_person_merges_them_reversibly(db_session) -> None:
    old_job = {"company": "株式会社ネクスト", "emails": ("yasuda@next.co.jp",)}
    old = _save(name="安田 茂", **old_job, phones=[("mobile", "09078650196")])
    # The new job's card came first without the mobile: nothing but the name links it.
    new = _save(name="安田 茂", company="パイドパイパー株式会社", emails=("s.yasuda@piedpiper.co.jp",))
    assert new != old
    # A later card of the new job prints the old mobile: it is both records.
    third = _save(
        name="安田 茂",
        company="パイドパイパー株式会社",
        emails=("s.yasuda@piedpiper.co.jp",),
        phones=[("mobile", "090-7865-0196")],
    )
    assert third == old
    assert [p.id for p in _live(db_session) if p.name == "安田 茂"] == [old]
    record = db_session.scalars(select(MergeRecord).order_by(MergeRecord.id.desc())).first()
    assert record is not None and record.automatic and record.user_id is None
    assert (record.kept_id, record.merged_id) == (old, new)
    assert any(r.startswith("card ") for r in record.reasons) and "same mobile" in record.reasons
    person = db_session.get(Person, old)
    assert {e.email for e in person.emails} == {"yasuda@next.co.jp", "s.yasuda@piedpiper.co.jp"}
    merging.unmerge(record.id, None)
    assert {p.id for p in _live(db_session) if p.name == "安田 茂"} == {old, new}


def test_a_linking_card_leaves_two_people_an_admin_told_apart(db_session) -> None:
    old_job = {"company": "株式会社ネクスト", "emails": ("yasuda@next.co.jp",)}
    old = _save(name="安田 茂", **old_job, phones=[("mobile", "09078650196")])
    new = _save(name="安田 茂", company="パイドパイパー株式会社", emails=("s.yasuda@piedpiper.co.jp",))
    suggestion = merging.open_suggestion(db_session, [old, new], 0.6, ["test"])
    db_session.commit()
    assert suggestion is not None
    merging.reject_suggestion(suggestion.id, None)  # "not the same person"
    card = {"company": "パイドパイパー株式会社", "emails": ("s.yasuda@piedpiper.co.jp",)}
    third = _save(name="安田 茂", **card, phones=[("mobile", "090-7865-0196")])
    assert third in (old, new)
    assert {p.id for p in _live(db_session) if p.name == "安田 茂"} == {old, new}  # still two
    assert db_session.scalars(select(MergeRecord)).first() is None


def test_uncertain_match_opens_a_suggestion_with_reasons(db_session) -> None:
    a = _save(name="高橋 誠", company="株式会社ガンマ", department="営業部", title="主任")
    b = _save(name="髙橋 誠", company="ガンマ株式会社", department="営業部", title="主任")
    assert a != b
    rows = merging.open_suggestions()
    assert len(rows) == 1
    assert rows[0]["contact_ids"] == [a, b]
    assert match_settings().suggest <= rows[0]["score"]
    assert "same company" in rows[0]["reasons"] and "same department" in rows[0]["reasons"]
    # Name, firm, department and title: a namesake colleague has them too.
    assert "no shared mobile, email or direct line: not merged automatically" in rows[0]["reasons"]


def test_not_the_same_person_is_never_suggested_again(db_session) -> None:
    _save(name="高橋 誠", company="株式会社ガンマ", department="営業部")
    _save(name="高橋 誠", company="ガンマ株式会社", department="営業部")
    [row] = merging.open_suggestions()
    merging.reject_suggestion(row["id"], None)
    assert merging.open_suggestions() == []
    # Re-checking either person, or importing the pair again, opens nothing.
    for pid in row["contact_ids"]:
        assert merging.suggest_duplicates(db_session, db_session.get(Person, pid)) == []
    assert merging.open_suggestion(db_session, row["contact_ids"][::-1], 0.9, ["again"]) is None
    db_session.commit()
    assert merging.open_suggestions() == []


def test_thresholds_come_from_the_config(app, db_session) -> None:
    app.config["MATCH_AUTO_MERGE"] = 0.9999999
    app.config["MATCH_SUGGEST"] = 0.2
    settings = match_settings()
    assert (settings.auto_merge, settings.suggest) == (0.9999999, 0.2)


def test_find_existing_ignores_merged_away_people(db_session) -> None:
    a = _save(name="小林 修", company="株式会社デルタ", phones=[("mobile", "070-3333-4444")])
    b = _save(name="小林 修", company="デルタ株式会社", department="開発部")
    record = merging.merge_contacts(a, b, {}, None)
    assert record.kept_id == a
    found = find_existing(db_session, new_record(name="小林 修", phones=["+817033334444"])).person
    assert found is not None and found.id == a


def test_every_spelling_of_a_legal_form_is_one_company(db_session) -> None:
    spellings = ["株式会社ABC", "ABC株式会社", "(株)ABC", "ABC Co., Ltd.", "ABC Inc."]
    ids = [_save(name=f"社員 {i}号", company=c) for i, c in enumerate(spellings)]
    companies = {db_session.get(Person, pid).company_id for pid in ids}
    assert len(companies) == 1 and None not in companies


def test_namesake_under_another_company_name_on_the_same_domain_is_suggested(db_session) -> None:
    a = _save(name="鈴木 一郎", company="株式会社サンプル商事", emails=("ichiro.suzuki@sample.co.jp",))
    b = _save(name="鈴木 一郎", company="Sample Trading Co., Ltd.", emails=("i.suzuki@sample.co.jp",))
    assert a != b
    [row] = merging.open_suggestions()
    assert row["contact_ids"] == [a, b] and "same company" in row["reasons"]


def _job_change_record(company: str, email: str) -> PersonRecord:
    return PersonRecord(
        id="new", name="金森 楓太", name_reading="かなもり ふうた", company=company, emails=(email,)
    )


def test_rare_name_at_another_company_is_scored_with_its_frequency(db_session) -> None:
    for i, name in enumerate(["佐藤 一", "鈴木 二", "高橋 三", "田中 四"]):
        _save(name=name, company=f"株式会社テスト{i}", emails=(f"p{i}@test{i}.co.jp",))
    kanamori = {"name": "金森 楓太", "name_reading": "かなもり ふうた"}
    old = _save(**kanamori, company="株式会社アルファ", emails=("kanamori@alpha.co.jp",))
    # Five people are a big base once the reference population is one.
    big = replace(match_settings(), tf_reference_population=1)
    rec = _job_change_record("ベータ工業株式会社", "f.kanamori@beta.co.jp")
    [(person, best)] = rank_people(db_session, rec, settings=big)
    assert person.id == old
    assert best.match.decision == "suggest"
    assert any(r.startswith("name carried by no one else") for r in best.match.reasons)
    # The default reference population: five people tell nothing, the namesake is not loaded.
    assert rank_people(db_session, rec) == []
    # More 金森 楓太 elsewhere: the name is no longer rare, no suggestion.
    for firm in ("ガンマ", "イプシロン", "ゼータ", "イータ"):
        _save(**kanamori, company=f"{firm}株式会社", emails=(f"fk@{len(firm)}{firm[0]}.co.jp",))
    other = _job_change_record("デルタ株式会社", "kanamori@delta.co.jp")
    ranked = rank_people(db_session, other, settings=big)
    assert all(c.match.decision == "new" for _, c in ranked)  # or not even loaded

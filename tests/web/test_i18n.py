"""The interface is Japanese first with English available: catalogues, pages, messages.

Catalogues are read as committed (``translations/``); pages are rendered by the real app in
both languages; cardscan's and the exchange package's messages are produced for real (bad
images through the reader, bad files through the importer) and shown translated.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image

import exchange
from app import ROOT
from cardscan.config import Settings
from cardscan.errors import CardscanError, ImageTooLarge, OcrUnavailable, UnreadableImage
from cardscan.imaging import load_image
from cardscan.ocr import probe
from cardscan.pipeline import scan
from extensions import db
from models import Card, User
from services.i18n import DOMAINS, compile_catalogues
from services.queue import get_queue
from tests.conftest import login
from tests.factories import CardFactory, NextActionFactory, PersonFactory, UserFactory
from tests.web.card_images import CORRUPT_PNG, png_bytes

TRANSLATIONS = ROOT / "translations"
EXCHANGE_SOURCES = ("templates/exchange/", "views/exchange.py", "views/exchange_texts.py")


def _catalog(lang: str, domain: str) -> Catalog | None:
    path = TRANSLATIONS / lang / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return None
    with path.open("rb") as f:
        return read_po(f, locale=lang)


def _translated(message: object) -> bool:
    string = message.string  # type: ignore[attr-defined]
    return bool(all(string) if isinstance(string, tuple | list) else string)


@pytest.fixture(scope="module")
def extracted() -> dict[str, list[str]]:
    """Every msgid in the code, with the files it comes from (as ``pybabel extract`` sees them)."""
    with (TRANSLATIONS / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    found: dict[str, list[str]] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords={"_l": None, **_default_keywords()}
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        found.setdefault(msgid, []).append(filename.replace(os.sep, "/"))
    assert len(found) > 300  # the extraction really read the code
    return found


def _default_keywords() -> dict[str, object]:
    from babel.messages.extract import DEFAULT_KEYWORDS

    return dict(DEFAULT_KEYWORDS)


# --- catalogues --------------------------------------------------------------------------


def test_japanese_catalogues_have_no_untranslated_or_fuzzy_entry() -> None:
    for domain in DOMAINS:
        catalog = _catalog("ja", domain)
        assert catalog is not None, f"translations/ja/LC_MESSAGES/{domain}.po is missing"
        assert len(catalog) > 0, domain
        for message in catalog:
            if not message.id:
                continue
            assert not message.fuzzy, f"{domain}.po: fuzzy entry {message.id!r}"
            assert _translated(message), f"{domain}.po: no translation for {message.id!r}"
        # Babel's checks: the same %(name)s placeholders in msgid and msgstr.
        problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
        assert problems == [], f"{domain}.po: {problems}"


def test_every_string_in_the_code_has_a_japanese_translation(extracted: dict[str, list[str]]) -> None:
    catalogs = [c for c in (_catalog("ja", d) for d in DOMAINS) if c is not None]
    missing = {
        msgid: files
        for msgid, files in extracted.items()
        if not any(c.get(msgid) is not None and _translated(c.get(msgid)) for c in catalogs)
    }
    assert missing == {}


def test_catalogues_agree_and_exchange_strings_are_in_exchange_po(extracted: dict[str, list[str]]) -> None:
    # The domains are merged into one catalogue per language: a msgid translated two ways would
    # show whichever domain happens to be merged last.
    seen: dict[str, tuple[str, object]] = {}
    for domain in DOMAINS:
        catalog = _catalog("ja", domain)
        assert catalog is not None
        for message in catalog:
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            if key in seen:
                other, string = seen[key]
                assert string == message.string, f"{key!r}: {other}.po and {domain}.po disagree"
            seen[key] = (domain, message.string)
    exchange_po = _catalog("ja", "exchange")
    assert exchange_po is not None
    only_exchange = [
        m for m, files in extracted.items() if all(f.startswith(EXCHANGE_SOURCES) for f in files)
    ]
    assert len(only_exchange) > 50
    assert [m for m in only_exchange if exchange_po.get(m) is None] == []


def test_error_pages_are_translated_for_every_http_error() -> None:
    from werkzeug.exceptions import default_exceptions

    from app import _ERROR_ADVICE

    catalogs = [c for c in (_catalog("ja", d) for d in DOMAINS) if c is not None]

    def has(msgid: str) -> bool:
        return any(c.get(msgid) is not None and _translated(c.get(msgid)) for c in catalogs)

    # Both are translated with a variable msgid (app.py), so extraction cannot see them.
    assert [e().name for e in default_exceptions.values() if not has(e().name)] == []
    assert [a for a in _ERROR_ADVICE.values() if not has(a)] == []


# --- compiled catalogues -----------------------------------------------------------------


def test_catalogues_compile_into_the_target_folder_only(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(TRANSLATIONS, source, ignore=shutil.ignore_patterns("*.mo"))
    target = tmp_path / "compiled"
    written = compile_catalogues(source, target)
    assert sorted(p.relative_to(target) for p in written) == sorted(
        p.relative_to(source).with_suffix(".mo") for p in source.glob("*/LC_MESSAGES/*.po")
    )
    assert list(source.rglob("*.mo")) == []  # the source tree stays as committed
    assert compile_catalogues(source, target) == []  # up to date: nothing rebuilt

    po = source / "ja/LC_MESSAGES/exchange.po"
    po.write_text(po.read_text(encoding="utf-8").replace("インポート完了", "取り込み完了"), encoding="utf-8")
    old = po.stat().st_mtime_ns - 10**12  # even a .po older than its .mo (a checkout) is rebuilt
    os.utime(po, ns=(old, old))
    assert compile_catalogues(source, target) == [target / "ja/LC_MESSAGES/exchange.mo"]
    assert "取り込み完了".encode() in (target / "ja/LC_MESSAGES/exchange.mo").read_bytes()

    po.unlink()  # a deleted catalogue stops being used
    compile_catalogues(source, target)
    assert not (target / "ja/LC_MESSAGES/exchange.mo").exists()


def test_the_app_compiles_into_its_instance_folder(app: Flask) -> None:
    compiled = Path(app.instance_path) / "translations"
    assert {p.stem for p in compiled.glob("ja/LC_MESSAGES/*.mo")} == set(DOMAINS)


# --- pages in both languages -------------------------------------------------------------

#: Page → (Japanese heading, English heading): the page's first h1 or h2 with that text.
PAGES: dict[str, tuple[str, str]] = {
    "capture": ("名刺をスキャン", "Scan cards"),
    "review": ("確認待ちの名刺", "Cards to review"),
    "contacts": ("人物", "People"),
    "contact": ("次のアクション", "Next actions"),
    "company": ("未完了のアクション", "Open next actions"),
    "actions": ("自分のアクション", "My actions"),
    "import": ("連絡先のインポート", "Import contacts"),
    "export": ("連絡先のエクスポート", "Export contacts"),
    "audit": ("監査ログ", "Audit log"),
    "tokens": ("APIトークン", "API tokens"),
    "users": ("ユーザー", "Users"),
}


def _headings(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", html, re.S)]


@pytest.mark.parametrize(("lang", "index"), [("ja", 0), ("en", 1)])
def test_main_pages_in_each_language(
    app: Flask, client: FlaskClient, admin: FlaskClient, lang: str, index: int
) -> None:
    with app.app_context():
        person = PersonFactory()
        NextActionFactory(person=person)
        urls = {
            "capture": "/capture",
            "review": "/review",
            "contacts": "/contacts/",
            "contact": f"/contacts/{person.id}",
            "company": f"/companies/{person.company_id}",
            "actions": "/actions/",
            "import": "/exchange/",
            "export": "/exchange/",
            "audit": "/admin/audit",
            "tokens": "/settings/api-tokens",
            "users": "/admin/users/",
        }
    login_page = client.get(f"/login?lang={lang}")
    assert login_page.status_code == 200
    assert _headings(login_page.get_data(as_text=True))[0] == ("ログイン", "Log in")[index]
    for page, url in urls.items():
        response = admin.get(f"{url}?lang={lang}")
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert f'<html lang="{lang}">' in html
        assert PAGES[page][index] in _headings(html), (page, _headings(html))
        assert PAGES[page][1 - index] not in _headings(html), page
    # The admin's own login is in the log, under its translated name.
    audit = admin.get(f"/admin/audit?lang={lang}").get_data(as_text=True)
    assert f"<td>{('ログイン', 'Logged in')[index]}</td>" in audit and "<td>login</td>" not in audit


def test_language_is_remembered_and_japanese_is_the_default(app: Flask, admin: FlaskClient) -> None:
    assert "監査ログ" in _headings(admin.get("/admin/audit").get_data(as_text=True))
    admin.get("/capture?lang=en")
    assert "Audit log" in _headings(admin.get("/admin/audit").get_data(as_text=True))


# --- cardscan's errors --------------------------------------------------------------------


def _cardscan_error(source: bytes, settings: Settings | None = None) -> CardscanError:
    with pytest.raises(CardscanError) as caught:
        load_image(source, settings=settings or Settings())
    return caught.value


def test_cardscan_errors_are_shown_translated_by_code_and_by_wording(app: Flask) -> None:
    from views.scan_errors import SCAN_ERRORS, scan_error

    assert set(SCAN_ERRORS) == {"unreadable_image", "image_too_large", "ocr_unavailable", "ocr_failed"}
    big = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(big, "PNG")
    errors = {
        "empty": _cardscan_error(b""),
        "corrupt": _cardscan_error(CORRUPT_PNG),
        "not_image": _cardscan_error(b"plain text, not a picture at all"),
        "small": _cardscan_error(png_bytes((20, 10))),
        "pixels": _cardscan_error(big.getvalue(), Settings(max_image_pixels=1000)),
        "bytes": _cardscan_error(big.getvalue(), Settings(max_image_bytes=100)),
    }
    with pytest.raises(OcrUnavailable) as missing:
        probe(Settings(tesseract_cmd="/nonexistent/tesseract"))
    errors["no_tesseract"] = missing.value
    assert isinstance(errors["corrupt"], UnreadableImage)
    assert isinstance(errors["pixels"], ImageTooLarge) and isinstance(errors["bytes"], ImageTooLarge)

    expected_ja = {
        "empty": "ファイルが空です。",
        "corrupt": "画像として読み込めません。JPEG・PNG・WebP・HEIC で撮り直してください。",
        "not_image": "JPEG・PNG・WebP・HEIC の画像ではありません。",
        "small": "写真が小さすぎて名刺を読み取れません。",
        "pixels": "写真が大きすぎます。解像度を下げて撮るか、小さいファイルを送ってください。",
        "bytes": "写真が大きすぎます。解像度を下げて撮るか、小さいファイルを送ってください。",
        "no_tesseract": "文字読み取り（Tesseract）が使えない状態です。管理者に連絡してください。",
    }
    with app.test_request_context("/?lang=ja"):
        for name, error in errors.items():
            # With the code (an exception in hand) and from the stored text alone (Card.error).
            assert scan_error(error.message, error.code) == expected_ja[name], (name, error.message)
            assert scan_error(error.message) == expected_ja[name], (name, error.message)
        assert scan_error("Tesseract timed out after 20 s") == (
            "読み取りに時間がかかりすぎたため中止しました。再試行するか、撮り直してください。"
        )
        assert scan_error("Tesseract failed: something", "ocr_failed") == (
            "この写真の文字を読み取れませんでした。再試行するか、撮り直してください。"
        )
        assert scan_error("something nobody listed") == "something nobody listed"
        assert scan_error(None) == ""
    with app.test_request_context("/?lang=en"):
        assert scan_error(errors["small"].message) == "The photo is too small to hold a card."
    # The reader itself reports an unreadable photo in its result, with the same wording.
    assert scan(b"").error == errors["empty"].message


def test_a_failed_card_is_explained_in_the_page_language(app: Flask, member: FlaskClient) -> None:
    response = member.post(
        "/capture",
        data={"image": [(io.BytesIO(CORRUPT_PNG), "broken.png")]},
        content_type="multipart/form-data",
        headers={"Accept": "application/json"},
    )
    card_id = response.get_json()["files"][0]["card_id"]
    with app.app_context():
        assert get_queue().run_pending() == 1
        english = db.session.get(Card, card_id).error
        assert english and english.startswith("corrupt or truncated image")
    japanese = "画像として読み込めません。JPEG・PNG・WebP・HEIC で撮り直してください。"
    for url in ("/capture", "/review", f"/review/{card_id}"):
        html = member.get(url).get_data(as_text=True)
        assert japanese in html, url
        assert f">{english}<" not in html, url  # only kept in the title attribute
    status = member.get(f"/capture/status?ids={card_id}").get_json()["cards"][0]
    assert status["error"] == japanese
    status_en = member.get(f"/capture/status?ids={card_id}&lang=en").get_json()["cards"][0]
    assert (
        status_en["error"]
        == "The photo cannot be read as an image. Take it again as JPEG, PNG, WebP or HEIC."
    )


def test_a_card_read_but_not_saved_keeps_its_reason(
    app: Flask, member_user: int, member: FlaskClient
) -> None:
    with app.app_context():
        uploader = db.session.get(User, member_user)
        CardFactory(uploaded_by=uploader, status="failed", error="read but not saved: no name")
    assert "読み取りましたが保存できませんでした: no name" in member.get("/review").get_data(as_text=True)


# --- the exchange package's messages ------------------------------------------------------


def test_import_messages_are_translated_for_display(app: Flask) -> None:
    from views.exchange_texts import exchange_text, import_target

    messages: dict[str, str] = {}
    for data in (b"abc\x82", b"\x00\x01 not a csv at all \xff\xfe"):
        with pytest.raises(exchange.UnreadableFile) as caught:
            exchange.sniff(data)
        messages[caught.value.message] = ""
    detected, rows = exchange.preview(
        "source_id,name,email,phone,url,mobile\r\nu1,山田,bad@,12,javascript:x,abc,extra\r\nu2,,,,,\r\n".encode()
    )
    warnings = [w for row in rows if isinstance(row, exchange.ImportedRow) for w in row.warnings]
    reasons = [row.reason for row in rows if isinstance(row, exchange.RowError)]
    assert len(warnings) == 5 and len(reasons) == 1
    expected = [
        "ファイルの文字コードが UTF-8 でも Shift_JIS（CP932）でもありません。",
        "対応している形式（cardscan・Google・Outlook・HubSpot・Salesforce・Eight）の見出し行が見つかりません。",
        "メール「bad@」はメールアドレスとして正しくないため、メモに残しました",
        "URL「javascript:x」はURLとして正しくないため、メモに残しました",
        "電話「12」は電話番号として正しくないため、メモに残しました",
        "携帯「abc」は電話番号として正しくないため、メモに残しました",
        "見出しより右にある 1 個のセルをメモに残しました。",
        "氏名・会社名・メールアドレス・電話番号のいずれもありません。",
    ]
    with app.test_request_context("/?lang=ja"):
        shown = [exchange_text(m) for m in [*messages, *warnings, *reasons]]
        assert shown == expected
        assert exchange_text("something nobody listed") == "something nobody listed"
        assert [import_target(t) for t in detected.mapping.values()] == [
            "元のシステムのID",
            "氏名",
            "メール",
            "電話",
            "Webサイト",
            "携帯",
        ]
    with app.test_request_context("/?lang=en"):
        assert exchange_text(reasons[0]) == "No name, company, e-mail or phone."


def test_import_preview_page_is_japanese(app: Flask, member: FlaskClient) -> None:
    data = "source_id,name,email\r\nu1,山田 太郎,bad@\r\nu2,,\r\n".encode()
    response = member.post(
        "/exchange/import",
        data={"file": (io.BytesIO(data), "contacts.csv")},
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "インポートのプレビュー" in _headings(html)[0]
    assert 'data-format="generic">cardscan CSV<' in html
    assert "<td>name</td><td>氏名</td>" in html and "<td>email</td><td>メール</td>" in html
    assert "メール「bad@」はメールアドレスとして正しくないため、メモに残しました" in html
    assert "取り込まれません: 氏名・会社名・メールアドレス・電話番号のいずれもありません。" in html
    assert "is not a valid" not in html and "no name, company" not in html


def test_users_locale_setting_is_used(app: Flask) -> None:
    with app.app_context():
        UserFactory(email="en@example.com", locale="en")
    client = app.test_client()
    assert login(client, "en@example.com").status_code == 302
    assert "Scan cards" in _headings(client.get("/capture").get_data(as_text=True))


def test_a_bad_export_filter_is_explained_in_japanese(admin: FlaskClient) -> None:
    bogus = {"format": "generic", "sort": "bogus"}
    response = admin.post("/exchange/export", data=bogus, follow_redirects=True)
    assert response.request.path == "/contacts/"
    html = response.get_data(as_text=True)
    assert "エクスポートの条件 sort が正しくありません: " in html and "のいずれかにしてください。" in html

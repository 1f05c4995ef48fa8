"""cardscan is a plain library: importing it must not drag in the web stack."""

import subprocess
import sys

FORBIDDEN = ("flask", "sqlalchemy", "flask_sqlalchemy", "models", "services", "views", "huey")


def _modules_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    command = [sys.executable, "-c", code]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    return set(done.stdout.split())


def test_import_cardscan_pulls_in_no_web_or_database_module():
    loaded = _modules_after("import cardscan")
    assert "cardscan" in loaded
    assert not {name for name in loaded if name.split(".")[0] in FORBIDDEN}


def test_pipeline_and_cli_pull_in_no_web_or_database_module():
    loaded = _modules_after("import cardscan.pipeline, cardscan.cli, cardscan.imaging, cardscan.ocr")
    assert "cardscan.pipeline" in loaded and "pytesseract" in loaded
    assert not {name for name in loaded if name.split(".")[0] in FORBIDDEN}


def test_loading_the_parser_for_a_scan_pulls_in_no_web_or_database_module():
    loaded = _modules_after("from cardscan.pipeline import _parser\n_parser()")
    assert not {name for name in loaded if name.split(".")[0] in FORBIDDEN}

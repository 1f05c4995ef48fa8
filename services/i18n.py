"""Translation catalogues: ``translations/<lang>/LC_MESSAGES/messages.po`` compiled on start.

Only the ``.po`` files are edited and committed; the binary ``.mo`` next to each is rebuilt
whenever it is missing or older than its ``.po``, so nobody has to remember ``pybabel compile``.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

#: Interface languages, Japanese first (the default).
LANGUAGES: tuple[str, ...] = ("ja", "en")


def compile_catalogues(root: Path) -> list[Path]:
    """Compile every stale catalogue under ``root``; returns the ``.mo`` files written."""
    written: list[Path] = []
    for po_path in sorted(root.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as f:
            catalog = read_po(f)
        tmp = mo_path.with_suffix(".mo.tmp")
        with tmp.open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        tmp.replace(mo_path)
        written.append(mo_path)
    return written

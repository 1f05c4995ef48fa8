"""Translation catalogues: ``translations/<lang>/LC_MESSAGES/<domain>.po``, compiled on start.

Only the ``.po`` files are edited and committed. The binary ``.mo`` files are built into the
instance folder (``<instance>/translations``), never into the source tree: the code may be
installed read-only, and a build product must not dirty the checkout. Each ``.mo`` carries its
``.po``'s modification time, so a changed (or older, checked-out) ``.po`` is rebuilt and an
unchanged one is left alone.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

#: Interface languages, Japanese first (the default).
LANGUAGES: tuple[str, ...] = ("ja", "en")

#: Catalogue domains, merged in this order into one catalogue per language (a later domain
#: wins for a msgid in two of them; a test keeps their translations from disagreeing).
#: Which string goes where is written in ``translations/babel.cfg``.
DOMAINS: tuple[str, ...] = ("messages", "records", "merge", "exchange")

# Compiled bytes per (.po path, mtime, size): every test builds a new app with a new instance
# folder, and parsing the catalogues again each time would cost a tenth of a second per app.
_compiled: dict[tuple[str, int, int], bytes] = {}


def _compile(po_path: Path, stat: os.stat_result) -> bytes:
    key = (str(po_path), stat.st_mtime_ns, stat.st_size)
    data = _compiled.get(key)
    if data is None:
        with po_path.open("rb") as f:
            catalog = read_po(f)
        buffer = io.BytesIO()
        # Fuzzy entries are guesses nobody checked: show the English msgid instead.
        write_mo(buffer, catalog, use_fuzzy=False)
        data = buffer.getvalue()
        _compiled[key] = data
    return data


def compile_catalogues(source: Path, target: Path) -> list[Path]:
    """Build a ``.mo`` under ``target`` for every ``.po`` under ``source`` that changed.

    Args:
        source: the ``translations`` folder with ``<lang>/LC_MESSAGES/<domain>.po``.
        target: where the same layout is written with ``.mo`` files (created if missing).

    Returns:
        The ``.mo`` files written (empty when all were up to date).
    """
    written: list[Path] = []
    wanted: set[Path] = set()
    for po_path in sorted(source.glob("*/LC_MESSAGES/*.po")):
        mo_path = target / po_path.relative_to(source).with_suffix(".mo")
        wanted.add(mo_path)
        po_stat = po_path.stat()
        if mo_path.exists() and mo_path.stat().st_mtime_ns == po_stat.st_mtime_ns:
            continue
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        # A unique temporary name then an atomic rename: the web server and a worker starting
        # together must not read (or write) a half-written catalogue.
        fd, tmp_name = tempfile.mkstemp(dir=mo_path.parent, prefix=mo_path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_compile(po_path, po_stat))
            os.utime(tmp_name, ns=(po_stat.st_atime_ns, po_stat.st_mtime_ns))
            Path(tmp_name).replace(mo_path)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        written.append(mo_path)
    # A catalogue deleted from the source must stop being used.
    for stale in target.glob("*/LC_MESSAGES/*.mo"):
        if stale not in wanted:
            stale.unlink(missing_ok=True)
    return written

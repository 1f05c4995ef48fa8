"""Settings of the cardscan library.

A plain value passed down the pipeline. The library never reads the
environment: the web application's config module or the command line build a
:class:`Settings` and hand it in.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Debian packages that provide Tesseract and the language data cardscan reads with.
TESSERACT_APT_PACKAGES: tuple[str, ...] = (
    "tesseract-ocr",
    "tesseract-ocr-eng",
    "tesseract-ocr-jpn",
    "tesseract-ocr-jpn-vert",
    "tesseract-ocr-osd",
)

#: Where ``scripts/install-system.sh`` puts the Latin-script model without its
#: word list, made from Debian's ``tesseract-ocr-script-latn``. Optional: without
#: it, Latin print is read by ``eng`` alone, which has no ü, é, ç or ß.
LATIN_MODEL = "/usr/local/share/cardscan/tessdata/lat.traineddata"


@dataclass(frozen=True)
class Settings:
    """Limits, sizes and timeouts of one scan.

    Attributes:
        default_region: ISO 3166-1 alpha-2 region for phone numbers printed
            without a country code when the card gives no better hint.
        max_image_bytes: Largest encoded file accepted.
        max_image_pixels: Largest decoded image (width x height) accepted; a
            bigger one is treated as a decompression bomb.
        work_max_side: Longest side the photo is shrunk to before card
            detection, so a 48 MP photo costs no more than a 4 MP one.
        detect_max_side: Longest side of the thumbnail used to find the card.
        card_long_side: Longest side of the flattened card handed to OCR;
            about 15 px/mm on a 91 mm card, enough for 6 pt print.
        ocr_timeout: Seconds allowed for one Tesseract call.
        tesseract_cmd: Tesseract executable (name on PATH or full path).
        osd: Use Tesseract's orientation detection when the text-line
            geometry cannot tell the rotation by itself.
        tesseract_threads: OpenMP threads per Tesseract run (OMP_THREAD_LIMIT);
            1 is fastest overall when several cards are read at once.
        latin_model: Tesseract model file (``NAME.traineddata``) used to read
            Latin print again for its accented letters; None, or a file that
            is not there, skips that pass.
        deblur: Look for a straight shake (motion blur) or a defocus on the
            card and undo it before the card is flattened (:mod:`cardscan.deblur`).
    """

    default_region: str = "JP"
    max_image_bytes: int = 40 * 1024 * 1024
    max_image_pixels: int = 64_000_000
    work_max_side: int = 2000
    detect_max_side: int = 640
    card_long_side: int = 1400
    ocr_timeout: float = 20.0
    tesseract_cmd: str = "tesseract"
    osd: bool = True
    tesseract_threads: int = 1
    latin_model: str | None = LATIN_MODEL
    deblur: bool = True

    def __post_init__(self) -> None:
        if len(self.default_region) != 2 or not self.default_region.isalpha():
            raise ValueError(f"default_region must be an ISO 3166-1 alpha-2 code: {self.default_region!r}")
        if self.default_region != self.default_region.upper():
            raise ValueError(f"default_region must be upper case: {self.default_region!r}")
        for name in ("max_image_bytes", "max_image_pixels", "work_max_side", "detect_max_side"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        if not 200 <= self.card_long_side <= 4000:
            raise ValueError(f"card_long_side out of range: {self.card_long_side}")
        if self.tesseract_threads < 1:
            raise ValueError("tesseract_threads must be at least 1")
        if self.ocr_timeout <= 0:
            raise ValueError("ocr_timeout must be positive")


DEFAULT_SETTINGS = Settings()

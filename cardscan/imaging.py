"""Image loading, card detection, perspective fix and light correction.

Three steps, each a public function:

- :func:`load_image` turns a path or bytes into an upright RGB image, refusing
  anything that is not a picture or is too big to decode safely;
- :func:`find_card` finds the card in a photo and warps it flat;
- :func:`prepare_for_ocr` turns the flat card into dark text on an even, white
  background (whatever the card's colours and the light were).

Nothing here talks to Tesseract: OCR decisions live in :mod:`cardscan.ocr`.
"""

from __future__ import annotations

import io
import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import cv2
import numpy as np
import numpy.typing as npt
import pillow_heif
from PIL import Image, ImageOps, UnidentifiedImageError

from cardscan.config import DEFAULT_SETTINGS, Settings
from cardscan.deblur import (
    DEFOCUS_UNDONE,
    MAX_LENGTH,
    MIN_DEFOCUS,
    estimate_defocus,
    estimate_motion_blur,
    remove_defocus,
    remove_motion_blur,
)
from cardscan.errors import ImageTooLarge, UnreadableImage
from cardscan.types import Box

pillow_heif.register_heif_opener()
Image.init()  # registers every plugin now, so the format filter below sees MPO and HEIF

ImageSource = str | os.PathLike[str] | bytes
# OpenCV's stubs type every array as a bare ndarray; the aliases name what the
# array holds (uint8 pixels, float or int32 point coordinates).
GrayArray = npt.NDArray[Any]
PointArray = npt.NDArray[Any]
Quad = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]
TextDirection = Literal["horizontal", "vertical", "none"]

# Decoders we let Pillow try. Leaving out EPS/PDF-like formats keeps Pillow from
# ever calling Ghostscript on an upload.
_ALLOWED_FORMATS = tuple(
    f for f in ("JPEG", "MPO", "PNG", "WEBP", "HEIF", "AVIF", "BMP", "TIFF", "GIF") if f in Image.OPEN
)

# A business card is 91x55 mm (1.65) in Japan, 3.5x2 in (1.75) in the US and
# 85x55 mm (1.55) in Europe; a detected quadrilateral far outside this band is
# more likely a laptop, a book or a table edge than a card.
_MIN_CARD_ASPECT = 1.2
_MAX_CARD_ASPECT = 2.3


@dataclass(frozen=True)
class DetectedCard:
    """A card cut out of a photo and warped flat.

    Attributes:
        image: The flat card, RGB, longest side ``Settings.card_long_side``.
        corners: Corners of the card in the loaded photo (top-left, top-right,
            bottom-right, bottom-left), or None when no card outline was found
            and the whole frame is used.
        method: How the outline was found (``"bright"``, ``"flat"``,
            ``"background"``, ``"edges"``, ``"lines"``), ``"print"`` for a crop
            around the print when no outline convinced, or ``"frame"``.
    """

    image: Image.Image
    corners: Quad | None
    method: str

    def __post_init__(self) -> None:
        if self.image.mode != "RGB":
            raise ValueError(f"card image must be RGB, not {self.image.mode}")
        if (self.corners is None) != (self.method == "frame"):
            raise ValueError("corners are given exactly when a card outline was found")

    @property
    def found(self) -> bool:
        return self.corners is not None


def load_image(source: ImageSource, *, settings: Settings = DEFAULT_SETTINGS) -> Image.Image:
    """Decode an image file into an upright RGB picture.

    EXIF orientation is applied, transparency is flattened onto white, and the
    picture is shrunk to ``settings.work_max_side`` (JPEG decodes at reduced
    scale directly, which makes big phone photos cheap).

    Args:
        source: A file path or the encoded bytes.
        settings: Size limits.

    Returns:
        An RGB image.

    Raises:
        UnreadableImage: The input is missing, empty, truncated, corrupt or not
            an image.
        ImageTooLarge: The file or the decoded picture is over the limits
            (decompression bombs included).
    """
    data = _read_bytes(source, settings)
    if not data:
        raise UnreadableImage("empty file")
    with warnings.catch_warnings():
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that; we want a
        # clean refusal for every bomb, not a warning that pytest or a caller
        # may turn into some other exception.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=_ALLOWED_FORMATS)
            width, height = image.size
            if width * height > settings.max_image_pixels:
                raise ImageTooLarge(
                    f"image has {width}x{height} pixels, over the limit of {settings.max_image_pixels}"
                )
            if width < 16 or height < 16:
                raise UnreadableImage(f"image is too small to hold a card: {width}x{height}")
            orientation = _exif_orientation(image)
            if image.format == "JPEG":
                # DCT scaling: decode at 1/2, 1/4 or 1/8 when the photo is big.
                scale = settings.work_max_side / max(width, height)
                if scale < 1:
                    image.draft("RGB", (int(width * scale) + 1, int(height * scale) + 1))
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
            raise ImageTooLarge(f"image is too large to decode safely: {e}") from e
        except UnidentifiedImageError as e:
            raise UnreadableImage("not a supported image (JPEG, PNG, WebP or HEIC expected)") from e
        except (OSError, SyntaxError, ValueError, EOFError) as e:
            # Pillow reports truncated and corrupt data as OSError/SyntaxError.
            raise UnreadableImage(f"corrupt or truncated image: {e}") from e
    upright = _apply_orientation(_to_rgb(image), orientation)
    if max(upright.size) > settings.work_max_side:
        upright.thumbnail((settings.work_max_side, settings.work_max_side), Image.Resampling.BILINEAR)
    return upright


def _read_bytes(source: ImageSource, settings: Settings) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        try:
            size = Path(os.fspath(source)).stat().st_size
            if size > settings.max_image_bytes:
                raise ImageTooLarge(f"file is {size} bytes, over the limit of {settings.max_image_bytes}")
            with Path(os.fspath(source)).open("rb") as f:
                data = f.read(settings.max_image_bytes + 1)
        except FileNotFoundError as e:
            raise UnreadableImage("file not found") from e
        except IsADirectoryError as e:
            raise UnreadableImage("is a directory, not an image file") from e
        except OSError as e:
            raise UnreadableImage(f"cannot read file: {e.strerror or e}") from e
    if len(data) > settings.max_image_bytes:
        raise ImageTooLarge(f"file is over the limit of {settings.max_image_bytes} bytes")
    return data


def _exif_orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(0x0112, 1)
    except Exception:  # noqa: BLE001 - a broken EXIF block must not lose the picture
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


_ORIENTATION_OPS: dict[int, tuple[Image.Transpose, ...]] = {
    2: (Image.Transpose.FLIP_LEFT_RIGHT,),
    3: (Image.Transpose.ROTATE_180,),
    4: (Image.Transpose.FLIP_TOP_BOTTOM,),
    5: (Image.Transpose.TRANSPOSE,),
    6: (Image.Transpose.ROTATE_270,),
    7: (Image.Transpose.TRANSVERSE,),
    8: (Image.Transpose.ROTATE_90,),
}


def _apply_orientation(image: Image.Image, orientation: int) -> Image.Image:
    # Done by hand rather than ImageOps.exif_transpose: HEIF images arrive
    # already rotated by libheif while still carrying the tag, and pillow-heif
    # resets it to 1, so reading the tag before decoding and applying it once
    # is the one behaviour that is right for every format.
    for op in _ORIENTATION_OPS.get(orientation, ()):
        image = image.transpose(op)
    return image


def _to_rgb(image: Image.Image) -> Image.Image:
    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        array = np.asarray(image, dtype=np.float64)
        top = float(array.max()) or 1.0
        return Image.fromarray((array * (255.0 / top)).astype(np.uint8)).convert("RGB")
    return ImageOps.grayscale(image).convert("RGB") if image.mode == "1" else image.convert("RGB")


# --------------------------------------------------------------------------- card detection


def find_card(image: Image.Image, *, settings: Settings = DEFAULT_SETTINGS) -> DetectedCard:
    """Find the card in a photo and warp it flat.

    Several masks are tried on a small copy (bright low-saturation paper,
    difference from the colour at the photo's border, closed edges), and
    quadrilaterals made of the photo's long straight edges; the most
    card-like one wins (every side on an edge, the card's shape, print
    inside). When none is convincing (a flatbed scan, a card filling the
    frame) the whole frame is used.

    Args:
        image: An RGB photo from :func:`load_image`.
        settings: Sizes.

    Returns:
        The flat card, longest side ``settings.card_long_side``, at the aspect
        ratio that was detected.
    """
    rgb = np.asarray(image.convert("RGB"))
    height, width = rgb.shape[:2]
    scale = min(1.0, settings.detect_max_side / max(width, height))
    small_size = (max(1, round(width * scale)), max(1, round(height * scale)))
    small = cv2.resize(rgb, small_size, interpolation=cv2.INTER_AREA)
    found = _best_quad(small)
    if found is None:
        return whole_frame(image, settings=settings)
    quad_small, method = found
    quad = quad_small / scale
    if settings.deblur:
        rgb = _steadied(rgb, quad)
    flat = _warp(rgb, quad, settings.card_long_side)
    corners: Quad = tuple((float(x), float(y)) for x, y in quad)  # type: ignore[assignment]
    return DetectedCard(image=Image.fromarray(flat), corners=corners, method=method)


def whole_frame(image: Image.Image, *, settings: Settings = DEFAULT_SETTINGS) -> DetectedCard:
    """The whole photo as the card, at the size OCR expects.

    What :func:`find_card` falls back to when no outline convinces, and what a
    caller can fall back to when the outline it found held no readable text.

    Args:
        image: An RGB photo from :func:`load_image`.
        settings: Sizes.

    Returns:
        The photo, longest side ``settings.card_long_side``, method ``"frame"``.
    """
    whole = _resize_long_side(image, settings.card_long_side)
    if settings.deblur:
        rgb = np.asarray(whole.convert("RGB"))
        steadied = _steadied(rgb, None)
        if steadied is not rgb:
            whole = Image.fromarray(steadied)
    return DetectedCard(image=whole, corners=None, method="frame")


def _steadied(rgb: GrayArray, quad: PointArray | None) -> GrayArray:
    """``rgb`` with a shake or a defocus found on the card undone around it, or ``rgb`` itself.

    ``quad`` is the card's outline in ``rgb``, or None when the card is the
    whole image. The blur is measured on the card's bounding box (a shake on
    at most its middle 1024 px square, a defocus on the print inside the
    outline) and undone on it with a margin, at the photo's resolution:
    warping would change its size and a shake's direction.
    """
    height, width = rgb.shape[:2]
    left, top, right, bottom = (
        (0.0, 0.0, float(width), float(height)) if quad is None else (*quad.min(axis=0), *quad.max(axis=0))
    )

    def cut(margin: float) -> tuple[slice, slice]:
        x0, x1 = (int(np.clip(v, 0, width)) for v in (left - margin, right + margin))
        y0, y1 = (int(np.clip(v, 0, height)) for v in (top - margin, bottom + margin))
        return slice(y0, y1), slice(x0, x1)

    card = cut(0)
    gray = cv2.cvtColor(rgb[card], cv2.COLOR_RGB2GRAY)
    shake = estimate_motion_blur(gray)
    if shake is not None:
        around = cut(2 * MAX_LENGTH)
        steadied = rgb.copy()
        steadied[around] = remove_motion_blur(np.ascontiguousarray(rgb[around]), shake)
        return steadied
    sigma = estimate_defocus(gray, None if quad is None else _inside(quad, card, gray.shape))
    if sigma is None or sigma < MIN_DEFOCUS:
        return rgb
    sigma *= DEFOCUS_UNDONE
    around = cut(6 * sigma)
    focused = rgb.copy()
    focused[around] = remove_defocus(np.ascontiguousarray(rgb[around]), sigma)
    return focused


# The part of a card's outline whose edges are the print's, not the card's own
# edge and the background beside it: the outline shrunk towards its middle.
_INSIDE = 0.85


def _inside(quad: PointArray, box: tuple[slice, slice], shape: tuple[int, ...]) -> GrayArray:
    """A mask of ``shape`` (the crop ``box`` of the image) true inside the card's outline, shrunk."""
    middle = quad.mean(axis=0)
    shrunk = middle + (quad - middle) * _INSIDE - np.array([box[1].start, box[0].start])
    mask = np.zeros(shape[:2], np.uint8)
    cv2.fillConvexPoly(mask, np.round(shrunk).astype(np.int32), 1)
    inside: GrayArray = mask.astype(bool)
    return inside


def _resize_long_side(image: Image.Image, long_side: int) -> Image.Image:
    width, height = image.size
    scale = long_side / max(width, height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    resample = Image.Resampling.LANCZOS if scale > 1 else Image.Resampling.BILINEAR
    return image.convert("RGB").resize(size, resample, reducing_gap=None if scale > 1 else 2.0)


def _best_quad(small: GrayArray) -> tuple[PointArray, str] | None:
    h, w = small.shape[:2]
    frame_area = float(h * w)
    # Print shows as dense small edges; a quad around a blank patch of desk
    # or a bare corner of the card has few.
    detail = cv2.Canny(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY), 40, 120)
    # Closing wipes out thin dark things, printed text and the rules of lined
    # paper or wood grain alike, and keeps big steps such as a card's edge.
    small = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7)))
    gray = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY), (5, 5), 0)
    # Fixed thresholds: a white card on a light desk has a weak edge however
    # bright the photo is.
    edges = cv2.Canny(gray, 10, 30)
    # A red or blue card on brown wood can be as bright as the desk: the
    # edge of its colour counts too.
    lab = cv2.cvtColor(cv2.GaussianBlur(small, (5, 5), 0), cv2.COLOR_RGB2LAB)
    colour_edges: GrayArray = cv2.bitwise_or(cv2.Canny(lab[:, :, 1], 8, 24), cv2.Canny(lab[:, :, 2], 8, 24))
    # The straight sides and the support of every outline also take fainter
    # steps: a white card on white paper under glare keeps a side or two no
    # stronger than that. Only the edge-chain outline needs the stronger
    # edges, where the paper's own texture would otherwise join the card's.
    faint = cv2.Canny(gray, _FAINT_EDGE, 3 * _FAINT_EDGE)
    all_edges: GrayArray = cv2.bitwise_or(cv2.bitwise_or(edges, faint), colour_edges)
    support_map = cv2.dilate(all_edges, np.ones((5, 5), np.uint8))
    blocks = _print_blocks(detail)
    found: list[tuple[float, PointArray, str]] = []
    for method, contours in _candidate_contours(small, edges):
        for contour in contours:
            best_of_contour = _score_contour(contour, frame_area, support_map, lab, detail)
            if best_of_contour is not None:
                found.append((*best_of_contour, method))
    for quad in _line_quads(all_edges, support_map, lab):
        score = _score_quad(quad, frame_area, support_map, lab, detail)
        if score is not None:
            found.append((score, quad, "lines"))
    # A card holds all of its print: an outline that leaves most of the
    # photo's print outside is a colour band, a logo panel or a shadow's edge
    # on a pale card, not the card.
    scored = [
        item for item in found if blocks is None or _print_coverage(item[1], blocks) >= _MIN_PRINT_COVERAGE
    ]
    if not scored:
        region = _print_region(detail)
        return None if region is None else (region, "print")
    scored.sort(key=lambda item: item[0], reverse=True)
    best = top = scored[0]
    # A shadow line or a colour band can cut a card in two, and the part then
    # scores as well as the whole: a nearly-as-good quad that contains the
    # winner and more of the print is the whole card. One that only adds
    # blank desk (a paper's ruled line, the edge of a glare) is not.
    for candidate in scored[1:]:
        if (
            candidate[0] >= _WHOLE_CARD_SCORE * top[0]
            and _contains(candidate[1], best[1])
            and (
                blocks is None
                or _print_coverage(candidate[1], blocks) >= _print_coverage(best[1], blocks) + _MORE_PRINT
            )
        ):
            best = candidate
    if blocks is not None:
        best = _whole_card_around(best, scored, blocks)
    return best[1], best[2]


# Canny's low threshold for the faint steps a card's side may be made of (the
# high one is three times it).
_FAINT_EDGE = 6
# How close to the best score an outline around the winner must come, and how
# much more of the photo's print it must hold, to be taken as the whole card.
_WHOLE_CARD_SCORE = 0.85
_MORE_PRINT = 0.05


# A dark band across a pale card (or the other way round) makes the card's
# outline change contrast with the desk half way, so the pale part alone
# often scores best. An outline around it, not much bigger, card-shaped and
# holding clearly more of the print (the band carries the company name) is
# the card.
_BAND_MIN_SCORE = 0.5
_BAND_MORE_PRINT = 0.15
_BAND_MAX_GROWTH = 1.7
_CARD_SHAPE = (1.45, 1.9)


def _whole_card_around(
    best: tuple[float, PointArray, str], scored: list[tuple[float, PointArray, str]], blocks: GrayArray
) -> tuple[float, PointArray, str]:
    area = float(cv2.contourArea(best[1].astype(np.float32)))
    coverage = _print_coverage(best[1], blocks)
    for candidate in scored:
        if candidate[0] < _BAND_MIN_SCORE * best[0] or candidate is best:
            continue
        aspect = _quad_aspect(candidate[1])
        if not _CARD_SHAPE[0] <= max(aspect, 1 / aspect) <= _CARD_SHAPE[1]:
            continue
        grown = float(cv2.contourArea(candidate[1].astype(np.float32))) / max(area, 1.0)
        if grown > _BAND_MAX_GROWTH or not _contains(candidate[1], best[1]):
            continue
        if _print_coverage(candidate[1], blocks) >= coverage + _BAND_MORE_PRINT:
            return candidate
    return best


# Share of the photo's blocks of print an outline must enclose to count as the card.
_MIN_PRINT_COVERAGE = 0.55


def _print_blocks(detail: GrayArray) -> GrayArray | None:
    """Mask of the blocks of print away from the frame's edge (texture running into it is left out).

    None when there is too little print to judge an outline by.
    """
    h, w = detail.shape
    blob = cv2.dilate(detail, np.ones((9, 9), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(blob, connectivity=8)
    keep = np.zeros(count, dtype=bool)
    for index in range(1, count):
        x, y, bw, bh, area = (int(v) for v in stats[index])
        inner = x > 2 and y > 2 and x + bw < w - 3 and y + bh < h - 3
        keep[index] = inner and area >= 0.0005 * h * w
    # Print is dense: glyph edges crowd together, while the grain of wood,
    # fabric or marble draws lone strokes a few pixels apart.
    density = cv2.blur((detail > 0).astype(np.float32), (15, 15))
    mask: GrayArray = keep[labels] & (detail > 0) & (density > 0.15)
    if np.count_nonzero(mask) < 0.002 * h * w:
        return None
    return mask


def _print_coverage(quad: PointArray, blocks: GrayArray) -> float:
    inside = np.zeros(blocks.shape, dtype=np.uint8)
    cv2.fillConvexPoly(inside, np.round(quad).astype(np.int32), 1)
    total = int(np.count_nonzero(blocks))
    return float(np.count_nonzero(blocks & (inside > 0))) / max(1, total)


def _print_region(detail: GrayArray) -> PointArray | None:
    """The rotated rectangle around the main block of print, with a margin.

    Used when no outline can be trusted (a white card on white paper, a
    shadow over half the card): OCR then at least gets the text, straightened
    and at a good size, instead of the whole frame.
    """
    h, w = detail.shape
    blob = cv2.dilate(detail, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(blob, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    # All blocks of print, leaving out texture that runs into the frame's edge.
    blocks = []
    for contour in contours:
        x, y, bw, bh = cv2.boundingRect(contour)
        inner = x > 2 and y > 2 and x + bw < w - 3 and y + bh < h - 3
        if inner and cv2.contourArea(contour) >= 0.001 * h * w:
            blocks.append(contour.reshape(-1, 2))
    if not blocks:
        return None
    points = np.concatenate(blocks)
    (_, _), (rw, rh), _ = cv2.minAreaRect(points)
    # Print over most of the frame: a scan or a close-up, and the frame is
    # the card already.
    if not 0.02 * h * w <= rw * rh <= 0.5 * h * w:
        return None
    # The rectangle runs along the lines of print. (The smallest rectangle
    # around the blocks does not: left-aligned lines of different lengths make
    # a slanted outline, and it tilted a straight card by 18 degrees.)
    inside = np.zeros_like(detail)
    cv2.drawContours(inside, [b.reshape(-1, 1, 2) for b in blocks], -1, 255, thickness=cv2.FILLED)
    ys, xs = np.nonzero(cv2.bitwise_and(detail, inside))
    angle = _lines_angle(np.stack([xs, ys], axis=1)) if xs.size else 0.0
    along = np.array([np.cos(np.radians(angle)), np.sin(np.radians(angle))])
    across = np.array([-along[1], along[0]])
    u, v = points @ along, points @ across
    margin_u = _PRINT_MARGIN * float(np.ptp(u)) + 5
    margin_v = _PRINT_MARGIN * float(np.ptp(v)) + 5
    corners = [
        (u0 * along + v0 * across)
        for u0, v0 in (
            (u.min() - margin_u, v.min() - margin_v),
            (u.max() + margin_u, v.min() - margin_v),
            (u.max() + margin_u, v.max() + margin_v),
            (u.min() - margin_u, v.max() + margin_v),
        )
    ]
    return _order_corners(np.array(corners, dtype=np.float64))


# White kept round the print on each side, as a share of its extent. On the 33 scans of data
# sets 7, 13, 31 and 43 cropped round their print, 4%, 6%, 8% and 10% gave 26, 26, 24 and 27
# with all key fields right: noise, but more white does no harm.
_PRINT_MARGIN = 0.10
# Steepest tilt of a card's lines of print looked for, and the step, in degrees.
_MAX_TILT = 20.0
_TILT_STEP = 0.5
# Points of print enough to find their lines' direction.
_TILT_SAMPLE = 40000


def _lines_angle(points: PointArray) -> float:
    """Direction of the lines of print through ``points`` (x, y), degrees clockwise on screen.

    The direction along which the points, projected across it, pile up in the
    sharpest peaks (one per line): the classic projection-profile skew estimate.
    """
    if len(points) > _TILT_SAMPLE:
        points = points[np.random.default_rng(0).choice(len(points), _TILT_SAMPLE, replace=False)]
    xs, ys = points[:, 0].astype(np.float64), points[:, 1].astype(np.float64)
    best, best_score = 0.0, -1.0
    for angle in np.arange(-_MAX_TILT, _MAX_TILT + _TILT_STEP / 2, _TILT_STEP):
        across = ys * np.cos(np.radians(angle)) - xs * np.sin(np.radians(angle))
        profile = np.bincount(((across - across.min()) / 2).astype(np.int64)).astype(np.float64)
        score = float(np.sum(profile**2))
        if score > best_score:
            best, best_score = float(angle), score
    return best


def _contains(outer: PointArray, inner: PointArray) -> bool:
    inner_area = float(cv2.contourArea(inner.astype(np.float32)))
    outer_area = float(cv2.contourArea(outer.astype(np.float32)))
    if outer_area < 1.05 * inner_area:
        return False
    overlap, _ = cv2.intersectConvexConvex(outer.astype(np.float32), inner.astype(np.float32))
    return float(overlap) >= 0.95 * inner_area


# Straight lines kept as possible card sides, and the best few quadrilaterals
# built from them that are scored in full.
_MAX_LINES = 10
_MAX_LINE_QUADS = 6


def _line_quads(edges: GrayArray, support_map: GrayArray, lab: GrayArray) -> list[PointArray]:
    """Quadrilaterals whose sides are the photo's long straight edges.

    What the masks miss: a white card on white paper or marble, a shadow
    falling across the card, desk texture touching the card's outline. The
    sides of a card are still long straight edges; two roughly parallel
    pairs of them, crossing, make the candidates, and the ones whose sides
    are edges along their whole length are returned, best first.
    """
    lines = _long_lines(edges, lab)
    pairs = [
        (i, j) for i in range(len(lines)) for j in range(i + 1, len(lines)) if _parallel(lines[i], lines[j])
    ]
    quads: list[tuple[float, PointArray]] = []
    for index, (a, b) in enumerate(pairs):
        for c, d in pairs[index + 1 :]:
            if len({a, b, c, d}) < 4 or _parallel(lines[a], lines[c], degrees=45):
                continue
            corners = [_intersect(lines[p], lines[q]) for p, q in ((a, c), (c, b), (b, d), (d, a))]
            if any(point is None for point in corners):
                continue
            quad = _order_corners(np.array(corners))
            aspect = _quad_aspect(quad)
            if not _MIN_CARD_ASPECT <= max(aspect, 1 / aspect) <= _MAX_CARD_ASPECT:
                continue
            if cv2.contourArea(quad.astype(np.float32)) < 0.03 * edges.size:
                continue
            if not cv2.isContourConvex(quad.astype(np.float32)):
                continue
            support, _ = _edge_support(quad, support_map, lab)
            if support >= 0.6:
                quads.append((support, quad))
    quads.sort(key=lambda item: item[0], reverse=True)
    return [quad for _, quad in quads[:_MAX_LINE_QUADS]]


def _long_lines(edges: GrayArray, lab: GrayArray) -> list[tuple[PointArray, PointArray]]:
    """The longest straight edges, one per line (collinear pieces are merged), as two points each.

    Only steps count: a thin line with the same colour on both sides (the
    rules of lined paper, a printed rule) is not the edge of anything.
    """
    short = min(edges.shape[:2])
    segments = cv2.HoughLinesP(
        edges, 1, np.pi / 180, threshold=30, minLineLength=round(0.12 * short), maxLineGap=8
    )
    if segments is None:
        return []
    pieces = [
        (np.array(seg[:2], dtype=np.float64), np.array(seg[2:], dtype=np.float64)) for seg in segments[:, 0]
    ]
    pieces.sort(key=lambda piece: float(np.linalg.norm(piece[1] - piece[0])), reverse=True)
    lines: list[tuple[PointArray, PointArray]] = []
    for start, end in pieces:
        if not any(_collinear((start, end), line, short) for line in lines) and _is_step(start, end, lab):
            lines.append((start, end))
        if len(lines) == _MAX_LINES:
            break
    return lines


def _is_step(start: PointArray, end: PointArray, lab: GrayArray) -> bool:
    """Whether the two sides of a straight edge differ in brightness or colour along most of it."""
    h, w = lab.shape[:2]
    direction = (end - start) / max(float(np.linalg.norm(end - start)), 1e-6)
    normal = np.array([-direction[1], direction[0]])
    points = start + np.linspace(0.1, 0.9, 15)[:, None] * (end - start)
    one = np.clip(np.round(points + 5 * normal), 0, [w - 1, h - 1]).astype(np.int32)
    other = np.clip(np.round(points - 5 * normal), 0, [w - 1, h - 1]).astype(np.int32)
    step = lab[one[:, 1], one[:, 0]].astype(np.float32) - lab[other[:, 1], other[:, 0]].astype(np.float32)
    return float(np.median(np.linalg.norm(step, axis=1))) > 6


def _parallel(
    first: tuple[PointArray, PointArray], second: tuple[PointArray, PointArray], degrees: float = 25
) -> bool:
    """Whether two lines run within ``degrees`` of each other (a card's opposite sides, in perspective)."""
    u, v = first[1] - first[0], second[1] - second[0]
    cosine = abs(float(u @ v)) / max(float(np.linalg.norm(u) * np.linalg.norm(v)), 1e-6)
    return cosine >= float(np.cos(np.radians(degrees)))


def _collinear(piece: tuple[PointArray, PointArray], line: tuple[PointArray, PointArray], short: int) -> bool:
    """Whether a piece of edge lies on a line already kept (another piece of the same side)."""
    if not _parallel(piece, line, degrees=4):
        return False
    direction = (line[1] - line[0]) / max(float(np.linalg.norm(line[1] - line[0])), 1e-6)
    normal = np.array([-direction[1], direction[0]])
    offsets = [abs(float((point - line[0]) @ normal)) for point in piece]
    return max(offsets) < max(3.0, 0.01 * short)


def _candidate_contours(small: GrayArray, edges: GrayArray) -> list[tuple[str, list[PointArray]]]:
    h, w = small.shape[:2]
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5))
    masks: list[tuple[str, GrayArray]] = []

    # Paper: bright and grey. Skin and wood are bright too but coloured, so
    # value minus saturation separates a white card from the fingers holding it.
    hsv = cv2.cvtColor(small, cv2.COLOR_RGB2HSV)
    paper = cv2.subtract(hsv[:, :, 2], hsv[:, :, 1])
    paper = cv2.GaussianBlur(paper, (5, 5), 0)
    for threshold in _thresholds(paper, (60, 75, 88)):
        masks.append(("bright", _clean(np.where(paper > threshold, 255, 0).astype(np.uint8), kernel)))

    # The same after dividing out the light: a shadow across the card or a
    # vignette darkens paper and desk alike, and the division undoes it.
    gray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY).astype(np.float32) + 1.0
    tiny = cv2.resize(gray, (max(1, w // 8), max(1, h // 8)), interpolation=cv2.INTER_AREA)
    light = cv2.resize(cv2.GaussianBlur(tiny, (0, 0), sigmaX=max(h, w) / 80), (w, h))
    flat = np.clip(gray / light * 128.0, 0, 255).astype(np.uint8)
    for threshold in _thresholds(flat, (70, 85)):
        masks.append(("flat", _clean(np.where(flat > threshold, 255, 0).astype(np.uint8), kernel)))

    # Whatever differs from the photo's border (dark cards on light desks too).
    lab = cv2.cvtColor(cv2.GaussianBlur(small, (7, 7), 0), cv2.COLOR_RGB2LAB).astype(np.float32)
    border = max(2, min(h, w) // 30)
    ring = np.concatenate(
        [
            lab[:border].reshape(-1, 3),
            lab[-border:].reshape(-1, 3),
            lab[:, :border].reshape(-1, 3),
            lab[:, -border:].reshape(-1, 3),
        ]
    )
    distance = np.linalg.norm(lab - np.median(ring, axis=0), axis=2)
    scale = 255.0 / max(1.0, float(np.percentile(distance, 99)))
    distance8 = np.clip(distance * scale, 0, 255).astype(np.uint8)
    for threshold in _thresholds(distance8, (60, 80)):
        masks.append(("background", _clean(np.where(distance8 > threshold, 255, 0).astype(np.uint8), kernel)))

    found: list[tuple[str, list[PointArray]]] = []
    for method, mask in masks:
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        found.append((method, sorted(contours, key=cv2.contourArea, reverse=True)[:2]))
    # Outline: the card's edge as one long edge chain, possibly open (a corner
    # out of the frame or under a thumb); its convex hull is still the card.
    closed = cv2.dilate(edges, kernel, iterations=1)
    contours, _ = cv2.findContours(closed, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    big = sorted(contours, key=lambda c: cv2.contourArea(cv2.convexHull(c)), reverse=True)[:4]
    found.append(("edges", big))
    return found


def _thresholds(channel: GrayArray, percentiles: tuple[int, ...]) -> list[float]:
    """Otsu's threshold and a few percentiles: a light card on a light desk is
    the brightest part of the photo but not what Otsu splits off."""
    otsu, _ = cv2.threshold(channel, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    levels = [float(otsu)] + [float(v) for v in np.percentile(channel, percentiles)]
    unique: list[float] = []
    for level in levels:
        if all(abs(level - u) > 3 for u in unique):
            unique.append(level)
    return unique


def _clean(mask: GrayArray, kernel: GrayArray) -> GrayArray:
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel, iterations=2)
    return cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel, iterations=2)


def _score_contour(
    contour: PointArray,
    frame_area: float,
    support_map: GrayArray,
    lab: GrayArray,
    detail: GrayArray,
) -> tuple[float, PointArray] | None:
    hull = cv2.convexHull(contour)
    hull_area = float(cv2.contourArea(hull))
    if hull_area < 0.03 * frame_area:
        return None
    best: tuple[float, PointArray] | None = None
    # Two guesses per outline: its four longest sides extended (perspective,
    # a cut-off corner) and its rotated bounding box (rounded corners, or
    # desk texture stuck to one side of the outline).
    sides = _quad_from_hull(hull, contour.reshape(-1, 2).astype(np.float64))
    box = _order_corners(cv2.boxPoints(cv2.minAreaRect(hull)).astype(np.float64))
    for quad in (sides, box):
        if quad is None:
            continue
        score = _score_quad(quad, frame_area, support_map, lab, detail)
        if score is not None and (best is None or score > best[0]):
            best = (score, quad)
    return best


def _score_quad(
    quad: PointArray,
    frame_area: float,
    support_map: GrayArray,
    lab: GrayArray,
    detail: GrayArray,
) -> float | None:
    quad_area = float(cv2.contourArea(quad.astype(np.float32)))
    if quad_area < 0.03 * frame_area or quad_area > 0.98 * frame_area:
        return None
    h, w = support_map.shape
    if np.any(quad[:, 0] < -0.25 * w) or np.any(quad[:, 0] > 1.25 * w):
        return None
    if np.any(quad[:, 1] < -0.25 * h) or np.any(quad[:, 1] > 1.25 * h):
        return None
    aspect = _quad_aspect(quad)
    if not _MIN_CARD_ASPECT <= max(aspect, 1 / aspect) <= _MAX_CARD_ASPECT:
        return None
    support, weakest = _edge_support(quad, support_map, lab)
    if support < 0.5:
        return None
    # Cards are 1.55 (EU) to 1.75 (US) long; perspective stretches that by
    # a tenth or so (a card seen at a slant is ~2.0 along its near side), a
    # wrong outline (half a card, card plus shadow) a lot more.
    long_aspect = max(aspect, 1 / aspect)
    off_shape = max(0.0, 1.5 - long_aspect, long_aspect - 1.95)
    inside = np.zeros_like(detail)
    cv2.fillConvexPoly(inside, np.round(quad).astype(np.int32), 1)
    # Shrink by a few pixels so the card's own outline does not count as print.
    inside = cv2.erode(inside, np.ones((9, 9), np.uint8))
    density = float(np.count_nonzero(detail & (inside * 255))) / max(1.0, float(np.count_nonzero(inside)))
    printed = min(1.0, density / 0.02)
    if printed < 0.2:
        return None  # a blank patch: no card is without print
    lopsided = max(0.0, _WEAK_SIDE - weakest)
    return (
        support
        + 0.3 * float(np.sqrt(quad_area / frame_area))
        - 1.5 * off_shape
        + 0.4 * printed
        - _WEAK_SIDE_COST * lopsided
    )


# Support below which a side of an outline makes it less likely to be a card, and by how much.
_WEAK_SIDE = 0.6
_WEAK_SIDE_COST = 1.0


def _quad_from_hull(hull: PointArray, points: PointArray) -> PointArray | None:
    """The card's four sides: the four longest sides of the simplified hull, extended.

    Rounded corners add short sides between the long ones, and a corner cut
    off by the photo's edge adds one more; intersecting the four longest
    sides puts the corners back where they were.
    """
    perimeter = cv2.arcLength(hull, True)
    poly = cv2.approxPolyDP(hull, 0.01 * perimeter, True).reshape(-1, 2).astype(np.float64)
    if len(poly) < 4:
        return None
    sides = [(poly[i], poly[(i + 1) % len(poly)]) for i in range(len(poly))]
    lengths = [float(np.linalg.norm(b - a)) for a, b in sides]
    keep = sorted(np.argsort(lengths)[-4:])
    chosen = [_refine_side(sides[i], points) for i in keep]
    corners = []
    for k in range(4):
        point = _intersect(chosen[k - 1], chosen[k])
        if point is None:
            return None
        corners.append(point)
    return _order_corners(np.array(corners))


def _refine_side(side: tuple[PointArray, PointArray], points: PointArray) -> tuple[PointArray, PointArray]:
    """Fit the side to the outline points near it; the simplified hull only approximates it."""
    a, b = side
    length = float(np.linalg.norm(b - a))
    if length < 1:
        return side
    direction = (b - a) / length
    normal = np.array([-direction[1], direction[0]])
    rel = points - a
    along = rel @ direction
    across = np.abs(rel @ normal)
    near = points[(across < max(3.0, 0.02 * length)) & (along > 0.05 * length) & (along < 0.95 * length)]
    if len(near) < 8:
        return side
    vx, vy, x0, y0 = cv2.fitLine(near.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
    start = np.array([x0, y0], dtype=np.float64)
    unit = np.array([vx, vy], dtype=np.float64)
    return start, start + unit * length


def _intersect(
    first: tuple[PointArray, PointArray],
    second: tuple[PointArray, PointArray],
) -> PointArray | None:
    p, r = first[0], first[1] - first[0]
    q, s = second[0], second[1] - second[0]
    cross = r[0] * s[1] - r[1] * s[0]
    # Sides meeting at less than ~30 degrees are not two sides of a card.
    if abs(cross) < 0.5 * np.linalg.norm(r) * np.linalg.norm(s):
        return None
    t = ((q - p)[0] * s[1] - (q - p)[1] * s[0]) / cross
    point: PointArray = p + t * r
    return point


def _edge_support(quad: PointArray, support_map: GrayArray, lab: GrayArray) -> tuple[float, float]:
    """Share of the outline, inside the frame, that looks like a card's edge: overall and on the weakest side.

    A point counts when there is an edge under it and the two sides of it
    differ in brightness in the same direction as along most of the outline
    (paper brighter than desk, or darker all round), or differ in colour (a
    red band of a white card on brown wood). A line cutting across the card
    through text meets edges too, but with paper on both sides. A quad with
    one side along a streak of desk texture or a shadow has three good sides
    and one poor one.
    """
    h, w = support_map.shape
    center = quad.mean(axis=0)
    t = np.linspace(0.05, 0.95, 40)[:, None]
    on_edge_parts, contrast_parts, colour_parts, side_parts = [], [], [], []
    for k in range(4):
        a, b = quad[k], quad[(k + 1) % 4]
        direction = (b - a) / max(float(np.linalg.norm(b - a)), 1e-6)
        normal = np.array([direction[1], -direction[0]])
        if np.dot(normal, (a + b) / 2 - center) < 0:
            normal = -normal
        points = a + t * (b - a)
        inside, outside = points - 5 * normal, points + 5 * normal
        ok = np.ones(len(points), dtype=bool)
        for q in (points, inside, outside):
            ok &= (q[:, 0] >= 0) & (q[:, 0] < w) & (q[:, 1] >= 0) & (q[:, 1] < h)
        p_i, i_i, o_i = (q[ok].astype(np.int32) for q in (points, inside, outside))
        on_edge_parts.append(support_map[p_i[:, 1], p_i[:, 0]] > 0)
        side_parts.append(np.full(len(p_i), k))
        step = lab[i_i[:, 1], i_i[:, 0]].astype(np.float32) - lab[o_i[:, 1], o_i[:, 0]].astype(np.float32)
        contrast_parts.append(step[:, 0])
        colour_parts.append(np.hypot(step[:, 1], step[:, 2]))
    on_edge = np.concatenate(on_edge_parts)
    contrast = np.concatenate(contrast_parts)
    colour = np.concatenate(colour_parts)
    if len(on_edge) < 40:
        return 0.0, 0.0
    sign = float(np.sign(np.median(contrast))) or 1.0
    good = on_edge & ((contrast * sign > 4) | (colour > 8))
    side = np.concatenate(side_parts)
    # Sides mostly outside the frame say nothing either way.
    per_side = [float(np.mean(good[side == k])) for k in range(4) if np.count_nonzero(side == k) >= 10]
    return float(np.mean(good)), min(per_side, default=0.0)


def _order_corners(points: PointArray) -> PointArray:
    center = points.mean(axis=0)
    angles = np.arctan2(points[:, 1] - center[1], points[:, 0] - center[0])
    ordered = points[np.argsort(angles)]  # clockwise on screen, starting at the left
    start = int(np.argmin(ordered.sum(axis=1)))  # top-left has the smallest x+y
    return np.roll(ordered, -start, axis=0)


def _quad_aspect(quad: PointArray) -> float:
    tl, tr, br, bl = quad
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    return float(width) / max(float(height), 1.0)


def _warp(rgb: GrayArray, quad: PointArray, long_side: int) -> GrayArray:
    aspect = _quad_aspect(quad)
    if aspect >= 1:
        out_w, out_h = long_side, round(long_side / aspect)
    else:
        out_w, out_h = round(long_side * aspect), long_side
    target = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    warped = cv2.warpPerspective(
        rgb, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return np.ascontiguousarray(warped)


# --------------------------------------------------------------------------- light and layout


def prepare_for_ocr(card: Image.Image, *, linear: bool = False) -> GrayArray:
    """Dark text on an even white background, ready for Tesseract.

    Each pixel is compared with its local background (a wide median, which
    is the paper as long as text covers less than half of the window); the
    size of the difference becomes the darkness. Shadows and gradients drop
    out, and light text on a dark band comes out dark on white like the rest,
    so a card mixing both needs no separate inversion step.

    Args:
        card: The flat card from :func:`find_card`.
        linear: Darkness in proportion to the difference, without the boost
            that makes strokes black and grain white: blurred strokes keep
            their grey, for a second look at lines read badly.

    Returns:
        A grey uint8 array of the card's size.
    """
    gray = cv2.cvtColor(np.asarray(card.convert("RGB")), cv2.COLOR_RGB2GRAY)
    h, w = gray.shape
    # The background estimate only needs half resolution (4x cheaper); at a
    # quarter, the boundary between two colour bands blurs into a dark line.
    factor = 2
    small = cv2.resize(gray, (max(1, w // factor), max(1, h // factor)), interpolation=cv2.INTER_AREA)
    window = _odd(max(h, w) // (factor * 14))
    background = cv2.medianBlur(small, window)
    background = cv2.resize(background, (w, h), interpolation=cv2.INTER_LINEAR)
    diff = cv2.absdiff(gray, background)
    # Scale each neighbourhood so its strongest strokes become black: faint or
    # low-contrast print (white on light grey) ends up as dark as black on
    # white. The floor keeps paper grain in empty regions from being blown up.
    small_diff = cv2.resize(diff, (small.shape[1], small.shape[0]), interpolation=cv2.INTER_AREA)
    peak = cv2.dilate(small_diff, np.ones((window, window), np.uint8))
    peak = cv2.blur(peak, (window, window)).astype(np.float32)
    peak = cv2.resize(np.maximum(peak, 40.0), (w, h), interpolation=cv2.INTER_LINEAR)
    noise = float(np.percentile(small_diff, 50)) * 1.5 + 3.0
    gain, power = (1.0, 1.0) if linear else (1.25, 1.5)
    ratio = np.clip((diff.astype(np.float32) - noise) / (peak - noise) * gain, 0, 1)
    # The power pushes grain (weak relative to the strokes near it) toward
    # white while strokes stay black.
    out = (255.0 * (1.0 - ratio**power)).astype(np.uint8)
    return _remove_rules(out)


def _remove_rules(prepared: GrayArray) -> GrayArray:
    """White out long thin strokes: rules, the edges of colour bands, lined paper, the card's own outline.

    Tesseract's layout analysis (psm 3) takes a page crossed by such lines for
    a picture or a table and can return no text at all; the edge of a colour
    band otherwise reads as a line of junk characters. A stroke counts as a
    rule when it is long (a sixth of the card) and on average thin, whatever
    its slant, so the rules of a desk seen askew go too.
    """
    h, w = prepared.shape
    # Faint grey rules confuse Tesseract as much as black ones.
    ink = (prepared < 200).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count <= 1:
        return prepared
    long_side = max(h, w)
    length = np.hypot(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]).astype(np.float64)
    # Rules joined to each other (lined paper meeting the card's outline) make
    # one big network, thin everywhere: so "thin" means no pixel deeper than a
    # rule's half width inside the stroke, not a small area.
    depth = cv2.distanceTransform(ink, cv2.DIST_L2, 3)
    thick = np.zeros(count, dtype=bool)
    thick[np.unique(labels[depth > max(2.5, long_side / 350)])] = True
    rule = (length >= long_side / 8) & ~thick
    rule[0] = False
    if not rule.any():
        return prepared
    remove = rule[labels]
    out = prepared.copy()
    out[remove] = 255
    return out


def _odd(value: int) -> int:
    value = max(3, value)
    return value if value % 2 else value + 1


def text_direction(prepared: GrayArray) -> TextDirection:
    """Tell from the shapes of text lines whether a card is written across or down.

    Glyphs are smeared along each axis in turn; the smear that turns glyphs
    into long thin bars shows the direction of the lines. Costs a few
    milliseconds, against a Tesseract pass per direction.

    Args:
        prepared: Output of :func:`prepare_for_ocr`.

    Returns:
        ``"horizontal"``, ``"vertical"``, or ``"none"`` when no text was seen.
    """
    across, down = text_bars(prepared)
    across_length = sum(box.width for box in across)
    down_length = sum(box.height for box in down)
    if across_length == 0 and down_length == 0:
        return "none"
    return "vertical" if down_length > 1.3 * across_length else "horizontal"


# Size the line analysis works at, and how far glyphs are smeared (in glyph
# sizes) to join into lines.
_BAR_SCALE = 700
_BAR_REACH = 0.9


def text_bars(prepared: GrayArray) -> tuple[list[Box], list[Box]]:
    """Boxes of the text lines running across and of those running down.

    A line is a bar of smeared glyphs at least four times longer than thick
    and about a glyph thick (thinner bars are rules, not text). A line of
    one direction can also show up in the other (neighbouring columns smear
    into rows), so callers compare and intersect the two lists.

    Args:
        prepared: Output of :func:`prepare_for_ocr`.

    Returns:
        ``(across, down)`` in the pixel coordinates of ``prepared``.
    """
    h, w = prepared.shape
    factor = max(1.0, max(h, w) / _BAR_SCALE)
    small = cv2.resize(prepared, (round(w / factor), round(h / factor)), interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    glyph = _typical_glyph_size(ink)
    if glyph is None:
        return [], []
    reach = max(3, round(glyph * _BAR_REACH))
    thin = max(1, reach // 4)
    across = _bars(cv2.dilate(ink, np.ones((thin, reach), np.uint8)), glyph, factor, horizontal=True)
    down = _bars(cv2.dilate(ink, np.ones((reach, thin), np.uint8)), glyph, factor, horizontal=False)
    return across, down


def _typical_glyph_size(ink: GrayArray) -> float | None:
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count <= 1:
        return None
    sizes = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT])
    sizes = sizes[(sizes >= 4) & (sizes <= max(ink.shape) // 4)]
    if len(sizes) < 3:
        return None
    return float(np.median(sizes))


def _bars(smeared: GrayArray, glyph: float, factor: float, *, horizontal: bool) -> list[Box]:
    count, _, stats, _ = cv2.connectedComponentsWithStats(smeared, connectivity=8)
    bars = []
    for index in range(1, count):
        x, y, width, height = (int(v) for v in stats[index, :4])
        length, thickness = (width, height) if horizontal else (height, width)
        if length >= 4 * thickness and length >= 20 and thickness >= 0.5 * glyph:
            scaled = (round(v * factor) for v in (x, y, width, height))
            bars.append(Box(*scaled))
    return bars


# A column through a kanji such as 書 or 藤 crosses four strokes or more; one
# through a Latin letter or a digit three at most (e, B, 8, 3). A line whose
# inked columns cross that many strokes often enough holds CJK glyphs. The ink
# is thresholded against its neighbourhood (a 11 px window on the 1,400 px
# card) so the strokes of blurred kanji, which a global threshold runs together,
# stay apart. Measured on the horizontal cards of two generated sets (232
# cards, half of them phone photos): at 8% of a line's columns, 3 of 123
# Japanese cards showed no such line (blurred photos whose Latin reading then
# fails, see cardscan.ocr) and 92 of 109 English cards showed none. On a
# third set, all photos (seed 113), 9 of 85 Japanese cards showed none; the
# checks of the Latin reading sent all 9 back to jpn+eng.
_CJK_CROSSINGS = 4
_CJK_COLUMNS = 0.08
_STROKE_WINDOW = 11
_STROKE_OFFSET = 8
# Lines with fewer inked columns say nothing (a dash, a dot).
_MIN_COLUMNS = 5


def shows_cjk_print(prepared: GrayArray, lines: Sequence[Box]) -> bool:
    """Whether any of the text lines ``lines`` (boxes across) holds glyphs as dense as CJK ones.

    A few milliseconds, so the model of the first reading can be chosen by
    it: a card with nothing but Latin print is read with ``eng`` alone.
    """
    ink = cv2.adaptiveThreshold(
        prepared, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, _STROKE_WINDOW, _STROKE_OFFSET
    )
    for box in lines:
        crop = ink[box.top : box.bottom, box.left : box.right].astype(np.int8)
        if crop.size == 0:
            continue
        starts = (np.diff(crop, axis=0, prepend=0) == 1).sum(axis=0)
        inked = starts[starts > 0]
        if len(inked) >= _MIN_COLUMNS and np.mean(inked >= _CJK_CROSSINGS) >= _CJK_COLUMNS:
            return True
    return False

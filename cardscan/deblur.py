"""Blur: find a straight shake or a defocus, measure it, and undo it.

A phone moved while the shutter was open smears every point of the card
along one short line. That is a convolution with a line kernel, whose
spectrum has evenly spaced zeros across the direction of the shake. The log
spectrum is then periodic, and its inverse transform (the *cepstrum*) has a
sharp dip at the kernel's length in the kernel's direction. Print on a card
has no such dip, so its depth against the rest of the cepstrum says whether
there is a shake at all (Gaussian defocus has no zeros and leaves none).

Once found, the shake is undone by Wiener deconvolution of the luminance,
as in OpenCV's motion deblur tutorial
(``samples/cpp/tutorial_code/ImgProc/motion_deblur_filter``).

A card out of focus is blurred the same way everywhere, close to a Gaussian.
Its width is measured at the print's sharpest edges: blurring an edge of
width σ again by σ0 lowers its gradient by sqrt(σ² + σ0²) / σ, so the ratio
of the two gradients gives σ (Zhuo and Sim, "Defocus map estimation from a
single image", Pattern Recognition 44, 2011). It is undone by the same
Wiener deconvolution, with a Gaussian kernel.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

GrayArray = npt.NDArray[Any]

# Shakes shorter than this cost Tesseract little and are too short to tell
# apart from stroke widths in the cepstrum; longer ones than the maximum are
# not a phone held by hand over a card.
MIN_LENGTH = 4
MAX_LENGTH = 25
# How far (in robust standard deviations of the cepstrum) the dip must stand
# out, by the shake's length: further for short shakes, whose quefrencies are
# also those of strokes and of the print's fine texture. Measured on 354
# generated phone photos (bench.cardgen, data sets 13, 17 and 21; 101 shaken):
# 56 shaken photos pass, 44 of them with the length within 1.5 px and the
# direction within 6 degrees (most of the rest moved 3-4 px), and none of the
# 253 sharp or defocused ones; 1 of 157 flat scans (clean scans reach 21 at 4 px).
MIN_STRENGTH: dict[int, float] = {4: 22.0, 5: 17.0}
MIN_STRENGTH_LONG = 12.0
# A short shake with a shallower dip still counts when the image is clearly
# smoother along the dip's direction than across it (the next measure): on
# the 479 phone photos of data sets 353, 359, 367 and 371, shakes of 3.5 px or
# more found went from 77 to 99 of 121, and unshaken photos taken for shaken
# from 1 to 2 of 331; none more of the 345 unshaken photos of data set 701, nor
# of the 288 flat scans of the first four. With the finer placing below, all
# key fields right on their shaken photos: 153 to 160 of 303 (data set 701
# alone, made after: 80 to 84 of 155).
MIN_STRENGTH_SMOOTHED = 11.0
MAX_ALONG_SMOOTHED = 0.75
# A dip with at least as much gradient along its direction as across it is no
# shake: lines of print running that way repeat at a steady pitch (a sideways
# card's name read at 15 px, 89 degrees: 1.74). The 25 shaken photos of data
# set 13 that are found have 0.22 to 0.89.
MAX_ALONG = 1.0
# The dip is found at whole degrees and pixels, then placed finer within this
# many degrees and a pixel of it, on the cepstrum interpolated (bicubic): the
# median error of the direction of shakes of 6 px or more went from 2.5 to 1.2
# degrees (data sets 353-371), and a shake undone 8 degrees off reads worse
# than one not undone at all.
_REFINE_DEGREES = 10.0
_REFINE_DEGREE_STEP = 0.5
_REFINE_LENGTH_STEP = 0.25
# Wiener's noise-to-signal ratio: lower restores more and amplifies more noise.
NOISE_TO_SIGNAL = 0.01
# The cepstrum of a window this size is as telling as the whole card's and
# much cheaper; it is cut from the middle of the card, not scaled (scaling
# would shorten the shake).
_WINDOW = 1024
_JPEG_BLOCK = 8
_JPEG_AXIS_DEGREES = 5
_SMOOTH = 0.3


# Defocus. The edges measured are those Canny finds, at least this strong
# (grey levels per pixel, Sobel) and among the strongest tenth of them: the
# print's, not the paper's grain or the noise. The re-blur is 1 px.
_EDGE_MIN_GRADIENT = 30.0
_EDGE_TOP_PERCENT = 90.0
_REBLUR = 1.0
_MIN_EDGES = 100
# What the measure reads against the blur a photo was given (bench.cardgen,
# 214 photos without a shake, data sets 191 and 193): even a sharp photo
# reads about 0.6 (the print's anti-aliasing, resampling, JPEG), and the
# measure grows more slowly than the blur: blur² ≈ 1.77 measured² − 0.60,
# within 0.24 px (one standard deviation).
_MEASURE_SQUARED = 1.77
_SHARP_SQUARED = 0.60
# Blur below this costs Tesseract little. (Flat scans, blurred up to 0.7 px by
# the generator, measure 0.67 at the median and 0.88 at the 90th percentile:
# a fifth of them are sharpened too, which read as well or better.)
MIN_DEFOCUS = 0.8
# Undoing all of the blur sharpens the noise and the JPEG blocks with it.
# Undoing this share of it, with a higher noise-to-signal ratio than a
# shake's, read best when given each photo's true blur, on the 144 photos of
# data sets 191, 193 and 197 blurred by 0.8 px or more: all key fields right
# on 72 as they are, 81 so (other shares, 0.5 and 1.0, and ratios, 0.02 and
# 0.05: 66 to 79).
DEFOCUS_UNDONE = 0.7
DEFOCUS_NOISE_TO_SIGNAL = 0.1


@dataclass(frozen=True)
class MotionBlur:
    """A straight shake.

    Attributes:
        length: Pixels the image moved (a fraction of one too).
        angle: Direction in degrees counter-clockwise from the x axis (as seen
            on screen, y pointing down), in [0, 180).
        strength: How far the cepstral dip stands out of the cepstrum, in
            robust standard deviations.
    """

    length: float
    angle: float
    strength: float


def estimate_motion_blur(gray: GrayArray) -> MotionBlur | None:
    """The shake that blurred ``gray``, or None when there is no clear one.

    Args:
        gray: A grey image of the card (uint8), at the resolution it will be
            deblurred at.

    Returns:
        The shake, or None when the image is too small, or when the deepest
        dip is too short or too shallow for its length (``MIN_STRENGTH``).
    """
    h, w = gray.shape[:2]
    if min(h, w) < max(4 * MAX_LENGTH, 128):
        return None
    # Sides that are multiples of 64 keep the Fourier transforms fast (a side
    # with a large prime factor can cost ten times more).
    wh, ww = min(h, _WINDOW) // 64 * 64, min(w, _WINDOW) // 64 * 64
    top, left = (h - wh) // 2, (w - ww) // 2
    window = gray[top : top + wh, left : left + ww]
    cepstrum = _cepstrum(window)
    polar, spread_factor = _polar(cepstrum, MAX_LENGTH)
    # Lengths below 3 are the print's own structure. A point sampled between
    # pixels averages its neighbours, so it varies less than one on a pixel:
    # each deviation is measured against what its own sampling lets it vary.
    search = (polar[:, 3:] - np.median(polar[:, 3:])) / spread_factor[:, 3:]
    # JPEG's 8x8 blocks leave dips at multiples of 8 px along the axes.
    axis = np.minimum(np.arange(180) % 90, 90 - np.arange(180) % 90) <= _JPEG_AXIS_DEGREES
    for block in range(_JPEG_BLOCK, MAX_LENGTH + 1, _JPEG_BLOCK):
        search[axis, block - 3] = 0.0
    angle, index = np.unravel_index(int(np.argmin(search)), search.shape)
    spread = float(np.median(np.abs(search - np.median(search)))) + 1e-9
    strength = (float(np.median(search)) - float(search[angle, index])) / spread
    length = int(index) + 3
    if length < MIN_LENGTH:
        return None
    along = _along_over_across(window, float(angle))
    if along >= MAX_ALONG:
        return None
    # (The smoothing is measured along the dip at whole degrees, before it is placed finer.)
    smoothed = length in MIN_STRENGTH and strength >= MIN_STRENGTH_SMOOTHED and along < MAX_ALONG_SMOOTHED
    if strength < MIN_STRENGTH.get(length, MIN_STRENGTH_LONG) and not smoothed:
        return None
    fine_length, fine_angle = _refined_dip(cepstrum, length, float(angle))
    return MotionBlur(length=fine_length, angle=fine_angle, strength=round(strength, 1))


def _refined_dip(cepstrum: GrayArray, length: int, angle: float) -> tuple[float, float]:
    """The length and direction of the cepstrum's deepest point near the dip at ``length``, ``angle``.

    As in the whole-pixel search, the dips JPEG's 8 px blocks leave along the
    axes are not taken (a 9 px shake at 3 degrees of a JPEG is not placed at 8.25 px, 0).
    """
    cy, cx = cepstrum.shape[0] // 2, cepstrum.shape[1] // 2
    smooth = cv2.GaussianBlur(cepstrum, (0, 0), _SMOOTH)
    degrees = np.arange(angle - _REFINE_DEGREES, angle + _REFINE_DEGREES + 1e-6, _REFINE_DEGREE_STEP)
    lengths = np.arange(max(MIN_LENGTH - 0.5, length - 1), length + 1 + 1e-6, _REFINE_LENGTH_STEP)
    radians = np.radians(degrees)
    map_x = (cx + np.outer(np.cos(radians), lengths)).astype(np.float32)
    map_y = (cy - np.outer(np.sin(radians), lengths)).astype(np.float32)
    depth = cv2.remap(smooth, map_x, map_y, cv2.INTER_CUBIC)
    folded = np.abs(degrees) % 90
    on_axis = np.minimum(folded, 90 - folded) <= _JPEG_AXIS_DEGREES
    on_block = np.abs(lengths - np.round(lengths / _JPEG_BLOCK) * _JPEG_BLOCK) < 0.5
    on_block &= lengths >= _JPEG_BLOCK - 0.5
    depth[np.outer(on_axis, on_block)] = np.inf
    row, column = np.unravel_index(int(np.argmin(depth)), depth.shape)
    return float(lengths[column]), float(degrees[row] % 180.0)


def _along_over_across(gray: GrayArray, angle: float) -> float:
    """Gradient energy along ``angle`` over that across it.

    A shake smooths the image along its direction, so a real one leaves much
    less gradient along it than across it.
    """
    image = gray.astype(np.float32)
    gx = cv2.Sobel(image, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(image, cv2.CV_32F, 0, 1, ksize=3)
    # y points down on screen: a direction counter-clockwise by ``angle`` is (cos, -sin).
    cos, sin = np.cos(np.radians(angle)), -np.sin(np.radians(angle))
    along = float(np.mean((gx * cos + gy * sin) ** 2))
    across = float(np.mean((gy * cos - gx * sin) ** 2))
    return along / max(across, 1e-6)


def motion_kernel(length: float, angle: float) -> GrayArray:
    """The point-spread function of a straight shake, normalised to sum 1.

    A segment ``length`` pixels long through the middle of an odd-sized
    square, sampled densely and spread over the pixels by bilinear weights,
    so its slant and ends are anti-aliased.
    """
    size = (int(np.ceil(length)) | 1) + 2
    centre = size // 2
    samples = max(1, round(64 * length))
    steps = (np.arange(samples) + 0.5) / samples - 0.5
    xs = centre + steps * length * np.cos(np.radians(angle))
    ys = centre - steps * length * np.sin(np.radians(angle))
    x0, y0 = np.floor(xs).astype(int), np.floor(ys).astype(int)
    fx, fy = xs - x0, ys - y0
    kernel: GrayArray = np.zeros((size, size), np.float64)
    corners = ((0, 0, (1 - fx) * (1 - fy)), (1, 0, fx * (1 - fy)), (0, 1, (1 - fx) * fy), (1, 1, fx * fy))
    for dx, dy, weight in corners:
        np.add.at(kernel, (y0 + dy, x0 + dx), weight)
    normalised: GrayArray = (kernel / kernel.sum()).astype(np.float32)
    return normalised


def remove_motion_blur(
    rgb: GrayArray, blur: MotionBlur, *, noise_to_signal: float = NOISE_TO_SIGNAL
) -> GrayArray:
    """``rgb`` (uint8, RGB) with the shake undone on its luminance; colours are kept."""
    ycrcb = cv2.cvtColor(rgb, cv2.COLOR_RGB2YCrCb)
    ycrcb[:, :, 0] = deconvolve(ycrcb[:, :, 0], motion_kernel(blur.length, blur.angle), noise_to_signal)
    return cv2.cvtColor(ycrcb, cv2.COLOR_YCrCb2RGB)


def deconvolve(gray: GrayArray, kernel: GrayArray, noise_to_signal: float) -> GrayArray:
    """Wiener deconvolution of a uint8 image; the borders are mirrored so they do not ring."""
    padded, pad = _mirrored(gray, 3 * kernel.shape[0])
    psf = np.zeros(padded.shape, np.float32)
    kh, kw = kernel.shape
    psf[:kh, :kw] = kernel
    psf = np.roll(psf, (-(kh // 2), -(kw // 2)), axis=(0, 1))
    image_f = cv2.dft(padded, flags=cv2.DFT_COMPLEX_OUTPUT)
    psf_f = cv2.dft(psf, flags=cv2.DFT_COMPLEX_OUTPUT)
    # image * conj(psf) / (|psf|^2 + nsr), with complex numbers as (re, im) pairs; times
    # 1 + nsr, which keeps the mean brightness (the kernel sums to 1: |psf| is 1 at zero
    # frequency, where the filter alone would darken the image by nsr / (1 + nsr)).
    power = (psf_f[..., 0] ** 2 + psf_f[..., 1] ** 2 + noise_to_signal) / (1 + noise_to_signal)
    product = cv2.mulSpectrums(image_f, psf_f, 0, conjB=True) / power[..., None]
    return _unmirrored(product, gray.shape, pad)


def deconvolve_gaussian(gray: GrayArray, sigma: float, noise_to_signal: float) -> GrayArray:
    """:func:`deconvolve` by a Gaussian of ``sigma``, whose spectrum is known and real.

    A Gaussian of σ pixels multiplies frequency f (cycles per pixel) by
    exp(-2π²σ²f²): no transform of the kernel is needed, a third of the work.
    """
    padded, pad = _mirrored(gray, 3 * (2 * int(np.ceil(3 * sigma)) + 1))
    fy = np.fft.fftfreq(padded.shape[0]).astype(np.float32)
    fx = np.fft.fftfreq(padded.shape[1]).astype(np.float32)
    blur = np.exp(np.float32(-2 * np.pi**2 * sigma**2) * (fy[:, None] ** 2 + fx[None, :] ** 2))
    gain = blur * np.float32(1 + noise_to_signal) / (blur**2 + np.float32(noise_to_signal))
    product = cv2.dft(padded, flags=cv2.DFT_COMPLEX_OUTPUT) * gain[..., None]
    return _unmirrored(product, gray.shape, pad)


def _mirrored(gray: GrayArray, pad: int) -> tuple[GrayArray, int]:
    """``gray`` as float32 with a mirrored border of ``pad`` or more, at a size the DFT is fast at."""
    h, w = gray.shape
    size = (cv2.getOptimalDFTSize(h + 2 * pad), cv2.getOptimalDFTSize(w + 2 * pad))
    padded: GrayArray = cv2.copyMakeBorder(
        gray, pad, size[0] - h - pad, pad, size[1] - w - pad, cv2.BORDER_REFLECT
    ).astype(np.float32)
    return padded, pad


def _unmirrored(spectrum: GrayArray, shape: tuple[int, ...], pad: int) -> GrayArray:
    """The uint8 image of ``shape`` back from the spectrum of its mirrored copy."""
    restored = cv2.idft(spectrum, flags=cv2.DFT_SCALE | cv2.DFT_REAL_OUTPUT)
    h, w = shape[:2]
    return np.clip(restored[pad : pad + h, pad : pad + w], 0, 255).astype(np.uint8)


def _cepstrum(gray: GrayArray) -> GrayArray:
    """The real cepstrum, zero quefrency in the middle; a Hann window keeps the borders out."""
    g = gray.astype(np.float32)
    hann = cv2.createHanningWindow((g.shape[1], g.shape[0]), cv2.CV_32F)
    spectrum = cv2.dft((g - g.mean()) * hann, flags=cv2.DFT_COMPLEX_OUTPUT)
    log_magnitude = np.log(cv2.magnitude(spectrum[..., 0], spectrum[..., 1]) + 1e-3)
    # The log magnitude is real and even, so its inverse transform is real too.
    complex_log = cv2.merge([log_magnitude, np.zeros_like(log_magnitude)])
    cepstrum = cv2.idft(complex_log, flags=cv2.DFT_SCALE | cv2.DFT_REAL_OUTPUT)
    return np.fft.fftshift(cepstrum)


def _polar(cepstrum: GrayArray, max_length: int) -> tuple[GrayArray, GrayArray]:
    """The cepstrum sampled at each whole degree (rows) and each length 0..max (columns).

    Also returns, for each sample, how much its bilinear interpolation damps
    pixel-to-pixel noise (1 on a pixel, 0.5 midway between four): the square
    root of the sum of the squared interpolation weights.
    """
    cy, cx = cepstrum.shape[0] // 2, cepstrum.shape[1] // 2
    c = cv2.GaussianBlur(cepstrum, (0, 0), _SMOOTH)
    angles = np.radians(np.arange(0, 180, 1.0))
    lengths = np.arange(0, max_length + 1, dtype=np.float32)
    map_x = (cx + np.outer(np.cos(angles), lengths)).astype(np.float32)
    map_y = (cy - np.outer(np.sin(angles), lengths)).astype(np.float32)
    fx, fy = map_x - np.floor(map_x), map_y - np.floor(map_y)
    damping = np.sqrt(((1 - fx) ** 2 + fx**2) * ((1 - fy) ** 2 + fy**2))
    return cv2.remap(c, map_x, map_y, cv2.INTER_LINEAR), damping


def estimate_defocus(gray: GrayArray, mask: GrayArray | None = None) -> float | None:
    """The Gaussian blur (σ, in pixels) of ``gray`` beyond what a sharp photo has.

    Args:
        gray: A grey image of the card (uint8), at the resolution it will be
            deblurred at.
        mask: Where the card's print is (bool, the shape of ``gray``), or None
            for everywhere.

    Returns:
        The blur, 0.0 for a sharp image, or None when there are too few edges
        to tell (a blank card).
    """
    image = gray.astype(np.float32)
    sharp = _gradient(image)
    edges = (cv2.Canny(gray, 40, 100) > 0) & (sharp > _EDGE_MIN_GRADIENT)
    if mask is not None:
        edges &= mask
    strengths = sharp[edges]
    if strengths.size < _MIN_EDGES:
        return None
    edges &= sharp >= np.percentile(strengths, _EDGE_TOP_PERCENT)
    ratio = sharp[edges] / np.maximum(_gradient(cv2.GaussianBlur(image, (0, 0), _REBLUR))[edges], 1e-3)
    ratio = ratio[ratio > 1.02]  # a ratio of 1 is an edge of no width: noise
    if ratio.size < _MIN_EDGES:
        return None
    measured = float(np.median(_REBLUR / np.sqrt(ratio**2 - 1)))
    return float(np.sqrt(max(0.0, _MEASURE_SQUARED * measured**2 - _SHARP_SQUARED)))


def _gradient(image: GrayArray) -> GrayArray:
    gradient: GrayArray = cv2.magnitude(
        cv2.Sobel(image, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(image, cv2.CV_32F, 0, 1, ksize=3)
    )
    return gradient


def remove_defocus(
    rgb: GrayArray, sigma: float, *, noise_to_signal: float = DEFOCUS_NOISE_TO_SIGNAL
) -> GrayArray:
    """``rgb`` (uint8, RGB) with a Gaussian blur of ``sigma`` undone on its luminance; colours are kept."""
    ycrcb = cv2.cvtColor(rgb, cv2.COLOR_RGB2YCrCb)
    ycrcb[:, :, 0] = deconvolve_gaussian(ycrcb[:, :, 0], sigma, noise_to_signal)
    return cv2.cvtColor(ycrcb, cv2.COLOR_YCrCb2RGB)

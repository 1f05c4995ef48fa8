"""Blur: a shake or a defocus is found on blurred cards only, and undoing it brings the print back."""

import cv2
import numpy as np
import pytest

from bench.cardgen import generate, sample_seed
from bench.score import key_fields_right
from cardscan.config import Settings
from cardscan.deblur import (
    DEFOCUS_UNDONE,
    MAX_ALONG,
    MIN_DEFOCUS,
    MIN_STRENGTH,
    MIN_STRENGTH_SMOOTHED,
    MotionBlur,
    _along_over_across,
    deconvolve,
    deconvolve_gaussian,
    estimate_defocus,
    estimate_motion_blur,
    motion_kernel,
    remove_defocus,
    remove_motion_blur,
)
from cardscan.imaging import find_card, load_image
from cardscan.pipeline import scan


@pytest.fixture(scope="module")
def sharp_card():
    """A generated flat scan (grey, uint8) with its print, noise and JPEG artefacts."""
    sample = generate(7, lang="en", capture="scan")
    return cv2.cvtColor(np.asarray(load_image(sample.jpeg)), cv2.COLOR_RGB2GRAY)


def _grainy(blurred, seed, noise=3.0):
    """Sensor noise, added after the blur as in a camera."""
    grain = np.random.default_rng(seed).normal(0, noise, blurred.shape)
    return np.clip(blurred + grain, 0, 255).astype(np.uint8)


def _shaken(gray, length, angle):
    kernel = motion_kernel(length, angle)
    blurred = cv2.filter2D(gray.astype(np.float32), -1, kernel, borderType=cv2.BORDER_REFLECT)
    return _grainy(blurred, round(length))


def _angle_apart(a, b):
    return abs((a - b + 90) % 180 - 90)


@pytest.mark.parametrize(("length", "angle"), [(5, 30.0), (7, 75.0), (9, 120.0), (12, 163.0)])
def test_the_length_and_direction_of_a_shake_are_found(sharp_card, length, angle):
    blur = estimate_motion_blur(_shaken(sharp_card, length, angle))
    assert blur is not None
    assert abs(blur.length - length) <= 1
    assert _angle_apart(blur.angle, angle) <= 5


@pytest.mark.parametrize(("length", "angle"), [(8, 12.5), (8, 77.0), (6.5, 52.5)])
def test_a_shake_is_placed_finer_than_whole_pixels_and_degrees(sharp_card, length, angle):
    # A shake undone a few degrees off reads worse than one not undone at all.
    # (Placed at whole degrees, the first two were 5.5 and 4 degrees off.)
    blur = estimate_motion_blur(_shaken(sharp_card, length, angle))
    assert blur is not None
    assert abs(blur.length - length) <= 0.5
    assert _angle_apart(blur.angle, angle) <= 1.5


def test_a_short_shake_with_a_shallow_dip_is_found_by_the_smoothing_along_it(sharp_card):
    blur = estimate_motion_blur(_shaken(sharp_card, 4, 80.0))
    # (Shallower than any short shake's dip must be without the smoothing along it.)
    assert blur is not None and MIN_STRENGTH_SMOOTHED <= blur.strength < min(MIN_STRENGTH.values())
    assert abs(blur.length - 4) <= 1 and _angle_apart(blur.angle, 80.0) <= 5


def test_a_kernel_of_a_fractional_length_spans_it():
    def reach(length):
        """The mean distance of a level kernel's weight from its middle (a segment of L: L / 4)."""
        kernel = motion_kernel(length, 0.0)
        row = kernel[kernel.shape[0] // 2]
        assert kernel.sum() == pytest.approx(1.0, abs=1e-5)
        assert row.sum() == pytest.approx(1.0, abs=1e-5)  # level: all of it on the middle row
        return float(np.sum(row * np.abs(np.arange(row.size) - row.size // 2)))

    assert reach(6) < reach(6.5) < reach(7)
    assert reach(6.5) == pytest.approx(6.5 / 4, abs=0.05)


def test_a_shake_beside_the_axes_of_a_jpeg_is_not_taken_for_its_blocks(sharp_card):
    # JPEG's 8 px blocks leave a dip at 8 px along the axes: a 9 px shake 3 degrees off
    # one, saved as a JPEG, was placed at 8.25 px and 0 degrees.
    import io

    from PIL import Image

    stored = io.BytesIO()
    Image.fromarray(_shaken(sharp_card, 9, 3.0)).save(stored, "JPEG", quality=75)
    blur = estimate_motion_blur(np.asarray(Image.open(io.BytesIO(stored.getvalue()))))
    assert blur is not None
    assert abs(blur.length - 8) >= 0.5 and abs(blur.length - 9) <= 0.5 and _angle_apart(blur.angle, 3.0) <= 5


def test_a_sharp_card_has_no_shake(sharp_card):
    assert estimate_motion_blur(sharp_card) is None


@pytest.mark.parametrize("sigma", [1.0, 1.6, 2.2])
def test_a_defocused_card_has_no_shake(sharp_card, sigma):
    # Gaussian blur has no zeros in its spectrum, so no cepstral dip.
    defocused = _grainy(cv2.GaussianBlur(sharp_card.astype(np.float32), (0, 0), sigma), 1)
    assert estimate_motion_blur(defocused) is None


def test_a_sideways_card_with_big_print_is_not_taken_for_a_shaken_one():
    # Its name's glyphs repeat down the card at a steady pitch and leave a dip at
    # 15 px, 89 degrees; a shake that way would have left little gradient along it.
    sample = generate(sample_seed(31, 196))
    assert sample.meta["capture"] == "scan" and abs(sample.meta["distortions"]["rotation"] - 270) < 2
    gray = cv2.cvtColor(np.asarray(load_image(sample.jpeg)), cv2.COLOR_RGB2GRAY)
    assert estimate_motion_blur(gray) is None
    assert _along_over_across(gray, 89.0) > MAX_ALONG
    # the same card really shaken is still found
    blur = estimate_motion_blur(_shaken(gray, 11, 30.0))
    assert blur is not None and abs(blur.length - 11) <= 1 and _angle_apart(blur.angle, 30.0) <= 5


def test_too_small_an_image_is_not_measured():
    assert estimate_motion_blur(np.full((60, 400), 255, np.uint8)) is None


def test_kernel_is_a_normalised_segment_of_the_given_length_and_direction():
    kernel = motion_kernel(9, 30.0)
    assert kernel.sum() == pytest.approx(1.0)
    ys, xs = np.nonzero(kernel > 1e-6)
    centre = kernel.shape[0] // 2
    # The weights' spread along the segment is that of a 9 px box (9^2 / 12).
    direction = np.array([np.cos(np.radians(30.0)), -np.sin(np.radians(30.0))])
    along = (xs - centre) * direction[0] + (ys - centre) * direction[1]
    across = (xs - centre) * -direction[1] + (ys - centre) * direction[0]
    weights = kernel[ys, xs]
    assert np.sum(weights * along**2) == pytest.approx(81 / 12, rel=0.1)
    assert np.sum(weights * across**2) < 0.3
    # Point-symmetric: a shake has no preferred end.
    np.testing.assert_allclose(kernel, kernel[::-1, ::-1], atol=1e-6)


def test_undoing_the_shake_brings_the_card_much_closer_to_the_sharp_one(sharp_card):
    # Without added grain, so what is measured is the kernel's shape and centring.
    kernel = motion_kernel(8, 40.0)
    shaken = cv2.filter2D(sharp_card, -1, kernel, borderType=cv2.BORDER_REFLECT)
    restored = remove_motion_blur(cv2.cvtColor(shaken, cv2.COLOR_GRAY2RGB), MotionBlur(8, 40.0, 30.0))
    restored_gray = cv2.cvtColor(restored, cv2.COLOR_RGB2GRAY)

    def error(image):
        return float(np.mean((image.astype(np.float32) - sharp_card) ** 2))

    assert restored.shape == (*sharp_card.shape, 3)
    assert error(restored_gray) < 0.5 * error(shaken)
    # Undoing a shake across the real one does not help: the direction is used as given.
    across = remove_motion_blur(cv2.cvtColor(shaken, cv2.COLOR_GRAY2RGB), MotionBlur(8, 130.0, 30.0))
    assert error(cv2.cvtColor(across, cv2.COLOR_RGB2GRAY)) > 2 * error(restored_gray)


def _defocused(gray, sigma):
    return _grainy(cv2.GaussianBlur(gray.astype(np.float32), (0, 0), sigma), 1)


def test_the_blur_of_a_defocused_card_grows_with_the_defocus(sharp_card):
    measured = [estimate_defocus(_defocused(sharp_card, sigma)) for sigma in (1.0, 1.5, 2.0, 2.5)]
    assert all(m is not None and m >= MIN_DEFOCUS for m in measured), measured
    assert measured == sorted(measured) and measured[-1] - measured[0] > 0.8, measured
    sharp = estimate_defocus(sharp_card)
    assert sharp is not None and sharp < MIN_DEFOCUS


def test_defocus_is_measured_on_the_print_inside_the_mask(sharp_card):
    blurred = _defocused(sharp_card, 2.0)
    # The left half sharp, the right half blurred: each half measures its own print.
    half = sharp_card.copy()
    half[:, half.shape[1] // 2 :] = blurred[:, half.shape[1] // 2 :]
    left = np.zeros(half.shape, bool)
    left[:, : half.shape[1] // 2] = True
    assert estimate_defocus(half, left) < MIN_DEFOCUS < estimate_defocus(half, ~left)


def test_a_blank_card_has_no_measurable_defocus():
    assert estimate_defocus(np.full((300, 500), 230, np.uint8)) is None
    # Print outside the mask does not count.
    gray = np.full((300, 500), 230, np.uint8)
    cv2.putText(gray, "Taro Yamada", (20, 150), cv2.FONT_HERSHEY_SIMPLEX, 2.0, 20, 3)
    assert estimate_defocus(gray) is not None
    assert estimate_defocus(gray, np.zeros(gray.shape, bool)) is None


def test_undoing_the_defocus_brings_the_card_closer_to_the_sharp_one(sharp_card):
    def error(image):
        return float(np.mean((image.astype(np.float32) - sharp_card) ** 2))

    # Only part of the blur is undone (DEFOCUS_UNDONE), so a mild one gains less.
    for sigma, share in ((1.0, 0.95), (1.5, 0.75), (2.0, 0.75)):
        blurred = _defocused(sharp_card, sigma)
        restored = remove_defocus(cv2.cvtColor(blurred, cv2.COLOR_GRAY2RGB), DEFOCUS_UNDONE * sigma)
        assert error(cv2.cvtColor(restored, cv2.COLOR_RGB2GRAY)) < share * error(blurred), sigma


def test_the_gaussian_deconvolution_is_that_of_its_kernel(sharp_card):
    # The Gaussian's spectrum is computed, not transformed: the same result as
    # deconvolving by the sampled kernel, within the sampling's own error.
    blurred = _defocused(sharp_card[:400, :600], 1.5)
    line = cv2.getGaussianKernel(19, 1.5)
    by_kernel = deconvolve(blurred, (line @ line.T).astype(np.float32), 0.1)
    by_spectrum = deconvolve_gaussian(blurred, 1.5, 0.1)
    assert np.abs(by_kernel.astype(int) - by_spectrum).max() <= 3


def test_colours_and_brightness_are_kept_when_the_defocus_is_undone():
    rgb = np.zeros((200, 300, 3), np.uint8)
    rgb[:, :] = (200, 40, 40)
    rgb[80:120, 100:200] = (20, 20, 160)
    restored = remove_defocus(rgb, 1.5)
    assert np.abs(restored[20, 20].astype(int) - (200, 40, 40)).max() <= 3
    assert np.abs(restored[100, 150].astype(int) - (20, 20, 160)).max() <= 6


def test_colours_are_kept_when_the_shake_is_undone():
    rgb = np.zeros((200, 300, 3), np.uint8)
    rgb[:, :] = (200, 40, 40)
    rgb[80:120, 100:200] = (20, 20, 160)
    restored = remove_motion_blur(rgb, MotionBlur(6, 0.0, 30.0))
    # Flat colour stays flat colour (Wiener leaves a constant image unchanged).
    assert np.abs(restored[20, 20].astype(int) - (200, 40, 40)).max() <= 3
    assert np.abs(restored[100, 150].astype(int) - (20, 20, 160)).max() <= 6


def test_shaken_photo_is_read_right_only_once_the_shake_is_undone():
    # A generated phone photo shaken by 8 px; without deblurring its key fields are not all read.
    sample = generate(4344374255762846232, capture="photo")
    assert sample.meta["distortions"]["motion_blur"] == 8
    card = find_card(load_image(sample.jpeg))
    assert card.found
    steady = scan(sample.jpeg).to_json_dict()
    shaky = scan(sample.jpeg, settings=Settings(deblur=False)).to_json_dict()
    assert key_fields_right(sample.truth, steady), steady
    assert not key_fields_right(sample.truth, shaky)


def test_defocused_photo_is_read_right_only_once_the_defocus_is_undone():
    # A generated phone photo blurred by a Gaussian of 1.44 px, no shake.
    sample = generate(8006455133987444162, capture="photo")
    assert sample.meta["distortions"]["gaussian_blur"] == 1.44
    assert "motion_blur" not in sample.meta["distortions"]
    focused = scan(sample.jpeg).to_json_dict()
    blurred = scan(sample.jpeg, settings=Settings(deblur=False)).to_json_dict()
    assert key_fields_right(sample.truth, focused), focused
    assert not key_fields_right(sample.truth, blurred)

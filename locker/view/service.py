"""The app side of viewing: ask the sandbox for a picture or a PDF page and check the raw pixels it sends back.

The app never decodes an item's bytes itself (DESIGN.md, "Containment of untrusted bytes"): a picture of any
format and every PDF page are decoded in the sandbox, and what returns is a `Pixels` whose dimensions were checked
by the runner and again here against what was asked for.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from locker.errors import LockerError
from locker.pixels import Pixels
from locker.sandbox.child import Limits
from locker.sandbox.runner import SandboxRunner
from locker.vault.chunks import ItemReader
from locker.vault.items import get_item
from locker.vault.vault import Vault

#: The sandbox scales a rendering down to these bounds (locker.view.render); a bigger answer is refused.
RENDER_LONG_SIDE = 4096
RENDER_MAX_BYTES = 64 * 1024 * 1024
VIEW_LIMITS = Limits(memory_bytes=2 * 1024 * 1024 * 1024, cpu_seconds=120, wall_seconds=120.0)


class CannotDisplay(LockerError):
    """This item could not be displayed."""


class PictureNotDisplayed(CannotDisplay):
    """The picture could not be displayed."""


class PageNotDisplayed(CannotDisplay):
    """The page could not be displayed."""


@dataclass(frozen=True)
class Picture:
    """A picture as the viewer shows it: upright pixels, and the full size of the original (upright)."""

    pixels: Pixels
    full_width: int
    full_height: int


@dataclass(frozen=True)
class PdfPage:
    """One rendered page: `index` counts from 0; `scale` is pixels per PDF point (72 per inch)."""

    pixels: Pixels
    index: int
    page_count: int
    width_pt: float
    height_pt: float
    scale: float


def _checked(pixels: list[Pixels], error: str | None, refusal: type[CannotDisplay]) -> Pixels:
    if error or len(pixels) != 1:
        raise refusal(details=error or "the sandbox answered something malformed")
    [picture] = pixels
    if max(picture.width, picture.height) > RENDER_LONG_SIDE or len(picture.data) > RENDER_MAX_BYTES:
        raise refusal(details="the sandbox sent a picture larger than asked for")
    return picture


def render_picture(vault: Vault, item_id: str, runner: SandboxRunner) -> Picture:
    """Any picture, decoded in the sandbox with its orientation applied, at most 4096 pixels on the long side."""
    with vault.session() as conn:
        item = get_item(conn, item_id)
    job = {"kind": "render", "media_type": item.media_type}
    outcome = runner.run_task(ItemReader(vault.session, item), job, VIEW_LIMITS)
    pixels = _checked(outcome.pictures, outcome.error, PictureNotDisplayed)
    answer = outcome.result or {}
    width, height = answer.get("width"), answer.get("height")
    if not isinstance(width, int) or not isinstance(height, int) or width <= 0 or height <= 0:
        width, height = pixels.width, pixels.height
    return Picture(pixels, width, height)


def render_pdf_page(
    vault: Vault, item_id: str, index: int, runner: SandboxRunner, fit: tuple[int, int] = (0, 0), scale: float = 0.0
) -> PdfPage:
    """Page `index` (from 0) rendered in the sandbox: fitted into `fit` (width, height in pixels) when `scale` is 0,
    else at `scale` pixels per point. The sandbox lowers the scale to keep the page within the bounds."""
    with vault.session() as conn:
        item = get_item(conn, item_id)
    job = {"kind": "pdf-page", "media_type": item.media_type, "page": index, "fit_width": fit[0],
           "fit_height": fit[1], "scale": scale}  # fmt: skip
    outcome = runner.run_task(ItemReader(vault.session, item), job, VIEW_LIMITS)
    pixels = _checked(outcome.pictures, outcome.error, PageNotDisplayed)
    answer = outcome.result or {}
    count, page = answer.get("page_count"), answer.get("page")
    numbers = [answer.get(key) for key in ("width_pt", "height_pt", "scale")]
    if not isinstance(count, int) or page != index or not 0 <= index < count:
        raise PageNotDisplayed(details="the sandbox answered something malformed")
    if not all(isinstance(n, int | float) and math.isfinite(n) and n > 0 for n in numbers):
        raise PageNotDisplayed(details="the sandbox answered something malformed")
    width_pt, height_pt, used = (float(n) for n in numbers)  # type: ignore[arg-type]
    return PdfPage(pixels, index, count, width_pt, height_pt, used)

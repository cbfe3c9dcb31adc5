"""metadata/report.pdf: the human-readable page for the court file. Cyrillic needs a real font: DejaVu Sans,
from the fonts-dejavu-core package (found on disk, never downloaded)."""

from __future__ import annotations

import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from PIL import Image
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from locker.bundle.errors import ReportFontMissing
from locker.crypto.identity import spoken_fingerprint
from locker.pixels import Pixels

FONT_CANDIDATES = (
    Path(getattr(sys, "_MEIPASS", "/nonexistent")) / "fonts" / "DejaVuSans.ttf",  # the packaged app's own copy
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("C:/Windows/Fonts/DejaVuSans.ttf"),
    Path("/Library/Fonts/DejaVuSans.ttf"),
)


@dataclass(frozen=True)
class ReportItem:
    id: str
    path_in_bag: str
    size: int
    sha256: str
    sha512: str
    media_type: str
    imported_at: str
    notes: str
    summary: dict[str, Any] | None
    thumbnail: Pixels | None
    sanitised: dict[str, Any] | None = None


class _Thumbnail(Flowable):  # type: ignore[misc]
    """A thumbnail drawn from checked raw pixels (Image.frombytes); no stored bytes are ever decoded as a file."""

    def __init__(self, pixels: Pixels, box: float) -> None:
        super().__init__()
        mode = "RGBA" if pixels.has_alpha else "RGB"
        self._image = Image.frombytes(mode, (pixels.width, pixels.height), pixels.data)
        scale = box / max(pixels.width, pixels.height)
        self.drawWidth, self.drawHeight = pixels.width * scale, pixels.height * scale

    def wrap(self, _available_width: float, _available_height: float) -> tuple[float, float]:
        return self.drawWidth, self.drawHeight

    def draw(self) -> None:
        self.canv.drawImage(ImageReader(self._image), 0, 0, self.drawWidth, self.drawHeight)


def _font() -> str:
    for candidate in FONT_CANDIDATES:
        if candidate.exists():
            if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("DejaVuSans", str(candidate)))
            return "DejaVuSans"
    raise ReportFontMissing()


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _two_lines(spoken: str) -> str:
    """Six digit groups per line: the page is too narrow for twelve at this size, and a break mid-group misleads."""
    groups = spoken.split(" ")
    return " ".join(groups[:6]) + "\n" + " ".join(groups[6:])


def build_report(
    bundle_id: str,
    case: str | None,
    recipient: str,
    fingerprint: str,
    items: list[ReportItem],
    custody_lines: list[str],
    created_utc: str,
) -> bytes:
    font = _font()
    body = ParagraphStyle("body", fontName=font, fontSize=8.5, leading=11)
    small = ParagraphStyle("small", fontName=font, fontSize=7, leading=9)
    heading = ParagraphStyle("heading", fontName=font, fontSize=14, leading=18, spaceAfter=6)
    big = ParagraphStyle("big", fontName=font, fontSize=12, leading=16, textColor=colors.darkblue)
    story: list[Any] = [
        _p("Evidence bundle / Пакет доказательств", heading),
        _p(f"Bundle: {bundle_id}    Case / Дело: {case or '-'}    For / Для: {recipient or '-'}", body),
        _p(f"Created (sender's clock, UTC) / Создан (часы отправителя, UTC): {created_utc}", body),
        Spacer(1, 4 * mm),
        _p("Signing key fingerprint / Отпечаток ключа подписи:", body),
        _p(fingerprint, big),
        _p("Read aloud / Для чтения вслух:", body),
        _p(_two_lines(spoken_fingerprint(fingerprint)), big),
        Spacer(1, 4 * mm),
    ]
    for item in items:
        summary = item.summary or {}
        facts = [
            f"{item.path_in_bag}",
            f"ID {item.id} · {item.media_type} · {item.size} bytes · imported (UTC) {item.imported_at}",
            f"SHA-256 {item.sha256}",
            f"SHA-512 {item.sha512[:64]}\n        {item.sha512[64:]}",
        ]
        for label, key in (("Captured (file says)", "capture_time"), ("Device", "model"), ("Author", "author")):
            if summary.get(key):
                facts.append(f"{label}: {summary[key]}")
        if summary.get("gps_latitude") is not None:
            facts.append(f"GPS: {summary['gps_latitude']:.6f}, {summary['gps_longitude']:.6f}")
        if item.notes:
            facts.append(f"Notes / Заметки: {item.notes}")
        if item.sanitised:
            # Evidence protocols require the alteration to be stated where the item is described.
            facts.append(
                "Stored as a sanitised copy (identifying metadata removed at import) / Сохранена очищенная копия. "
                f"Original SHA-256 {item.sanitised.get('original_sha256')}, "
                f"{item.sanitised.get('original_size')} bytes. "
                f"Removed: {'; '.join(str(r) for r in item.sanitised.get('removed') or [])}"
            )
        picture: Any = ""
        if item.thumbnail is not None:
            picture = _Thumbnail(item.thumbnail, 28 * mm)
        table = Table([[picture, _p("\n".join(facts), small)]], colWidths=[32 * mm, 140 * mm])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 0.3, colors.grey)]))
        story += [table, Spacer(1, 2 * mm)]
    story += [Spacer(1, 4 * mm), _p("Custody log / Журнал действий", heading)]
    for line in custody_lines:
        record = json.loads(line)
        if record.get("redacted"):
            text = f"#{record['seq']}  (another item / другой материал)  {record['sha256']}"
        else:
            text = f"#{record['seq']}  {record['time_utc']}  {record['action']}  {record.get('item') or ''}"
        story.append(_p(text, small))
    story += [
        Spacer(1, 4 * mm),
        _p("How to verify / Как проверить: see README-VERIFY.txt in the bundle.", body),
    ]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=f"Evidence bundle {bundle_id}", author="Evidence Locker").build(story)
    return out.getvalue()

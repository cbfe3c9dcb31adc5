"""What the user asked for a share copy, and what the sanitiser reports back. Both cross the sandbox as JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from locker.share.faces import Box

FACE_MODES = ("auto", "off")
MAX_BOXES = 500
MAX_EDITS = 2000


@dataclass(frozen=True)
class VideoEdit:
    """Boxes the user added to, or removed from, a sampled frame; they apply from t0 to t1 (seconds)."""

    t0: float
    t1: float
    add: tuple[Box, ...] = ()
    remove: tuple[Box, ...] = ()


@dataclass(frozen=True)
class ShareOptions:
    faces: str = "auto"
    keep_audio: bool = False
    # Photos: the user's final boxes (replacing detection) once they reviewed them in the dialog.
    boxes: tuple[Box, ...] | None = None
    video_edits: tuple[VideoEdit, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "faces": self.faces,
            "keep_audio": self.keep_audio,
            "boxes": None if self.boxes is None else [b.to_json() for b in self.boxes],
            "video_edits": [
                {"t0": e.t0, "t1": e.t1, "add": [b.to_json() for b in e.add], "remove": [b.to_json() for b in e.remove]}
                for e in self.video_edits
            ],
        }

    @classmethod
    def from_json(cls, data: Any) -> ShareOptions:
        """The app's options, read in the child. ValueError only if the app sent something wrong (a programming
        error, never the user's file)."""
        if not isinstance(data, dict):
            raise ValueError("share options must be an object")
        faces = data.get("faces", "auto")
        if faces not in FACE_MODES:
            raise ValueError(f"faces must be one of {', '.join(FACE_MODES)}")
        raw_boxes = data.get("boxes")
        boxes = None if raw_boxes is None else tuple(Box.from_json(b) for b in list(raw_boxes)[:MAX_BOXES])
        edits = []
        for e in list(data.get("video_edits") or [])[:MAX_EDITS]:
            edits.append(
                VideoEdit(
                    float(e["t0"]), float(e["t1"]),
                    tuple(Box.from_json(b) for b in list(e.get("add") or [])[:MAX_BOXES]),
                    tuple(Box.from_json(b) for b in list(e.get("remove") or [])[:MAX_BOXES]),
                )
            )  # fmt: skip
        return cls(faces, bool(data.get("keep_audio", False)), boxes, tuple(edits))


@dataclass
class SanitiseReport:
    """What one sanitiser did: the copy's extension and media type, what it removed, faces covered."""

    extension: str
    media_type: str
    removed: list[str] = field(default_factory=list)
    faces_covered: int = 0
    frames: int = 0
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "extension": self.extension,
            "media_type": self.media_type,
            "removed": self.removed,
            "faces_covered": self.faces_covered,
            "frames": self.frames,
            "notes": self.notes,
        }

    @classmethod
    def from_json(cls, data: Any) -> SanitiseReport:
        """The child's report, read in the app. ValueError when it is malformed: the app turns it into
        CopyAnswerMalformed (locker.share.service)."""
        if not isinstance(data, dict):
            raise ValueError("a sanitise report must be an object")
        extension = str(data.get("extension", ""))
        if not extension.isalnum() or len(extension) > 8:
            raise ValueError("bad extension in the sanitise report")
        return cls(
            extension=extension.lower(),
            media_type=str(data.get("media_type", ""))[:100],
            removed=[str(r)[:200] for r in list(data.get("removed") or [])[:200]],
            faces_covered=int(data.get("faces_covered", 0)),
            frames=int(data.get("frames", 0)),
            notes=[str(n)[:300] for n in list(data.get("notes") or [])[:50]],
        )

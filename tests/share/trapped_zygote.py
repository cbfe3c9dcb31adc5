"""The real fork server, except that building a face detector after its preload fails: a share job that built its
own detector (loading the model per photo) would fail. Run as `python -m tests.share.trapped_zygote MODE FD...`."""

from __future__ import annotations

import sys
from typing import Any

from locker.sandbox import zygote
from locker.share import faces


def main() -> None:
    real_preload = zygote.preload

    def preload_then_trap(with_faces: bool = True) -> Any:
        tools = real_preload(with_faces)

        def built_in_a_job(*_args: object, **_kwargs: object) -> None:
            raise RuntimeError("a face detector was built in a job instead of once in the fork server")

        faces.FaceDetector.__init__ = built_in_a_job  # type: ignore[method-assign,assignment]
        return tools

    zygote.preload = preload_then_trap  # type: ignore[assignment]
    sys.argv = [sys.argv[0], *sys.argv[2:]]  # MODE is not used
    zygote.main()


if __name__ == "__main__":
    main()

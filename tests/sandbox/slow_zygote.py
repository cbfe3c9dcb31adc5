"""The real fork server, whose preload first waits MODE seconds, as on a busy or old machine. Run as
`python -m tests.sandbox.slow_zygote SECONDS FD...` in place of locker.sandbox.zygote."""

from __future__ import annotations

import sys
import time
from typing import Any

from locker.sandbox import zygote


def main() -> None:
    real_preload = zygote.preload
    delay = float(sys.argv[1])

    def slow_preload(with_faces: bool = True) -> Any:
        time.sleep(delay)
        return real_preload(with_faces)

    zygote.preload = slow_preload  # type: ignore[assignment]
    sys.argv = [sys.argv[0], *sys.argv[2:]]
    zygote.main()


if __name__ == "__main__":
    main()

"""Entry point of the packaged `locker-gui` executable (PyInstaller runs this file as __main__)."""

import sys

from locker.sandbox.entry import run_if_requested

# The packaged executables double as the sandbox's processes: that check comes before Qt is loaded.
run_if_requested(sys.argv)

from ui.app import main  # noqa: E402

sys.exit(main())

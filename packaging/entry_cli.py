"""Entry point of the packaged `locker` executable (PyInstaller runs this file as __main__)."""

import sys

from locker.sandbox.entry import run_if_requested

# The packaged executables double as the sandbox's processes: that check comes before anything else.
run_if_requested(sys.argv)

from locker.cli.main import run  # noqa: E402

run()

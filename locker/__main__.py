"""`python -m locker` is the same as the `locker` command."""

from locker.cli.main import run

run()

"""`python -m locker` is the same as the `locker` command."""

import sys

from locker.cli.main import main

sys.exit(main())

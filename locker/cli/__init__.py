"""The `locker` command line: a thin face over the core, with injectable streams for tests."""

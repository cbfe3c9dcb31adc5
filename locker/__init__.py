"""Evidence Locker core library: encrypted vault, import, custody log. Never imports Qt."""

__version__ = "0.1.0"

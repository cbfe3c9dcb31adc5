"""The PySide6 desktop app: a thin face over `locker`. Widgets hold no business rules."""

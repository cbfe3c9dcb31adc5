"""What files say about themselves: per-format readers (run only inside the sandbox) and the typed record."""

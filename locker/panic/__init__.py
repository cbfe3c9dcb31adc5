"""Panic: crypto-erase in milliseconds, duress passphrases, and the channel that reaches a running app."""

"""The vault: key header + SQLCipher database + advisory lock, and the data kept inside."""

"""Key header, key derivation with purpose labels, and the vault's Ed25519 identity."""

"""The import pipeline: stream, hash, sniff, store; report duplicates; optionally remove the source."""

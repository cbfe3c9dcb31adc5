"""Viewing inside the sandbox: decoders whose output (raw pixels, PCM) the app shows without parsing anything."""

"""Parsing untrusted files in a separate, limited process.

The app process never parses a file's contents with a C library. A sandbox child gets the job (media type, size)
and reads the bytes through the job channel, on request, from the app — so it needs no path, and bytes from the
vault are never written to disk for it. It cannot write files (RLIMIT_FSIZE=0), its memory and CPU time are
limited, and the app kills it when the wall-clock timeout passes.
"""

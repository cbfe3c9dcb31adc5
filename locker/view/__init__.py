"""Looking at items inside the sandbox: pictures and PDF pages come back as raw pixels (locker.pixels), video and
sound as raw frames and PCM (locker.sandbox.stream); the app shows them without parsing anything.

`render` and `media_decode` run in the sandbox child; `service` is the app side that asks for a rendering and
checks what comes back.
"""

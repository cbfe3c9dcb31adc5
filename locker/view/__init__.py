"""Looking at items: pictures and PDF pages decoded in the sandbox and returned as raw pixels (locker.pixels).

`render` runs in the sandbox child; `service` is the app side that asks for a rendering and checks what comes back.
"""

"""Stopping on a signal. SIGINT (Ctrl-C) and SIGTERM (kill, CI timeouts, systemd) unwind the work
as Ctrl-C does, so `finally` blocks remove temp files and no output is half-written. The signal
is also remembered: a library may swallow the exception (WeasyPrint catches every exception while
it draws an SVG picture), and the outputs must then still not be written (`check`, called by
output.write_all just before it moves files into place).
"""
from __future__ import annotations

import os
import signal
import sys

requested = 0  # the signal that asked this process to stop, 0 if none


class Stopped(KeyboardInterrupt):
    """A signal arrived; `code` is the exit code a shell expects (128 + the signal)."""

    def __init__(self, signum: int = signal.SIGTERM):
        super().__init__(signum)
        self.code = 128 + signum


def _stop(signum, frame):
    global requested
    requested = signum
    raise Stopped(signum)


def install(handler=_stop) -> None:
    """Let SIGINT and SIGTERM stop this process through `handler` (default: raise Stopped)."""
    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)


def ask(signum: int) -> None:
    """Remember a stop without raising (a worker asked while it was busy raises itself)."""
    global requested
    requested = signum


def check() -> None:
    """Raise Stopped if a signal arrived, even if the exception it raised was swallowed."""
    if requested:
        raise Stopped(requested)


def release_fonts() -> None:
    """Remove the temp folder WeasyPrint keeps this process's fonts in, if it rendered a PDF (it
    does so only when garbage collected, which a process ending with os._exit never is)."""
    pdf = sys.modules.get("canvas.render.pdf")
    if pdf is not None:
        pdf.release()


def leave(code: int) -> None:
    """End this process at once (a forked worker: no cleanup of the parent's), fonts released."""
    try:
        release_fonts()
    finally:
        os._exit(code)

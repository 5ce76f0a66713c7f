"""Work on another core: a forked child process that gets ready while this one goes on, then runs
one call and sends its result back.

A single build starts a worker before it loads the model; the worker imports WeasyPrint and loads
the fonts meanwhile, then renders the PDF while this process writes the workbook and the HTML.
The call and its arguments (the view) go to the worker pickled; the result (bytes) or the
exception comes back the same way. Batch workers already use every core, so they switch this off
(`disable()`), and so does `--jobs 1`.
"""
from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import traceback
from typing import Callable

_enabled = True


def disable() -> None:
    """No workers from this process (called in batch worker processes)."""
    global _enabled
    _enabled = False


def cores(jobs: int | None = None) -> int:
    """How many processes a build may use: `jobs`, or every core, or 1 where we do not fork.

    Forking is Linux only (macOS forbids it once system frameworks are loaded, Windows lacks it),
    and only from a single-threaded process: a thread holding a lock would leave it locked in the
    child (an application calling canvas.build from several threads keeps one process per build).
    """
    if not _enabled or not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    return max(1, jobs or os.cpu_count() or 1)


class Worker:
    """A forked child: runs `prepare()` at once, then the one call `submit()` sends it."""

    def __init__(self, prepare: Callable[[], object] | None = None):
        sys.stdout.flush()
        sys.stderr.flush()
        job_read, self._job_write = os.pipe()
        result_read, result_write = os.pipe()
        # SIGINT and SIGTERM wait until the child is inside its own handling: one arriving between
        # fork() and there would raise into a copy of the caller, which would go on as the caller
        stops = {signal.SIGINT, signal.SIGTERM}
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, stops)
        self.pid = os.fork()
        if self.pid == 0:  # the child never returns from here
            try:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
                os.close(self._job_write)
                os.close(result_read)
                _child(prepare, job_read, result_write)
            finally:
                os._exit(1)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.close(job_read)
        os.close(result_write)
        self._results = os.fdopen(result_read, "rb")
        self._outcome: tuple[bool, object] | None = None
        self._sender: threading.Thread | None = None
        self._reaped = False

    def submit(self, func: Callable[[], object]) -> bool:
        """Send the call (a picklable callable); False (and the worker stops) if it cannot be sent."""
        try:
            payload = pickle.dumps(func)
        except Exception:  # noqa: BLE001 - the caller runs it here instead
            self.cancel()
            return False
        # a thread writes it: the pipe holds 64 KiB and the child reads only once it is ready
        self._sender = threading.Thread(target=_send, args=(self._job_write, payload), daemon=True)
        self._sender.start()
        return True

    def result(self):
        """The call's value, or its exception raised here."""
        if self._outcome is None:
            with self._results:
                data = self._results.read()
            os.waitpid(self.pid, 0)
            self._reaped = True
            if self._sender is not None:
                self._sender.join()
            if not data:
                raise RuntimeError("the worker process ended without a result")
            self._outcome = pickle.loads(data)
        ok, value = self._outcome
        if ok:
            return value
        raise value  # type: ignore[misc]

    def cancel(self) -> None:
        """Stop the child unless it has ended and been waited for (safe to call more than once;
        also after a signal interrupted result(), which had closed the pipe already)."""
        if self._reaped:
            return
        try:
            os.kill(self.pid, 9)
        except ProcessLookupError:
            pass
        if not self._results.closed:
            self._results.close()
        os.waitpid(self.pid, 0)
        self._reaped = True
        if self._sender is None:
            os.close(self._job_write)


def _send(fd: int, payload: bytes) -> None:
    try:
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(payload)
    except OSError:  # the worker was stopped
        pass


def _child(prepare: Callable[[], object] | None, job_read: int, result_write: int) -> None:
    """Prepare, read the call, run it, write (ok, value or error); exit without the parent's cleanup."""
    code = 0
    try:
        if prepare is not None:
            try:
                prepare()
            except Exception:  # noqa: BLE001 - the call itself will meet (and report) the problem
                pass
        with os.fdopen(job_read, "rb") as pipe:
            data = pipe.read()
        if data:
            try:
                outcome = (True, pickle.loads(data)())
            except BaseException as e:  # noqa: BLE001 - every failure goes back to the parent
                outcome = (False, _portable(e))
            with os.fdopen(result_write, "wb") as pipe:
                pipe.write(pickle.dumps(outcome))
    except BaseException:  # noqa: BLE001 - the parent sees the missing result
        code = 1
    finally:
        from .stopping import leave

        leave(code)


def _portable(error: BaseException) -> BaseException:
    """The error itself when it survives pickling, else a RuntimeError that describes it; with
    --debug it carries the child's traceback as a note."""
    if os.environ.get("CANVAS_DEBUG"):
        error.add_note("in the worker process:\n" + "".join(traceback.format_exception(error)))
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # noqa: BLE001
        portable = RuntimeError(f"{type(error).__name__}: {error}")
        portable.__notes__ = list(getattr(error, "__notes__", []))
        return portable

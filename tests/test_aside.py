"""One build on two cores: the PDF renders in a forked worker that gets WeasyPrint ready while the
model loads. The worker returns values and errors faithfully, the outputs are the same bytes as a
one-process build, a failed build leaves no worker behind, and batch workers never fork."""
from __future__ import annotations

import os
from functools import partial

import pytest

import canvas
from canvas import aside
from canvas.batch import run
from canvas.errors import InputError, Problem, RenderError
from conftest import SAMPLES

pytestmark = pytest.mark.skipif(aside.cores(2) < 2, reason="workers fork on Linux only")


def _raise(error: BaseException | None = None):
    raise error or Unpicklable(1, 2)


_state = {"prepared": False}


def _prepare():
    _state["prepared"] = True


def _prepared() -> bool:
    return _state["prepared"]


class Unpicklable(Exception):
    def __init__(self, a, b):  # pickling re-creates exceptions from args: this one cannot come back
        super().__init__(f"{a}/{b}")


def _children() -> set[int]:
    path = f"/proc/{os.getpid()}/task/{os.getpid()}/children"
    return set(map(int, open(path).read().split()))


def test_worker_runs_the_call_in_another_process_after_preparing():
    worker = aside.Worker(prepare=_prepare)
    assert worker.submit(_prepared)
    assert worker.result() is True
    assert _prepared() is False  # it happened in the child
    worker = aside.Worker()
    worker.submit(os.getpid)
    assert worker.result() != os.getpid()


@pytest.mark.parametrize("error, expected", [
    (InputError([Problem("m.yaml", 3, 4, "bad"), Problem("m.yaml", 5, 1, "worse")]), None),
    (RenderError("template error: x"), None),
    (None, RuntimeError("Unpicklable: 1/2")),  # raised in the worker
])
def test_worker_errors_come_back_as_they_were(error, expected):
    worker = aside.Worker()
    worker.submit(partial(_raise, error))
    with pytest.raises(type(expected or error)) as caught:
        worker.result()
    assert str(caught.value) == str(expected or error)
    if isinstance(error, InputError):  # every problem with its place, not just the text
        assert caught.value.problems == error.problems


def test_a_call_that_cannot_be_sent_is_refused_and_the_worker_stopped():
    worker = aside.Worker()
    assert worker.submit(lambda: 1) is False  # a lambda cannot be pickled: the caller runs it itself
    assert worker.pid not in _children()


def test_one_process_and_two_give_the_same_bytes(tmp_path):
    sample = next(s for s in SAMPLES if s.stem == "learning-fa")
    one = canvas.build(sample, tmp_path / "one", lang="all", jobs=1)
    two = canvas.build(sample, tmp_path / "two", lang="all")
    assert [p.name for p in one] == [p.name for p in two] and len(one) == 6
    for a, b in zip(one, two):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_the_build_uses_a_worker_for_the_pdf_unless_told_one_process(tmp_path, monkeypatch):
    used = []

    class Recording(aside.Worker):
        def submit(self, func):
            used.append(func.args[0])  # render(fmt, view)
            return super().submit(func)

    monkeypatch.setattr(aside, "Worker", Recording)
    sample = next(s for s in SAMPLES if s.stem == "music-streaming-en")
    canvas.build(sample, tmp_path / "a")
    canvas.build(sample, tmp_path / "b", formats=["pdf"])
    canvas.build(sample, tmp_path / "c", jobs=1)
    canvas.build(sample, tmp_path / "d", formats=["xlsx", "html"])
    assert used == ["pdf", "pdf"]


def test_a_build_that_fails_leaves_no_worker_and_no_output(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nmeta: {title: x, language: en}\nchanels: []\n", "utf-8")
    before = _children()
    with pytest.raises(InputError):
        canvas.build(bad, tmp_path / "out")
    assert _children() == before
    assert not (tmp_path / "out").exists()


def test_a_pdf_that_fails_in_the_worker_fails_the_build(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "funnel.html.j2").write_text("{{ m.no_such_field }}", "utf-8")
    sample = next(s for s in SAMPLES if s.stem == "bank-fa")
    with pytest.raises(RenderError, match="no_such_field"):
        canvas.build(sample, tmp_path / "out", formats=["pdf", "xlsx"], template_dir=templates)
    assert not (tmp_path / "out").exists()


def _cores_here(_file: str) -> list[str]:
    return [str(aside.cores())]


def test_batch_workers_do_not_fork_again():
    outcomes = run(_cores_here, ["a", "b", "c"], jobs=2)
    assert [o.lines for o in outcomes] == [["1"], ["1"], ["1"]]
    assert aside.cores() == (os.cpu_count() or 1)  # the parent may still use every core


def test_no_worker_from_a_threaded_process():
    import threading

    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert aside.cores(4) == 1
    finally:
        release.set()
        thread.join()
    assert aside.cores(4) == 4

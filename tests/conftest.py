"""Shared fixtures: the samples, a CLI runner, and each sample built once per session."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
SAMPLE_IDS = [p.stem for p in SAMPLES]


@pytest.fixture(autouse=True)
def english_locale(monkeypatch):
    """Messages follow the model's language, else CANVAS_LANG or the locale: tests expect the
    machine's locale to be a neutral English one, whatever the developer's is."""
    for name in ("CANVAS_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli():
    from canvas.cli import cli as command

    def run(*args, input=None):
        return CliRunner().invoke(command, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """{sample stem: {format: path}} for every sample built in its own language."""
    import canvas

    out = tmp_path_factory.mktemp("built")
    result = {}
    for sample in SAMPLES:
        paths = canvas.build(sample, out)
        result[sample.stem] = {p.suffix.lstrip("."): p for p in paths}
    return result


def pytest_terminal_summary(terminalreporter):
    """How many hostile cases each class of attack tried (tests/test_hostile.py)."""
    try:
        from test_hostile import TRIED
    except ImportError:
        return
    if TRIED:
        terminalreporter.section("hostile input: cases tried")
        for kind, n in sorted(TRIED.items()):
            terminalreporter.write_line(f"{kind:<32} {n:>6}")
        terminalreporter.write_line(f"{'total':<32} {sum(TRIED.values()):>6}")

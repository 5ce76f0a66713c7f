"""Golden HTML reports of the samples: what each sample's report is, kept in tests/golden/, so a
change to a template shows as a diff in review. `make golden` rewrites them after an intended
change; tests/test_golden.py fails on any other."""
from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
SAMPLES = sorted((HERE.parent / "samples").glob("*.yaml"))


def normalised(html: str) -> str:
    """The report without what is not its content: the stylesheet (the template's own files,
    in the repository already) with the embedded fonts, and the version."""
    html = re.sub(r"<style>.*?</style>", "<style>(templates/*.css)</style>", html, flags=re.S)
    return re.sub(r'content="canvas [^"]+"', 'content="canvas"', html)


def report(sample: Path) -> str:
    import canvas
    from canvas.render.html import render
    from canvas.view import View

    return normalised(render(View(canvas.load(sample))).decode("utf-8"))


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for sample in SAMPLES:
        (GOLDEN / f"{sample.stem}.html").write_text(report(sample), "utf-8")
        print(f"wrote tests/golden/{sample.stem}.html")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    main()

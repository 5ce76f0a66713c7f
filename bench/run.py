"""canvas benchmarks: start-up, build time and peak memory per format, scaling, baselines measured
in the same run (bare openpyxl, bare WeasyPrint, LibreOffice), and a 100-file batch.

Run with `make bench` (or `python bench/run.py [--quick]`). Prints a table; numbers are this
machine's, ratios are what to compare across machines.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
sys.path.insert(0, str(ROOT / "bench"))
from synthetic import model_yaml  # noqa: E402

SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def run(cmd: list[str], **kwargs) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, stdout) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out = proc.stdout.read()
    err = proc.stderr.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0,):
        raise RuntimeError(f"{cmd} failed ({proc.returncode}): {err[-2000:]}")
    return wall, usage.ru_maxrss / 1024, out


def median_wall(cmd: list[str], n: int = 5) -> float:
    return statistics.median(run(cmd)[0] for _ in range(n))


RENDER = """
import json, sys, time
import canvas
from canvas.builder import look_of
from canvas.render import renderer
from canvas.view import View
model = canvas.load(sys.argv[1]); fmt = sys.argv[2]
render = renderer(fmt)
render(View(model))  # warm up: imports, fonts
start = time.perf_counter(); data = render(View(model)); took = time.perf_counter() - start
print(json.dumps({"seconds": took, "bytes": len(data)}))
"""

BARE_OPENPYXL = """
import io, json, sys, time
from openpyxl import Workbook, load_workbook
source = load_workbook(sys.argv[1])
sheets = [(ws.title, [[c.value for c in row] for row in ws.iter_rows()]) for ws in source.worksheets]
def write():
    wb = Workbook(); wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append([v for v in row])
    buf = io.BytesIO(); wb.save(buf); return buf
write()
start = time.perf_counter(); write(); print(json.dumps({"seconds": time.perf_counter() - start}))
"""

BARE_WEASYPRINT = """
import json, sys, time
import canvas
from canvas.render.html import to_html
from canvas.view import View
from weasyprint import HTML
html = to_html(View(canvas.load(sys.argv[1])), embed_fonts=False)
HTML(string=html).write_pdf()  # warm up
start = time.perf_counter(); HTML(string=html).write_pdf(); print(json.dumps({"seconds": time.perf_counter() - start}))
"""


def timed(code: str, *args: str) -> tuple[float, float]:
    wall, rss, out = run([PY, "-c", code, *args])
    return json.loads(out.strip().splitlines()[-1])["seconds"], rss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, skip the x16 PDF and batch")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="canvas-bench-"))
    canvas_cli = [PY, "-m", "canvas"]
    rows: list[tuple[str, str, str]] = []

    def report(what: str, value: str, note: str = "") -> None:
        rows.append((what, value, note))
        print(f"{what:<52} {value:>16}  {note}", flush=True)

    print(f"canvas benchmarks on {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
    # --- start-up -------------------------------------------------------------------------
    bare = median_wall([PY, "-c", "pass"])
    help_ = median_wall(canvas_cli + ["--help"])
    validate = median_wall(canvas_cli + ["validate", str(SAMPLES[0])])
    report("python -c pass", f"{bare:.3f} s")
    report("canvas --help", f"{help_:.3f} s", f"+{help_ - bare:.3f} s over python (target ≤ 0.15)")
    report(f"canvas validate {SAMPLES[0].name}", f"{validate:.3f} s", f"+{validate - bare:.3f} s over python")

    # --- samples: full build, per format ---------------------------------------------------
    for sample in SAMPLES:
        wall, rss, _ = run(canvas_cli + ["build", str(sample), "-o", str(work / "s")])
        report(f"build {sample.stem} (xlsx+pdf+html, cold process)", f"{wall:.2f} s", f"{rss:.0f} MB peak (target ≤ 3 s)")
        for fmt in ("xlsx", "pdf", "html"):
            seconds, rss = timed(RENDER, str(sample), fmt)
            report(f"  render {fmt}", f"{seconds:.3f} s", f"{rss:.0f} MB peak")

    # --- scaling ---------------------------------------------------------------------------
    scales = (1, 4) if args.quick else (1, 4, 16)
    times: dict[str, list[float]] = {"xlsx": [], "pdf": [], "html": []}
    for scale in scales:
        path = work / f"synthetic-x{scale}.yaml"
        path.write_text(model_yaml(scale), "utf-8")
        for fmt in times:
            seconds, rss = timed(RENDER, str(path), fmt)
            times[fmt].append(seconds)
            report(f"synthetic x{scale} render {fmt}", f"{seconds:.3f} s", f"{rss:.0f} MB peak (target ≤ 300 MB)")
    for fmt, values in times.items():
        growth = " ".join(f"x{b // a}:{values[i + 1] / values[i]:.1f}x" for i, (a, b) in enumerate(zip(scales, scales[1:])))
        report(f"growth {fmt} per step", growth, "linear would be x4:4.0x")

    # --- baselines on the same content -------------------------------------------------------
    sample = next(s for s in SAMPLES if s.stem == "bank-fa")
    ours_xlsx, _ = timed(RENDER, str(sample), "xlsx")
    run(canvas_cli + ["build", str(sample), "-o", str(work / "b"), "--no-pdf", "--no-html"])
    bare_xlsx, _ = timed(BARE_OPENPYXL, str(work / "b" / "bank-fa.xlsx"))
    report("bank-fa xlsx: ours / bare openpyxl", f"{ours_xlsx / bare_xlsx:.2f}x",
           f"{ours_xlsx:.3f} s vs {bare_xlsx:.3f} s (target ≤ 1.5x)")
    ours_pdf, _ = timed(RENDER, str(sample), "pdf")
    bare_pdf, _ = timed(BARE_WEASYPRINT, str(sample))
    report("bank-fa pdf: ours / bare WeasyPrint (same HTML)", f"{ours_pdf / bare_pdf:.2f}x",
           f"{ours_pdf:.3f} s vs {bare_pdf:.3f} s (target ≤ 1.3x)")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        profile = (work / "lo-profile").as_uri()
        lo = statistics.median(run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                                    "--outdir", str(work / "lo"), str(work / "b" / "bank-fa.xlsx")])[0]
                               for _ in range(3))
        ours = statistics.median(run(canvas_cli + ["build", str(sample), "-o", str(work / "p"), "--no-xlsx",
                                                   "--no-html"])[0] for _ in range(3))
        report("bank-fa pdf: canvas build / LibreOffice xlsx->pdf", f"{ours / lo:.2f}x",
               f"{ours:.2f} s vs {lo:.2f} s, whole processes (target ≤ 1.0x)")

    # --- batch ---------------------------------------------------------------------------------
    if not args.quick:
        batch = work / "batch"
        batch.mkdir()
        for n in range(100):
            (batch / f"student{n:03d}.yaml").write_text(model_yaml(1).replace("Synthetic x1", f"Student {n}"), "utf-8")
        wall, rss, _ = run(canvas_cli + ["build", str(batch), "-o", str(work / "batch-out")])
        report(f"batch of 100 models (xlsx+pdf+html) on {os.cpu_count()} cores", f"{wall:.1f} s",
               f"{100 / wall:.2f} files/s, {rss:.0f} MB peak of the parent (target ≤ 120 s)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

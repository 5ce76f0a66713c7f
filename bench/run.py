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
from synthetic import largest_yaml, model_yaml, worst_yaml  # noqa: E402

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


def interleaved(commands: list[list[str]], n: int) -> list[tuple[float, float]]:
    """(median wall, max peak MB) of each command, run in turns so a noisy moment hits all alike."""
    walls: list[list[float]] = [[] for _ in commands]
    peaks: list[float] = [0.0 for _ in commands]
    for _ in range(n):
        for i, cmd in enumerate(commands):
            wall, rss, _ = run(cmd)
            walls[i].append(wall)
            peaks[i] = max(peaks[i], rss)
    return [(statistics.median(w), p) for w, p in zip(walls, peaks)]


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

COMPARE = """
import io, json, statistics, sys, time
import canvas
from canvas.render import renderer
from canvas.view import View
model = canvas.load(sys.argv[1]); fmt = sys.argv[2]; ours = renderer(fmt)
if fmt == "xlsx":  # bare openpyxl writing the same cell values, no styles, tables, validations, charts
    from openpyxl import Workbook, load_workbook
    source = load_workbook(io.BytesIO(ours(View(model))))
    sheets = [(ws.title, [[c.value for c in row] for row in ws.iter_rows()]) for ws in source.worksheets]
    def bare():
        wb = Workbook(); wb.remove(wb.active)
        for title, rows in sheets:
            ws = wb.create_sheet(title)
            for row in rows:
                ws.append(row)
        buf = io.BytesIO(); wb.save(buf); return buf
    def floor():  # openpyxl saving our workbook as it read it back: styles, tables, validations, no charts
        buf = io.BytesIO(); source.save(buf); return buf
else:  # bare WeasyPrint on the same HTML: default fetcher, fonts loaded per document
    from canvas.render.html import to_html
    from weasyprint import HTML
    html = to_html(View(model), embed_fonts=False)
    bare = lambda: HTML(string=html).write_pdf()
    floor = lambda: ours(View(model), variant="none")  # ours untagged: what tagging (PDF/UA-1) costs
ours(View(model)); bare()  # warm up: imports, fonts
funcs = {"ours": lambda: ours(View(model)), "bare": bare, "floor": floor}
times = {name: [] for name, func in funcs.items() if func}
for _ in range(int(sys.argv[3])):  # in turns, so a noisy moment hits all alike
    for name in times:
        func = funcs[name]
        start = time.perf_counter(); func(); times[name].append(time.perf_counter() - start)
print(json.dumps({k: statistics.median(v) for k, v in times.items()}))
"""

IMPORT = """
import json, statistics, sys, time, warnings
from openpyxl import load_workbook
from canvas.workbook import import_workbook
path = sys.argv[1]
import_workbook(path)  # warm up
def bare():  # openpyxl reading the same file: the floor of any import
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        load_workbook(path)
times = {"ours": [], "bare": []}
for _ in range(int(sys.argv[2])):
    for name, func in (("ours", lambda: import_workbook(path)), ("bare", bare)):
        start = time.perf_counter(); func(); times[name].append(time.perf_counter() - start)
print(json.dumps({k: statistics.median(v) for k, v in times.items()}))
"""


def compare(sample: Path, fmt: str, repeats: int) -> dict[str, float]:
    """Median seconds of ours, bare (and for xlsx the floor) on `sample`, measured in turns."""
    _, _, out = run([PY, "-c", COMPARE, str(sample), fmt, str(repeats)])
    return json.loads(out.strip().splitlines()[-1])


def timed(code: str, *args: str) -> tuple[float, float]:
    wall, rss, out = run([PY, "-c", code, *args])
    return json.loads(out.strip().splitlines()[-1])["seconds"], rss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, skip the x16 PDF and batch")
    parser.add_argument("--live", action="store_true", help="only the live preview's rows (canvas serve) and the cold build")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="canvas-bench-"))
    canvas_cli = [PY, "-m", "canvas"]
    rows: list[tuple[str, str, str]] = []

    def report(what: str, value: str, note: str = "") -> None:
        rows.append((what, value, note))
        print(f"{what:<52} {value:>16}  {note}", flush=True)

    print(f"canvas benchmarks on {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
    if args.live:
        live_rows(report, work, 3 if args.quick else 7)
        shutil.rmtree(work, ignore_errors=True)
        return
    # --- start-up -------------------------------------------------------------------------
    bare = median_wall([PY, "-c", "pass"])
    help_ = median_wall(canvas_cli + ["--help"])
    validate = median_wall(canvas_cli + ["validate", str(SAMPLES[0])])
    report("python -c pass", f"{bare:.3f} s")
    report("canvas --help", f"{help_:.3f} s", f"+{help_ - bare:.3f} s over python (target ≤ 0.15)")
    report(f"canvas validate {SAMPLES[0].name}", f"{validate:.3f} s", f"+{validate - bare:.3f} s over python")

    # --- samples: full build, per format ---------------------------------------------------
    repeats = 2 if args.quick else 5
    for sample in SAMPLES:
        build = canvas_cli + ["build", str(sample), "-o", str(work / "s")]
        (two, rss), (one, _) = interleaved([build, build + ["-j", "1"]], repeats)
        report(f"build {sample.stem} (xlsx+pdf+html, cold process)", f"{two:.2f} s",
               f"{rss:.0f} MB peak per process (target ≤ 3 s); one process (-j 1): {one:.2f} s")
        for fmt in ("xlsx", "pdf", "html", "pptx"):
            seconds, rss = timed(RENDER, str(sample), fmt)
            target = " (target ≤ 0.5 s)" if fmt == "pptx" else ""
            report(f"  render {fmt}", f"{seconds:.3f} s", f"{rss:.0f} MB peak{target}")

    # --- scaling ---------------------------------------------------------------------------
    scales = (1, 4) if args.quick else (1, 4, 16)
    times: dict[str, list[float]] = {"xlsx": [], "pdf": [], "html": [], "pptx": []}
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

    # --- worst shapes (hardening issue 13-17), within the loader's limits ----------------------
    for shape, base in (("segments", 9), ("namesakes", 9), ("relationships", 9), ("long_word", 250)):
        for fmt in ("xlsx", "html", "pdf", "pptx"):
            sizes = (1, 4) if fmt == "pdf" or args.quick else (1, 4, 16)
            seconds = []
            for k in sizes:
                path = work / f"worst-{shape}-{k}.yaml"
                path.write_text(worst_yaml(shape, base * k), "utf-8")
                seconds.append(timed(RENDER, str(path), fmt)[0])
            ratios = " ".join(f"x{k}:{t / seconds[0]:.1f}x" for k, t in zip(sizes[1:], seconds[1:]))
            report(f"worst {shape} n={base} render {fmt}", f"{seconds[0]:.3f} s", f"growth {ratios} (linear: x4, x16)")
    largest = work / "largest.yaml"
    largest.write_text(largest_yaml(7), "utf-8")
    wall, rss, _ = run(canvas_cli + ["build", str(largest), "-o", str(work / "largest")])
    report("largest model accepted (xlsx+pdf+html, cold)", f"{wall:.1f} s", f"{rss:.0f} MB peak (budget ≤ 60 s, ≤ 1024 MB)")

    # --- baselines on the same content -------------------------------------------------------
    sample = next(s for s in SAMPLES if s.stem == "bank-fa")
    xlsx = compare(sample, "xlsx", 5 if args.quick else 15)
    report("bank-fa xlsx: ours / bare openpyxl", f"{xlsx['ours'] / xlsx['bare']:.2f}x",
           f"{xlsx['ours']:.3f} s vs {xlsx['bare']:.3f} s (target ≤ 1.5x)")
    report("  openpyxl only saving our workbook / bare openpyxl", f"{xlsx['floor'] / xlsx['bare']:.2f}x",
           f"{xlsx['floor']:.3f} s: read back and saved again, no building, no charts")
    for name, source in (("bank-fa", sample), ("synthetic x16" if not args.quick else "synthetic x4",
                                                work / f"synthetic-x{scales[-1]}.yaml")):
        out = work / "imp" / name.replace(" ", "-")
        run(canvas_cli + ["build", str(source), "-o", str(out), "--no-pdf", "--no-html"])
        [built] = out.glob("*.xlsx")
        _, _, text = run([PY, "-c", IMPORT, str(built), "3" if args.quick else "7"])
        imp = json.loads(text.strip().splitlines()[-1])
        report(f"{name} import: ours / openpyxl reading the file", f"{imp['ours'] / imp['bare']:.2f}x",
               f"{imp['ours']:.3f} s vs {imp['bare']:.3f} s")
    # ours sizes the canvas and journey maps to their pages and checks the laid-out pages
    for name, source in (("bank-fa", sample), (f"synthetic x{scales[-1]}", work / f"synthetic-x{scales[-1]}.yaml")):
        pdf = compare(source, "pdf", 3 if args.quick else 5)
        report(f"{name} pdf: ours / bare WeasyPrint (same HTML)", f"{pdf['ours'] / pdf['bare']:.2f}x",
               f"{pdf['ours']:.3f} s vs {pdf['bare']:.3f} s (target ≤ 1.3x)")
        report(f"  tagged (PDF/UA-1, the default) / untagged", f"{pdf['ours'] / pdf['floor']:.2f}x",
               f"{pdf['ours']:.3f} s vs {pdf['floor']:.3f} s (tagged by default if ≤ ~1.1x)")
    # the largest picture a model may name (images.MAX_PIXELS): a one-bit PNG, tiny as a file
    pictured = work / "pictured"
    pictured.mkdir()
    subprocess.run([PY, "-c", "from PIL import Image; Image.new('1', (6000, 4000), 1).save('logo.png')"],
                   cwd=pictured, check=True)
    (pictured / "m.yaml").write_text(sample.read_text("utf-8") + "\nbrand:\n  logo: logo.png\n", "utf-8")
    (without, _), (with_logo, rss) = interleaved(
        [canvas_cli + ["build", str(sample), "-o", str(work / "nologo"), "--no-xlsx", "--no-html", "--force"],
         canvas_cli + ["build", str(pictured / "m.yaml"), "-o", str(work / "logo"), "--no-xlsx", "--no-html",
                       "--force"]], 2 if args.quick else 3)
    report("bank-fa pdf with a 24-megapixel PNG logo / without", f"{with_logo / without:.2f}x",
           f"{with_logo:.2f} s vs {without:.2f} s, {rss:.0f} MB peak (a 169-megapixel one took 17.7 s)")
    run(canvas_cli + ["build", str(sample), "-o", str(work / "b"), "--no-pdf", "--no-html"])
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        profile = (work / "lo-profile").as_uri()
        build = canvas_cli + ["build", str(sample), "-o", str(work / "p")]
        lo_cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                  "--outdir", str(work / "lo"), str(work / "b" / "bank-fa.xlsx")]
        run(lo_cmd)  # the first start creates the profile
        (lo, _), (pdf_only, _), (full, _), (no_pdf, _) = interleaved(
            [lo_cmd, build + ["--no-xlsx", "--no-html"], build, build + ["--no-pdf"]], 3 if args.quick else 5)
        report("bank-fa pdf: canvas build --no-xlsx --no-html / LibreOffice", f"{pdf_only / lo:.2f}x",
               f"{pdf_only:.2f} s vs {lo:.2f} s, whole processes (target ≤ 1.0x)")
        report("bank-fa pdf: what the pdf adds to a build / LibreOffice", f"{(full - no_pdf) / lo:.2f}x",
               f"{full:.2f} s - {no_pdf:.2f} s without the pdf = {full - no_pdf:.2f} s vs {lo:.2f} s")

    live_rows(report, work, 3 if args.quick else 7)

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


def live_rows(report, work: Path, repeats: int) -> None:
    """`canvas serve` (bench/live.py): save -> HTML and save -> PDF in the warm process, and the
    cold path, a whole `canvas build` against bare WeasyPrint in a fresh process."""
    from live import cold_rows, warm_rows

    sample = next(s for s in SAMPLES if s.stem == "bank-fa")
    warm = warm_rows(sample, work, repeats)
    report("bank-fa serve: save -> HTML updated (warm)", f"{warm['html']:.3f} s",
           "saved file to the page with the edit served (target ≤ 0.3 s)")
    report("bank-fa serve: save -> PDF ready (warm) / bare WeasyPrint", f"{warm['pdf'] / warm['bare']:.2f}x",
           f"{warm['pdf']:.3f} s vs {warm['bare']:.3f} s bare in a warm process, same HTML (target ≤ 1.0x)")
    ours, bare = cold_rows(sample, work, repeats, interleaved)
    report("bank-fa build (xlsx+pdf+html, cold) / bare WeasyPrint", f"{ours / bare:.2f}x",
           f"{ours:.2f} s vs {bare:.2f} s, fresh processes, same HTML (target ≤ 1.1x)")


if __name__ == "__main__":
    main()

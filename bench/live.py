"""The live preview's rows (issue 23): save -> HTML updated and save -> PDF ready in a warm
`canvas serve`, against bare WeasyPrint in a warm process on the same HTML; and the cold path, a
whole `canvas build` against bare WeasyPrint in a fresh process. Measured in turns (ours, bare,
ours...) so a slow moment of this shared machine hits both."""
from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

PY = sys.executable

# bare WeasyPrint, warm: the HTML our PDF is made from, rendered with the default fetcher each
# time a line arrives on stdin; prints the seconds it took
BARE_WARM = """
import sys, time
from pathlib import Path
import canvas
from canvas.builder import look_of, view_of
from canvas.checks import run
from canvas.render.html import to_html
from weasyprint import HTML
model = canvas.load(sys.argv[1])  # the view a build and serve render: the brand's look, the health section
view = view_of(model, model.meta.language, look=look_of(model), report=run(model, name=Path(sys.argv[1]).stem))
html = to_html(view, embed_fonts=False)
HTML(string=html).write_pdf()  # warm up: imports, fonts
print("ready", flush=True)
for _ in sys.stdin:
    start = time.perf_counter(); HTML(string=html).write_pdf(); print(time.perf_counter() - start, flush=True)
"""

WRITE_HTML = """
import sys
from pathlib import Path
import canvas
from canvas.builder import look_of, view_of
from canvas.checks import run
from canvas.render.html import to_html
model = canvas.load(sys.argv[1])
view = view_of(model, model.meta.language, look=look_of(model), report=run(model, name=Path(sys.argv[1]).stem))
open(sys.argv[2], "w", encoding="utf-8").write(to_html(view, embed_fonts=False))
"""
BARE_COLD = "import sys; from weasyprint import HTML; HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=120) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while chunk := s.recv(1 << 16):
            chunks.append(chunk)
    return b"".join(chunks)


def _save(path: Path, text: str) -> None:
    temp = path.with_name("." + path.name + ".tmp")
    temp.write_text(text, "utf-8")
    os.replace(temp, path)


def warm_rows(sample: Path, work: Path, repeats: int) -> dict[str, float]:
    """Median seconds: save -> page with the edit served, save -> PDF downloaded; and bare
    WeasyPrint (warm) on the same HTML."""
    folder = work / "live"
    folder.mkdir(parents=True, exist_ok=True)
    model = folder / sample.name
    text = sample.read_text("utf-8")
    model.write_text(text, "utf-8")
    title = next(line for line in text.splitlines() if line.startswith("  title: "))
    port = _free_port()
    server = subprocess.Popen([PY, "-m", "canvas", "serve", str(model), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    bare = subprocess.Popen([PY, "-c", BARE_WARM, str(sample)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True)
    try:
        server.stdout.readline()  # it listens
        assert bare.stdout.readline().strip() == "ready"
        _get(port, "/report.pdf")  # the warm-up a user's first download pays
        html_s, pdf_s, bare_s = [], [], []
        for n in range(repeats):
            events = socket.create_connection(("127.0.0.1", port), timeout=120)
            events.sendall(f"GET /events HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n".encode())
            seen = events.recv(4096)
            while b"data: " not in seen:
                seen += events.recv(4096)
            marker = f"Edited {n} {time.time_ns()}"
            start = time.perf_counter()
            _save(model, text.replace(title, f"  title: {marker}"))
            got = b""
            while got.count(b"data: ") < 1:  # the next event: the report was rendered again
                got += events.recv(4096)
            page = _get(port, "/")
            html_s.append(time.perf_counter() - start)
            assert marker.encode() in page, "the page does not show the edit"
            pdf = _get(port, "/report.pdf")
            pdf_s.append(time.perf_counter() - start)
            assert b"%PDF" in pdf
            events.close()
            bare.stdin.write("go\n")
            bare.stdin.flush()
            bare_s.append(float(bare.stdout.readline()))
        return {"html": statistics.median(html_s), "pdf": statistics.median(pdf_s), "bare": statistics.median(bare_s)}
    finally:
        server.send_signal(signal.SIGINT)
        bare.stdin.close()
        server.wait(30)
        bare.wait(30)


def cold_rows(sample: Path, work: Path, repeats: int, interleaved) -> tuple[float, float]:
    """Median wall seconds of a whole `canvas build` (xlsx+pdf+html) and of bare WeasyPrint in a
    fresh process writing the PDF of the same HTML."""
    html = work / "cold.html"
    subprocess.run([PY, "-c", WRITE_HTML, str(sample), str(html)], check=True)
    (ours, _), (bare, _) = interleaved(
        [[PY, "-m", "canvas", "build", str(sample), "-o", str(work / "cold"), "--force"],
         [PY, "-c", BARE_COLD, str(html), str(work / "cold-bare.pdf")]], repeats)
    return ours, bare


if __name__ == "__main__":  # the live rows alone: python bench/live.py [REPEATS]
    import tempfile

    sys.path.insert(0, str(Path(__file__).parent))
    from run import SAMPLES, interleaved

    sample = next(s for s in SAMPLES if s.stem == "bank-fa")
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory(prefix="canvas-bench-") as tmp:
        print(json.dumps({"warm": warm_rows(sample, Path(tmp), repeats),
                          "cold": cold_rows(sample, Path(tmp), repeats, interleaved)}))

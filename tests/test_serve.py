"""`canvas serve` and `canvas watch` as a user runs them: a real server in a subprocess, a real
headless Chromium (Debian's, driven by Playwright) that must reload by itself after a save and
show a mistake in the page; addresses that must not reach any file; Host headers of other sites;
Ctrl-C leaving nothing behind."""
from __future__ import annotations

import http.client
import io
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import ROOT

SAMPLE = ROOT / "samples" / "music-streaming-en.yaml"
SAMPLE_FA = ROOT / "samples" / "bank-fa.yaml"
TITLE = "Spotify business model"
SECRET = "not-for-the-web-7f3a"  # in a file beside the model: no URL may return it


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def save(path: Path, text: str) -> None:
    """As an editor that writes a new file and renames it over the old one (vim, most IDEs)."""
    temp = path.with_name(f".{path.name}.swp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def wait_for(predicate, timeout: float = 30.0, what: str = "") -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what or predicate}")


class Lines:
    """A child's output lines, read by a thread (so a full pipe never stops the child)."""

    def __init__(self, stream):
        self.lines: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            self.lines.append(line.rstrip("\n"))

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@contextmanager
def canvas_process(args, cwd: Path, tmp: Path):
    """`python -m canvas ARGS` in `cwd` with its own empty TMPDIR; stopped with SIGINT at the end."""
    env = {**os.environ, "TMPDIR": str(tmp), "LANG": "C.UTF-8", "PYTHONUNBUFFERED": "1"}
    env.pop("CANVAS_LANG", None)
    proc = subprocess.Popen([sys.executable, "-m", "canvas", *map(str, args)], cwd=cwd, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = Lines(proc.stdout), Lines(proc.stderr)
    try:
        yield proc, out, err
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                raise AssertionError(f"canvas {args[0]} did not stop on SIGINT") from None
            assert proc.returncode == 0, err.text


@contextmanager
def served(model: Path, tmp: Path, *extra):
    """A `canvas serve` of `model` on a free port: yields (url, port, process, stdout, stderr)."""
    port = free_port()
    with canvas_process(["serve", model.name, "--port", port, *extra], model.parent, tmp) as (proc, out, err):
        wait_for(lambda: "http://" in out.text or proc.poll() is not None, 60, "the server to start")
        assert proc.poll() is None, err.text
        yield f"http://127.0.0.1:{port}/", port, proc, out, err


def request(port: int, path: str, host: str | None = "default", method: str = "GET") -> tuple[int, dict, bytes]:
    """One request with `path` sent exactly as given and the Host header given (None: none at all)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    if host is not None:
        conn.putheader("Host", f"127.0.0.1:{port}" if host == "default" else host)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), body


def raw(port: int, data: bytes) -> bytes:
    """Bytes as a client could send them (an absolute-form target, HTTP/1.0 without Host)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(data)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.fixture
def folder(tmp_path) -> Path:
    """A model's folder: the model, a file that is not for the web, a link to it and to /etc/passwd."""
    root = tmp_path / "work"
    root.mkdir()
    (root / "model.yaml").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "secret.txt").write_text(SECRET, encoding="utf-8")
    (root / "link").symlink_to(root / "secret.txt")
    (root / "passwd").symlink_to("/etc/passwd")
    (tmp_path / "tmp").mkdir()
    return root


def chromium_page(playwright):
    from browser import chromium

    binary = chromium()
    if binary is None:  # a failure, not a skip: `make test` installs it through .ci/sysdeps.sh
        pytest.fail("chromium not found: run `make sysdeps` (.ci/sysdeps.sh installs Debian's chromium)",
                    pytrace=False)
    browser = playwright.chromium.launch(
        executable_path=binary,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--no-first-run"])
    return browser, browser.new_page(viewport={"width": 1100, "height": 900})


def test_the_open_tab_follows_saves_and_shows_a_mistake_in_place(folder, tmp_path):
    from playwright.sync_api import sync_playwright

    model = folder / "model.yaml"
    text = model.read_text(encoding="utf-8")
    with served(model, tmp_path / "tmp") as (url, port, proc, out, err), sync_playwright() as p:
        browser, page = chromium_page(p)
        try:
            page.goto(url)
            assert TITLE in page.inner_text("body")
            loads = []
            page.on("load", lambda: loads.append(page.url))

            # a save: the tab shows the new title by itself (nobody calls page.reload)
            save(model, text.replace(f"title: {TITLE}", "title: Streaming after the edit"))
            page.wait_for_function("() => document.body.innerText.includes('Streaming after the edit')", timeout=30000)
            assert loads, "the page changed without reloading itself"
            assert TITLE not in page.inner_text("h1")

            # a mistake: the located message as `canvas build` prints it, the line quoted, the last
            # good report still below it
            broken = text.replace("title: Spotify business model", "title: Streaming after the edit").replace(
                "  author: canvas sample", "  authr: <b>canvas</b> sample")
            save(model, broken)
            page.wait_for_selector("#canvas-problems", timeout=30000)
            problems = page.inner_text("#canvas-problems")
            assert "model.yaml:8:3: unknown key 'authr' — did you mean 'author'?" in problems
            assert "authr: <b>canvas</b> sample" in problems  # the line quoted, as text (not bold)
            assert page.locator("#canvas-problems b").count() == 0
            assert "Streaming after the edit" in page.inner_text("h1")

            # the fix brings the report back, without the problems
            save(model, text.replace(f"title: {TITLE}", "title: Fixed and back"))
            page.wait_for_function("() => document.body.innerText.includes('Fixed and back')", timeout=30000)
            assert page.locator("#canvas-problems").count() == 0
            assert page.locator("#canvas-serve a[href='/report.pdf']").count() == 1
        finally:
            browser.close()
        assert proc.poll() is None


TRAVERSALS = ["/model.yaml", "/secret.txt", "/link", "/passwd", "/../model.yaml", "/../../../../etc/passwd",
              "/%2e%2e/model.yaml", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2fmodel.yaml", "/%2E%2E%2Fsecret.txt",
              "/..\\model.yaml", "/%5c..%5csecret.txt", "/..%5c..%5cetc%5cpasswd", "//etc/passwd",
              "/etc/passwd", f"/{'%2e' * 2}%2f{'%2e' * 2}%2fetc%2fpasswd", "/report.pdf/../secret.txt",
              "/./secret.txt", "/report.pdf%00.yaml", "/report.pdf/", "/REPORT.PDF", "/events/../secret.txt",
              "/%252e%252e/secret.txt", "/.%2e/secret.txt", "\\secret.txt", "model.yaml", "*"]


def test_no_address_reaches_a_file_and_other_hosts_are_refused(folder, tmp_path):
    with served(folder / "model.yaml", tmp_path / "tmp") as (url, port, proc, out, err):
        status, headers, body = request(port, "/")
        assert status == 200 and TITLE.encode() in body
        assert "script-src 'nonce-" in headers["Content-Security-Policy"]
        passwd = Path("/etc/passwd").read_bytes()[:20]
        for path in TRAVERSALS:
            status, _, body = request(port, path)
            assert status in (400, 404), (path, status)
            assert SECRET.encode() not in body and b"meta:" not in body and passwd not in body, path
        for target in (b"http://127.0.0.1:%d/secret.txt" % port, b"file:///etc/passwd", b"/../secret.txt"):
            answer = raw(port, b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port)
            assert answer.split(b" ", 2)[1] in (b"400", b"404"), (target, answer[:80])
            assert SECRET.encode() not in answer and passwd not in answer
        assert request(port, "/secret.txt", method="POST")[0] in (404, 405, 501)

        # DNS rebinding: a page of another site whose name now points here sends its own Host
        for host in ("localhost", f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}", f"LOCALHOST:{port}"):
            assert request(port, "/", host=host)[0] == (200 if ":" in host else 421), host
        for host in (f"evil.example:{port}", f"127.0.0.1.evil.example:{port}", "127.0.0.1", f"localhost:{port + 1}",
                     f"localhost.:{port}", f"evil.example:{port}, localhost:{port}", ""):
            status, _, body = request(port, "/report.xlsx", host=host)
            assert status == 421 and not body.startswith(b"PK"), host
        assert request(port, "/", host=None)[0] == 421
        assert raw(port, b"GET / HTTP/1.0\r\n\r\n").split(b" ", 2)[1] == b"421"

        # listening on the loopback address only
        listening = [line.split() for line in Path("/proc/net/tcp").read_text().splitlines()[1:]]
        mine = [fields[1] for fields in listening if fields[3] == "0A" and fields[1].endswith(f":{port:04X}")]
        assert mine == [f"0100007F:{port:04X}"]


def test_downloads_come_from_the_warm_process_and_sigint_leaves_nothing(folder, tmp_path):
    from openpyxl import load_workbook
    from pptx import Presentation

    tmp = tmp_path / "tmp"
    before = sorted(p.name for p in folder.iterdir())
    with served(folder / "model.yaml", tmp) as (url, port, proc, out, err):
        status, headers, pdf = request(port, "/report.pdf")
        assert status == 200 and pdf.startswith(b"%PDF") and headers["Content-Type"] == "application/pdf"
        assert headers["Content-Disposition"].startswith('attachment; filename="model.pdf"')
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout
        assert TITLE.encode() in text
        status, _, xlsx = request(port, "/report.xlsx")
        assert status == 200 and load_workbook(io.BytesIO(xlsx)).sheetnames
        status, _, pptx = request(port, "/report.pptx")
        assert status == 200 and len(Presentation(io.BytesIO(pptx)).slides) > 3
        assert request(port, "/report.pdf", method="HEAD")[2] == b""
        # an open event stream, as a tab holds, must not keep the server from stopping
        stream = socket.create_connection(("127.0.0.1", port))
        stream.sendall(b"GET /events HTTP/1.1\r\nHost: localhost:%d\r\n\r\n" % port)
        received = b""
        while b"data: " not in received:
            received += stream.recv(4096) or pytest.fail(f"the event stream closed: {received!r}")
        assert any(tmp.iterdir()), "WeasyPrint keeps its fonts in a temp folder while it runs"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(20) == 0, err.text
        stream.close()
    assert "stopped serving" in err.text and "Traceback" not in err.text
    # nothing left in the temp folder but Jinja's compiled templates (kept between runs on purpose)
    assert [p.name for p in tmp.iterdir() if not p.name.startswith("_jinja2-cache")] == []
    assert sorted(p.name for p in folder.iterdir()) == before


def test_a_persian_model_is_answered_in_persian_and_its_text_escaped(tmp_path):
    root = tmp_path / "work"
    root.mkdir()
    model = root / "model.yaml"
    text = SAMPLE_FA.read_text(encoding="utf-8")
    model.write_text(text.replace("\nmeta:", "\nmeta:\n  <script>alert(1)</script>: x", 1), encoding="utf-8")
    with served(model, tmp_path) as (url, port, proc, out, err):
        assert "نمایش داده می‌شود" in out.text
        status, headers, body = request(port, "/")
        page = body.decode()
        assert status == 200 and 'id="canvas-problems"' in page and 'lang="fa" dir="rtl"' in page
        assert "مدل ایراد دارد" in page  # no good version yet: the problems alone
        assert '<bdi dir="ltr">model.yaml:5:3</bdi>: ' in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
        assert request(port, "/report.pdf")[0] == 409
        save(model, text)
        wait_for(lambda: 'id="canvas-problems"' not in request(port, "/")[2].decode(), 30, "the fix")
        assert "مدل کسب‌وکار بانک آینده‌نگر" in request(port, "/")[2].decode()


def test_another_host_is_warned_about_and_a_busy_port_is_a_message(tmp_path):
    model = tmp_path / "model.yaml"
    model.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "canvas", "serve", str(model), "--host", "0.0.0.0",
                               "--port", str(port)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "warning: with --host 0.0.0.0 anyone who can reach" in done.stderr
    assert f"cannot listen on 0.0.0.0:{port}" in done.stderr and "Traceback" not in done.stderr


def test_watch_rebuilds_on_save_and_keeps_the_last_good_outputs(folder, tmp_path):
    model = folder / "model.yaml"
    text = model.read_text(encoding="utf-8")
    out_dir = tmp_path / "out"
    html, pdf = out_dir / "model.html", out_dir / "model.pdf"
    with canvas_process(["watch", "model.yaml", "-o", out_dir, "--no-xlsx"], folder, tmp_path / "tmp") as (
            proc, out, err):
        wait_for(lambda: "watching" in out.text or proc.poll() is not None, 60, "the first build")
        assert proc.poll() is None, err.text
        assert html.exists() and pdf.exists() and not (out_dir / "model.xlsx").exists()
        save(model, text.replace(f"title: {TITLE}", "title: Watched edit"))
        wait_for(lambda: html.exists() and "Watched edit" in html.read_text(encoding="utf-8"), 60, "the rebuild")
        wait_for(lambda: out.text.count(f"wrote {pdf}") >= 2, 30, "the PDF")
        good = html.read_bytes(), pdf.read_bytes()
        save(model, text.replace("  author: canvas sample", "  authr: canvas sample"))
        wait_for(lambda: "not built" in err.text, 60, "the error")
        assert "model.yaml:8:3: unknown key 'authr'" in err.text
        assert (html.read_bytes(), pdf.read_bytes()) == good
        save(model, text.replace(f"title: {TITLE}", "title: Watched fix"))
        wait_for(lambda: "Watched fix" in html.read_text(encoding="utf-8"), 60, "the fix")
        proc.send_signal(signal.SIGINT)
        assert proc.wait(20) == 0, err.text
    assert "Traceback" not in err.text
    assert sorted(p.name for p in out_dir.iterdir()) == ["model.html", "model.pdf"]  # no temp files
    # nor the fonts' folder a build's PDF worker made (one per build once piled up in the temp folder)
    assert [p.name for p in (tmp_path / "tmp").iterdir() if not p.name.startswith("_jinja2-cache")] == []


def test_the_brand_file_its_logo_and_the_templates_folder_are_followed_too(folder, tmp_path):
    """Not only the YAML: a save of the brand file, of its logo, or a template added to the
    --templates folder renders the page again."""
    brand_dir = tmp_path / "brand"
    (brand_dir / "img").mkdir(parents=True)
    logo = brand_dir / "img" / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" '
                    'fill="#111111"/></svg>', encoding="utf-8")
    brand = brand_dir / "brand.yaml"
    brand.write_text("primary: '#123456'\nfooter: First footer\nlogo: img/logo.svg\n", encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    with served(folder / "model.yaml", tmp_path / "tmp", "--brand", brand, "--templates", templates) as (
            url, port, proc, out, err):
        page = lambda: request(port, "/")[2].decode()  # noqa: E731
        assert "First footer" in page() and "#123456" in page()
        save(brand, brand.read_text(encoding="utf-8").replace("First footer", "Second footer"))
        wait_for(lambda: "Second footer" in page(), 30, "the brand file")
        before = page()
        save(logo, logo.read_text(encoding="utf-8").replace("#111111", "#EE2222"))
        wait_for(lambda: page() != before, 30, "the logo")
        # a template added to the folder (an override of the shipped cover's wrapper)
        (templates / "summary.html.j2").write_text("<p id='own-summary'>Our own summary</p>\n", encoding="utf-8")
        wait_for(lambda: "Our own summary" in page(), 30, "the new template")
        assert 'id="canvas-problems"' not in page()


def test_bound_to_every_address_the_machines_names_and_addresses_are_answered():
    """--host 0.0.0.0 shares the report: a Host header with one of the machine's names or any
    address typed as numbers is answered; a name of another site (DNS rebinding) still is not, nor
    another port; bound to loopback, only the loopback names are."""
    from canvas.serve import allowed_hosts, host_allowed

    every = allowed_hosts(8124, "0.0.0.0")
    assert host_allowed("192.0.2.2:8124", every, True) and host_allowed("[2001:db8::1]:8124", every, True)
    assert host_allowed(f"{socket.gethostname().lower()}:8124", every, True)
    assert not host_allowed("rebind.example.com:8124", every, True)
    assert not host_allowed("192.0.2.2:9999", every, True)
    loopback = allowed_hosts(8124)
    assert host_allowed("localhost:8124", loopback, False) and not host_allowed("192.0.2.2:8124", loopback, False)

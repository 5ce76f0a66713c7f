"""`canvas serve`: the HTML report on a local web server, rendered again on every save, the open
tab reloading itself; downloads of the PDF, workbook and deck rendered by the same warm process.

The standard library's ThreadingHTTPServer serves it: nothing to install, nothing more to import
at start-up (a few milliseconds), one thread per connection (each open tab holds one for its
event stream). What it serves is a fixed list of addresses (ROUTES), never a file by its path:
no URL reaches the model's folder or anything else on disk. Requests are accepted only with a
Host header naming this server (localhost, 127.0.0.1 or [::1] and the port, or the --host given),
so a web page elsewhere cannot read the report through DNS rebinding.
"""
from __future__ import annotations

import html
import ipaddress
import re
import secrets
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, urlsplit

from .live import DOWNLOADS, Preview, problems_html
from .watching import Watch

LOOPBACK = ("localhost", "127.0.0.1", "[::1]")
KEEP_ALIVE = 15.0  # seconds between comments on an idle event stream (proxies and browsers close silent ones)
ROUTES = {"/": "page", "/events": "events", **{f"/report.{fmt}": fmt for fmt in DOWNLOADS}}

# Injected before </body>: reload when the server says the report changed (EventSource reconnects
# by itself while the server restarts; a new server has a new version, so the page reloads then too).
RELOAD = """<script nonce="{nonce}">(() => {{
  const shown = "{version}", events = new EventSource("/events");
  events.onmessage = e => {{ if (e.data !== shown) {{ events.close(); location.reload(); }} }};
}})();</script>"""

_LINKS = ("all:initial;position:fixed;z-index:2147483647;bottom:10px;inset-inline-end:10px;padding:.35em .7em;"
          "background:#fffffff0;border:1px solid #bbb;border-radius:6px;font:13px/1.4 Vazirmatn,system-ui,sans-serif;"
          "color:#222;box-shadow:0 1px 4px #0002")
_BODY = re.compile(rb"<body\b[^>]*>", re.I)


def allowed_hosts(port: int, host: str | None = None) -> frozenset[str]:
    """Host header values this server answers: the loopback names with the port, and `host`. Bound
    to every address (--host 0.0.0.0 or ::), also this machine's names and any address literal: a
    DNS-rebinding page reaches it by a name of the attacker's, which is still refused."""
    names = list(LOOPBACK)
    if host:
        names.append(f"[{host}]" if ":" in host and not host.startswith("[") else host)
        if is_wildcard(host):
            names += [n for n in {socket.gethostname(), socket.getfqdn()} if n]
    return frozenset(f"{name}:{port}".lower() for name in names)


def is_wildcard(host: str) -> bool:
    return host.strip("[]") in ("0.0.0.0", "::")


def host_allowed(header: str, hosts: frozenset[str], wildcard: bool) -> bool:
    """Whether a request's Host header names this server."""
    if header in hosts:
        return True
    if not wildcard:
        return False
    name, _, port = header.rpartition(":")
    if not any(h.endswith(f":{port}") for h in hosts):
        return False
    try:
        ipaddress.ip_address(name.strip("[]"))
        return True
    except ValueError:
        return False


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def page(preview: Preview, nonce: str) -> bytes:
    """The last good report with the problems above it (if any), the download links and the
    reloading script; a short page of problems when no version was good yet."""
    from .messages import say

    with preview._changed:
        report, version = preview.report, preview.version
        problems = problems_html(preview) if preview.problems else ""
        lang = preview.problem_lang
    reload = RELOAD.format(nonce=nonce, version=version).encode()
    if report is None:
        direction = "rtl" if lang == "fa" else "ltr"
        return (f'<!DOCTYPE html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">'
                f'<title>{html.escape(preview.name)}</title></head><body>{problems}').encode() + reload + b"</body></html>"
    links = " ".join(f'<a href="/report.{fmt}" download style="all:revert">{label}</a>'
                     for fmt, label in (("pdf", "PDF"), ("xlsx", "Excel"), ("pptx", "PowerPoint")))
    nav = (f'<nav id="canvas-serve" lang="{lang}" dir="{"rtl" if lang == "fa" else "ltr"}" style="{_LINKS}">'
           f'{html.escape(say("serve_download", lang))} {links}</nav>'
           '<style>@media print { #canvas-serve, #canvas-problems { display: none !important } }</style>')
    body = _BODY.search(report)
    at = body.end() if body else 0
    end = report.rfind(b"</body>")
    end = end if end >= at else len(report)
    return report[:at] + problems.encode() + report[at:end] + nav.encode() + reload + report[end:]


class Handler(BaseHTTPRequestHandler):
    server: "Server"

    def version_string(self) -> str:
        return "canvas"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # a request per reload is noise in the terminal the user started canvas in

    def do_HEAD(self):
        self._answer(head=True)

    def do_GET(self):
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        if not host_allowed((self.headers.get("Host") or "").strip().lower(), self.server.hosts, self.server.wildcard):
            return self._plain(HTTPStatus.MISDIRECTED_REQUEST, "unknown host: open the address canvas printed", head)
        target = urlsplit(self.path)
        what = ROUTES.get(target.path) if self.path.startswith("/") and not self.path.startswith("//") else None
        if what is None:
            return self._plain(HTTPStatus.NOT_FOUND, "not found", head)
        if what == "page":
            nonce = secrets.token_urlsafe(16)
            return self._send(HTTPStatus.OK, "text/html; charset=utf-8", page(self.server.preview, nonce), head,
                              csp=nonce)
        if what == "events":
            return self._events(head)
        data = self.server.preview.download(what)
        if data is None:
            from .messages import say

            return self._plain(HTTPStatus.CONFLICT, say("serve_no_report", self.server.preview.problem_lang), head)
        name = f"{self.server.preview.name}.{what}"
        fallback = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_").replace("\\", "_")
        self._send(HTTPStatus.OK, DOWNLOADS[what], data, head,
                   disposition=f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}")

    def _plain(self, status: HTTPStatus, text: str, head: bool) -> None:
        self._send(status, "text/plain; charset=utf-8", (text + "\n").encode(), head)

    def _send(self, status, kind: str, data: bytes, head: bool, *, csp: str | None = None,
              disposition: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        # the report may show pictures and fonts of its own (data: URIs) and run the one script
        # canvas put in; nothing is fetched from anywhere, and no other site may frame it
        script = f"'nonce-{csp}'" if csp else "'none'"
        self.send_header("Content-Security-Policy",
                         f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
                         f"script-src {script}; connect-src 'self'; base-uri 'none'; form-action 'none'; "
                         f"frame-ancestors 'none'")
        if disposition:
            self.send_header("Content-Disposition", disposition)
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _events(self, head: bool) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if head:
            return
        preview, seen = self.server.preview, None
        try:
            while not preview.closed:
                version = preview.wait(seen, KEEP_ALIVE)
                if preview.closed:
                    return
                self.wfile.write(f"data: {version}\n\n".encode() if version != seen else b": still here\n\n")
                self.wfile.flush()
                seen = version
        except OSError:  # the tab closed or reloaded
            return


class Server(ThreadingHTTPServer):
    daemon_threads = True       # an open event stream never holds up the end
    block_on_close = False
    allow_reuse_address = True  # restarting on the same port at once works

    def __init__(self, address: tuple[str, int], preview: Preview, hosts: frozenset[str]):
        self.preview, self.hosts = preview, hosts
        self.wildcard = is_wildcard(address[0])
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)


def serve(preview: Preview, host: str = "127.0.0.1", port: int = 8000, *, explicit_host: bool = False,
          ready=None) -> None:
    """Show `preview` at http://host:port/ until SIGINT or SIGTERM (raised as KeyboardInterrupt,
    see stopping.py); `ready(url)` is called once it listens. Nothing is written to disk."""
    watch = Watch(preview.inputs)  # from now on, no save is missed
    preview.refresh()
    server = Server((host.strip("[]"), port), preview,
                    allowed_hosts(port, host if explicit_host else None))
    port = server.server_address[1]
    server.hosts = allowed_hosts(port, host if explicit_host else None)  # --port 0: the port given
    threads = [threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True,
                                name="canvas-serve"),
               threading.Thread(target=_follow, args=(watch, preview), daemon=True, name="canvas-watch"),
               threading.Thread(target=_warm, args=(preview,), daemon=True, name="canvas-warm")]
    for thread in threads:
        thread.start()
    # bound to every address: the machine's own name opens it from elsewhere (0.0.0.0 would not)
    shown = socket.gethostname() if is_wildcard(host) else f"[{host.strip('[]')}]" if ":" in host else host
    if ready is not None:
        ready(f"http://{shown}:{port}/")
    try:
        # the signal handler raises here; short waits, because the signal may be delivered to
        # another thread (the server's, the watcher's), and then only wakes this one at a timeout
        while not watch.stop.wait(0.2):
            pass
    finally:
        watch.stop.set()
        preview.close()
        server.shutdown()
        server.server_close()


def _follow(watch: Watch, preview: Preview) -> None:
    while not watch.stop.is_set():
        try:
            for _changed in watch.changes():
                preview.refresh()
        except KeyboardInterrupt:  # the main thread is stopping too (stopping.check)
            return
        except Exception:  # noqa: BLE001 - a watched folder vanished: watch what is there again
            watch.stop.wait(0.5)


def _warm(preview: Preview) -> None:
    try:
        preview.warm()
    except Exception:  # noqa: BLE001 - only a head start; a real download reports its own error
        pass

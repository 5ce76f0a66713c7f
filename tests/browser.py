"""The HTML report in a real browser: headless Chromium lays out a copy of the file at a viewport width
and a script injected into the copy reports what overflows; the result comes back in the dumped DOM."""
from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from lxml import html as lxml_html

RESULT_ID = "screen-measurements"

# Injected into the report: once it has loaded and its fonts are ready, the page's widths and every
# visible element or text that reaches past the viewport's left or right edge, unless a scrolling box
# (overflow-x auto or scroll) between it and the page holds it; posted to the frame around it.
SCRIPT = """<script>
addEventListener("load", () => document.fonts.ready.then(() => {
  const root = document.documentElement, width = root.clientWidth;
  const scrolls = el => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const held = el => { for (let p = el.parentElement; p && p !== root; p = p.parentElement)
                         if (scrolls(p)) return true; return false; };
  const overflowing = [], out = r => r.width && r.height && (r.right > width + 0.5 || r.left < -0.5);
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (out(r) && !held(el))
      overflowing.push({tag: el.tagName.toLowerCase(), id: el.id, class: el.getAttribute("class"),
                        left: Math.round(r.left), right: Math.round(r.right)});
  }
  // text spilling out of a box that itself fits (a long word in a narrow cell)
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let t; (t = texts.nextNode());) {
    range.selectNodeContents(t);
    const r = range.getBoundingClientRect();
    if (t.data.trim() && out(r) && !held(t))
      overflowing.push({tag: "#text", text: t.data.trim().slice(0, 40),
                        class: t.parentElement.getAttribute("class"),
                        left: Math.round(r.left), right: Math.round(r.right)});
  }
  const found = {innerWidth, clientWidth: width, scrollWidth: root.scrollWidth,
                 overflowing: overflowing.slice(0, 20), fonts: document.fonts.status};
  // where the running footer sits (below every section?), the completeness bars' widths, and
  // whether quotes are slanted
  const footer = document.querySelector(".running-footer");
  const parts = [...document.body.children].filter(e => e !== footer && e.tagName !== "SCRIPT");
  found.footerBelow = footer ? parts.every(e => footer.getBoundingClientRect().top >= e.getBoundingClientRect().bottom - 1) : null;
  found.bars = [...document.querySelectorAll("table.scores .track")].map(e => Math.round(e.getBoundingClientRect().width));
  found.quotes = [...document.querySelectorAll("blockquote")].map(e => getComputedStyle(e).fontStyle);
  parent.postMessage(JSON.stringify(found), "*");
}));
</script>"""

# Chromium's window is never narrower than 500 px, so the report is laid out in an iframe of the
# width asked for (its own viewport: media queries follow it); the frame writes what the report
# posts into an element that --dump-dom prints.
FRAME = """<!DOCTYPE html><html><body style="margin:0">
<iframe src="report.html" style="display:block;border:0;width:{width}px;height:{height}px"></iframe>
<script>addEventListener("message", e => {{
  const out = document.createElement("pre");
  out.id = "{id}"; out.textContent = e.data; document.body.append(out);
}});</script></body></html>"""


def chromium() -> str | None:
    """The Chromium binary (.ci/sysdeps.sh installs Debian's `chromium`), or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def measure(html_file: Path, width: int, height: int = 900) -> dict:
    """{innerWidth, clientWidth, scrollWidth, overflowing: [{tag, id or text, class, left, right}], fonts}
    of `html_file` laid out in a `width` x `height` viewport."""
    binary = chromium()
    if binary is None:
        raise RuntimeError("chromium not found: install it (make sysdeps, or apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="canvas-browser-") as tmp:
        text = html_file.read_text(encoding="utf-8")
        at = text.rindex("</body>")
        (Path(tmp) / "report.html").write_text(text[:at] + SCRIPT + text[at:], encoding="utf-8")
        frame = Path(tmp) / "frame.html"
        frame.write_text(FRAME.format(width=width, height=height, id=RESULT_ID), encoding="utf-8")
        done = subprocess.run(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--user-data-dir={tmp}/profile", f"--window-size={width},{height}",
             "--virtual-time-budget=5000", "--dump-dom", frame.as_uri()],
            capture_output=True, text=True, timeout=120)
    found = lxml_html.fromstring(done.stdout or "<html></html>").xpath(f'//*[@id="{RESULT_ID}"]')
    if not found:
        raise RuntimeError(f"no measurements from chromium (exit {done.returncode}): {done.stderr[-2000:]}")
    return json.loads(found[0].text_content())

"""`canvas watch`: build the chosen outputs of each model now and again after every save of a file
it is made from (the YAML, brand file, logo, photos, templates, deck template).

Each build is `builder.build`, the one `canvas build` runs: nothing is written unless every output
rendered, so after a mistake the last good outputs stay as they were. The renderers are loaded
once (`warm_up`) before the first build; the PDF worker a build forks starts from this warm process.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from .errors import CanvasError
from .watching import Inputs, Watch


class Followed:
    """One model and the files its last build read."""

    def __init__(self, path: str, brand: str | None, template_dir: str | None, pptx_template: str | None):
        self.path = Path(path)
        self.fixed = Inputs.of([p for p in (path, brand, pptx_template) if p],
                               [template_dir] if template_dir else [])
        self.images: Inputs = Inputs()

    def inputs(self) -> Inputs:
        return self.fixed | self.images

    def build(self, options: dict, tell: Callable[[str], None], fail: Callable) -> bool:
        from .builder import build
        from .loader import load, load_brand
        from .messages import for_file, say

        spoken = for_file(self.path)
        try:
            if options.get("template_dir"):
                from .render.html import check_templates, templates_added

                check_templates(options["template_dir"])  # before the listing is read (a pipe, a device)
                templates_added(options["template_dir"])
            model = load(self.path)
            base = Path(model._base_dir or self.path.parent)
            images = [base / p for p in [model.brand.logo if model.brand else None,
                                         *(persona.photo for persona in model.personas)] if p]
            if options.get("brand"):
                brand, folder = load_brand(options["brand"])
                images += [folder / brand.logo] if brand.logo else []
            self.images = Inputs.of(images)
            written = build(model, name=self.path.stem, **options)
        except CanvasError as e:
            fail(e, str(self.path))
            fail(say("watch_failed", spoken))
            return False
        for path in written:
            tell(say("wrote", spoken, path=path))
        return True


def follow(files, *, tell: Callable[[str], None], fail: Callable, started: Callable[[], None], **options) -> None:
    """Build every file, then each again when a file it is made from changes, until Ctrl-C
    (KeyboardInterrupt). `tell` gets each 'wrote' line, `fail` each error."""
    from .render import warm_up

    options["template_dir"] = str(options["template_dir"]) if options.get("template_dir") else None
    for fmt in options["formats"]:  # imports, fonts and templates once, for every build after
        if fmt in ("xlsx", "pdf", "pptx"):
            warm_up(fmt, options["template_dir"] if fmt == "pdf" else None)
    followed = [Followed(f, options.get("brand"), options["template_dir"], options.get("pptx_template"))
                for f in dict.fromkeys(files)]
    watch = Watch(lambda: _union(item.inputs() for item in followed))  # from now on, no save is missed
    for item in followed:
        item.build(options, tell, fail)
    started()
    for changed in watch.changes():
        for item in followed:
            if any(item.inputs().holds(path) for path in changed):
                item.build(options, tell, fail)


def _union(parts) -> Inputs:
    total = Inputs()
    for part in parts:
        total = total | part
    return total

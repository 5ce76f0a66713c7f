"""A model with every field filled, made by walking the pydantic model: a field added later is
filled (and so round-trip tested) without touching this file. Texts are distinct and given in
both languages; references point at real entries (the places are canvas.blocks.REFERENCES)."""
from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from canvas.blocks import COLLECTIONS, NESTED, REFERENCES
from canvas.fields import Date, Text
from canvas.model import BusinessModel
from canvas.schema import field_bounds, inner_model
from canvas.vocab import ids

ENTRIES = 2  # entries of every list
_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
# A 1x1 PNG, for the brand logo.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"  # 1x1, teal
                    "0000000d49444154789c63e02b99f01f0003b802128be3f9790000000049454e44ae426082")


class Filler:
    def __init__(self, language: str):
        self.language = language
        self.n = 0

    def count(self, path: tuple) -> int:
        """How many entries the list at `path` gets."""
        return ENTRIES

    def text(self, path: tuple) -> dict[str, str]:
        self.n += 1
        where = ".".join(str(p) for p in path if not isinstance(p, int))
        return {"fa": f"متن {str(self.n).translate(_PERSIAN)} در {where}", "en": f"Text {self.n} of {where}"}

    def value(self, annotation: Any, path: tuple, info: FieldInfo | None = None) -> Any:
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        name = next((p for p in reversed(path) if isinstance(p, str)), "")
        if origin is typing.Annotated:
            return self.value(args[0], path, _merged(info, args[1:]))
        if origin is typing.Union:
            return self.value(next(a for a in args if a is not type(None)), path, info)
        if origin is typing.Literal:
            return args[1 % len(args)]  # not the first: a default would hide a lost value
        if origin is list:
            if typing.get_origin(args[0]) is typing.Literal:  # a set of vocabulary ids, in their order
                return list(typing.get_args(args[0]))[:2]
            return [self.value(args[0], path + (i,)) for i in range(self.count(path))]
        if origin is dict:
            return {f"@key{i}": self.value(args[1], path + (f"@key{i}",)) for i in range(self.count(path))}
        if annotation is Text:
            return self.text(path)
        if annotation is Date:
            return "1403/07/15" if self.language == "fa" else "2024-10-06"
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return {k: self.value(f.annotation, path + (k,), f) for k, f in annotation.model_fields.items()}
        low, high = field_bounds(info)
        if annotation is int:
            self.n += 1
            if low is not None and high is not None:
                return low + self.n % (high - low + 1)
            return 1_000 + self.n if low is None else low + 1_000 * self.n
        if annotation is float:
            return 12.5
        if annotation is bool:
            return True  # not None, so a lost value shows; the report keeps its health section
        if annotation is str:
            if name in ("logo", "photo"):
                return "logo.png"
            if "ignore" in path:
                return "C902"  # a check code: the only values `checks.ignore` takes
            pattern = _pattern(info)
            if pattern and pattern.startswith("^#"):
                return "#2A6F97" if name == "primary" else "#C05621"
            return f"@{name}"  # an id or reference, given its value by `full_model`
        raise TypeError(f"modelgen cannot fill {path}: {annotation!r}; teach it this type")


def _merged(info: FieldInfo | None, extra: tuple) -> FieldInfo:
    metadata = list(getattr(info, "metadata", []))
    for item in extra:
        metadata += item.metadata if isinstance(item, FieldInfo) else [item]
    merged = FieldInfo()
    merged.metadata = metadata
    return merged


def _pattern(info) -> str | None:
    return next((getattr(m, "pattern", None) for m in getattr(info, "metadata", []) if getattr(m, "pattern", None)),
                None)


def _places(data: Any, parts: list[str], path: tuple = ()):
    """(path, parent, key) of every place a REFERENCES pattern names."""
    head, rest = parts[0], parts[1:]
    if head == "*" and isinstance(data, list):
        for i, item in enumerate(data):
            yield from (_places(item, rest, path + (i,)) if rest else [(path + (i,), data, i)])
    elif head == "{}" and isinstance(data, dict):
        for key in list(data):
            yield path + (key,), data, key
    elif isinstance(data, dict) and head in data:
        yield from (_places(data[head], rest, path + (head,)) if rest else [(path + (head,), data, head)])


def full_model(language: str = "fa", filler: Filler | None = None) -> dict[str, Any]:
    """Plain data of a model with every field filled, valid, in both languages (`filler` chooses
    the texts and how many entries each list gets)."""
    data = (filler or Filler(language)).value(BusinessModel, ())
    data["version"], data["meta"]["language"] = 1, language
    for collection in COLLECTIONS:  # ids: the collection's initial and a number
        for i, entry in enumerate(data.get(collection, [])):
            entry["id"] = f"{collection[0]}{collection.split('_')[-1][:2]}{i + 1}"
    for funnel in [data["funnel"], *data.get("funnels", [])]:
        for i, stage in enumerate(funnel["stages"]):
            stage["stage"] = list(ids("funnel_stages"))[i]
            stage["count"] = 10_000 // (i + 1)
    known = {c: [e["id"] for e in data.get(c, [])] for c in COLLECTIONS}
    for collection, where in NESTED.items():  # ids unique over the model: pa1, pa2, pa3...
        entries = [parent[key] for _, parent, key in _places(data, where.split(".") + ["*"])]
        for i, entry in enumerate(entries):
            entry["id"] = f"{collection[:2]}{i + 1}"
        known[collection] = [e["id"] for e in entries]
    stages = list(ids("journey_stages")) + [c["id"] for c in data["custom_stages"]]
    known["journey_stages"] = stages
    known["funnel_stages"] = [s["stage"] for s in data["funnel"]["stages"]]
    # a named funnel's stages are named FUNNEL.STAGE: the last journey stages name them
    known["funnel_stages"] += [f"{f['id']}.{s['stage']}" for f in data.get("funnels", []) for s in f["stages"]]
    for pattern, collection in REFERENCES:
        for n, (path, parent, key) in enumerate(_places(data, pattern.split("."))):
            choice = known[collection][(n + (collection == "journey_stages")) % len(known[collection])]
            if pattern.endswith("{}"):
                parent[choice] = parent.pop(key)
            else:
                parent[key] = choice
    for journey in data["journeys"]:  # its stages each once; its segment is its persona's
        journey["stages"] = [dict(s, stage=stages[i]) for i, s in enumerate(journey["stages"])]
        journey["segment"] = next(p["segment"] for p in data["personas"] if p["id"] == journey["persona"])
    # journeys compared: each names the next under `of` (the last the first), never itself
    for i, journey in enumerate(data["journeys"]):
        if len(data["journeys"]) > 1:
            journey["of"] = data["journeys"][(i + 1) % len(data["journeys"])]["id"]
        else:  # one journey is compared with none
            journey.pop("of", None)
    for journey in data["journeys"]:  # a built-in metric and one of one's own (both named)
        for stage in journey["stages"]:
            for n, metric in enumerate(stage.get("metrics", [])):
                metric["metric"] = ("nps", f"own_metric{n}")[n % 2]
    # one of each kind of touchpoint: a channel's id (shown as its name), free text
    data["journeys"][0]["stages"][0]["touchpoints"][0] = data["channels"][0]["id"]
    return data


def write_model(folder: Path, language: str = "fa") -> Path:
    """The full model as YAML (with its logo file) in `folder`; returns the YAML's path."""
    from canvas.yaml_out import dumps

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "logo.png").write_bytes(PNG)
    path = folder / f"full-{language}.yaml"
    path.write_text(dumps(full_model(language)), "utf-8")
    return path


def fields_of(model: type = BusinessModel, prefix: str = "") -> list[str]:
    """Every field path of the model (to show what the round trip covered)."""
    out = []
    for name, info in model.model_fields.items():
        inner = inner_model(info.annotation)
        out.append(prefix + name)
        if inner is not None:
            out += fields_of(inner, f"{prefix}{name}.")
    return out

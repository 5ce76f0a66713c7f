"""The journeys' stage metrics (NPS, CSAT, CES, drop-off, one's own): a table of their own, a row
per metric naming its journey and stage, so that deleting or moving a stage's column on a journey
sheet leaves them as they are."""
from __future__ import annotations

from ...vocab import vocabularies
from .. import table
from ..book import Book
from ..kinds import ID, TEXT, Number, Suggested, Vocab, as_text, norm
from ..reader import At, Reader
from ..table import Col, Table
from . import evidence_columns

DECIMAL = Number(whole=False)
TABLE = Table("stage_metrics", "journey_metrics", block="journeys", keys=("journey", "stage"), columns=(
    Col("journey", "journey", TEXT), Col("stage", "stage", TEXT), Col("metric", "metric", Suggested("journey_metrics")),
    Col("metric_value", "value", DECIMAL), Col("metric_target", "target", DECIMAL),
    Col("metric_unit", "unit", TEXT), Col("metric_better", "better", Vocab("metric_better")),
    Col("id", "id", ID), *evidence_columns()))  # its source with its importance and confidence


def journey_name(v, journey) -> str:
    """How a row names its journey: its title when no other journey has it, else its id."""
    titles = [v.t(j.title) for j in v.model.journeys if j.title is not None]
    return v.t(journey.title) if journey.title is not None and titles.count(v.t(journey.title)) == 1 else journey.id


def write(book: Book) -> None:
    v = book.v
    if not v.model.journeys and not v.blank:
        return
    rows = [{"journey": journey_name(v, j), "stage": v.stage_label(s), "metric": v.metric_name(m), "id": m.metric,
             **{k: getattr(m, k) for k in ("value", "target", "unit", "better", "source", "importance", "confidence")}}
            for j in v.model.journeys for s in j.stages for m in s.metrics]
    table.write(book, TABLE, list(TABLE.columns), rows)


def read(rd: Reader) -> None:
    built = [s for j in (rd.built or {}).get("journeys", []) if isinstance(j, dict)
             for s in j.get("stages", []) if isinstance(s, dict) and s.get("metrics")]
    if rd.sheet(TABLE.role, *_titles()) is None and not built:
        return  # a workbook made before this sheet, or of a model without metrics: nothing lost
    found = table.read(rd, TABLE, list(TABLE.columns))
    if found is None:
        return
    journeys = [j for j in rd.data.get("journeys", []) if isinstance(j, dict)]
    # what each journey was called when the workbook was built: a title or stage name changed on
    # the journey's sheet still finds its metrics' rows, which name it as it was
    built = {j.get("id"): j for j in (rd.built or {}).get("journeys", []) if isinstance(j, dict)}
    by_name = {}
    for k, j in enumerate(journeys):
        for name in (j.get("id"), j.get("title"), _text(rd, (built.get(j.get("id")) or {}).get("title"))):
            if isinstance(name, str) and name.strip():
                by_name.setdefault(norm(name), k)
    metric_ids = {norm(n): key for key, ns in vocabularies()["journey_metrics"].items() for n in (key, *ns.values())}
    for r in found.rows:
        data = dict(r.data)
        journey_text, stage_text = data.pop("journey", None), data.pop("stage", None)
        k = by_name.get(norm(journey_text or ""))
        if k is None:
            rd.error(r.places.get(("journey",), At(found.sheet.title, r.row, 1)), "metric_journey",
                     value=journey_text or "", choices=rd.join(str(j.get("title") or j.get("id") or "") for j in journeys))
            rd.refused.add((found.sheet.title, r.row))
            continue
        stages = journeys[k].get("stages", [])
        n = _stage(rd, stages, stage_text, (built.get(journeys[k].get("id")) or {}).get("stages", []))
        if n is None:
            rd.error(r.places.get(("stage",), At(found.sheet.title, r.row, 2)), "metric_stage", value=stage_text or "",
                     choices=rd.join(_shown(rd, s) for s in stages))
            rd.refused.add((found.sheet.title, r.row))
            continue
        label, own = data.pop("metric", None), data.pop("id", None)
        metric = {"metric": own or metric_ids.get(norm(label or ""))}
        builtin = vocabularies()["journey_metrics"].get(metric["metric"] or "", {})
        if label and norm(label) not in {norm(x) for x in (metric["metric"] or "", *builtin.values())}:
            metric["name"] = label  # a name of one's own (a built-in metric's label is its id)
        if metric["metric"] is None:
            del metric["metric"]
        metric.update(data)
        places = {("name",) if path == ("metric",) else ("metric",) if path == ("id",) else path: at
                  for path, at in r.places.items() if path not in (("journey",), ("stage",))}
        metrics = stages[n].setdefault("metrics", [])
        prefix = ("journeys", k, "stages", n, "metrics", len(metrics))
        metrics.append(metric)
        for path, at in places.items():
            rd.where[prefix + path] = str(at)
        rd.where.setdefault(prefix, str(At(found.sheet.title, r.row, 1)))


def _titles() -> tuple[str, ...]:
    from . import titles
    return titles(TABLE.title)


def _names(rd: Reader, stage: dict) -> list[str]:
    """What a stage may be called in a row: this journey's name for it, its id, its name in either
    language (a custom stage's too)."""
    stage_id = stage.get("stage") or ""
    names = [stage.get("label"), stage_id, *vocabularies()["journey_stages"].get(stage_id, {}).values()]
    for custom in rd.data.get("custom_stages", []):
        if custom.get("id") == stage_id:
            name = custom.get("name")
            names += list(name.values()) if isinstance(name, dict) else [name]
    label = stage.get("label")
    names += list(label.values()) if isinstance(label, dict) else []
    return [n for n in names if isinstance(n, str) and n.strip()]


def _shown(rd: Reader, stage: dict) -> str:
    """A stage as the workbook's language names it (for a message)."""
    label, stage_id = stage.get("label"), stage.get("stage") or ""
    if isinstance(label, dict):
        return label.get(rd.lang) or next(iter(label.values()), "")
    if isinstance(label, str):
        return label
    builtin = vocabularies()["journey_stages"].get(stage_id)
    if builtin:
        return builtin[rd.lang]
    return next((n for n in _names(rd, stage) if n != stage_id), stage_id)


def _stage(rd: Reader, stages: list[dict], text: str | None, built: list) -> int | None:
    """The index of the stage `text` names: by what it is called now, else by what it was called
    when the workbook was built (its label renamed since)."""
    folded = norm(text or "")
    for n, stage in enumerate(stages):
        if folded in {norm(name) for name in _names(rd, stage)}:
            return n
    was = next((s.get("stage") for s in built if isinstance(s, dict)
                and folded in {norm(name) for name in _names(rd, s)}), None)
    return next((n for n, stage in enumerate(stages) if was is not None and stage.get("stage") == was), None)


def _text(rd: Reader, value) -> str | None:
    """A Text as the model holds it ({fa, en} or a string) in the workbook's language."""
    if isinstance(value, dict):
        return value.get(rd.lang) or next(iter(value.values()), None)
    return value if isinstance(value, str) else None

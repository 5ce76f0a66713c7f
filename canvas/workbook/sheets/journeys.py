"""A sheet per customer journey: a card (title, goal, id, persona, segment, the journey it is
compared with and its version), then the map: the stages as columns and one row per aspect
(actions, thoughts, emotion, the service blueprint's lanes...), with the emotion scores
colour-coded; the curves of the journeys compared with it; a table of the stages' metrics; and a
chart of the emotion curves."""
from __future__ import annotations

from openpyxl.chart.series import SeriesLabel
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Border, Font, Side
from openpyxl.utils import get_column_letter, quote_sheetname

from ...vocab import vocabularies
from .. import cards
from ..book import Book
from ..cards import Pair, Section
from ..charts import emotion_chart, rows_spanned
from ..kinds import (EMOTION, ID, LINES, TEXT, Computed, Kind, Mark, Ref, Touchpoints, Vocab, as_text, choices_text,
                     norm, plain)
from ..kinds import Text as TextKind
from ..kit import header_row, merge, page_setup, put
from ..reader import At, Reader
from ...view import BLUEPRINT_LINES, JOURNEY_ASPECTS, aspect_label
from . import card_entry, evidence_pairs, give_ids, gone, keep

ROLE = "journey"


class Named(TextKind):
    """A name or id of an entry that is read after the sheet (another journey, a funnel stage):
    read as text here, turned into its id once every sheet is read (`_resolve`)."""

    def __init__(self, guide: str, write):
        self.guide, self._write = guide, write

    def write(self, v, value):
        return self._write(v, value) if value else ""


def _funnel_shown(v, stage_id: str) -> str:
    return v.funnel_ref_name(stage_id)  # a named funnel's stage: 'Active (Drivers)'; else the id


class FunnelFeed(Named):
    """The funnel stage a journey stage feeds: its name (or id), picked from the funnel's stages."""

    def __init__(self):
        super().__init__("funnel_feed", _funnel_shown)

    def guide_params(self, v):
        names = self.names(v)
        return {"sheet": v.label("funnel"), "example": names[min(2, len(names) - 1)]}

    @staticmethod
    def names(v) -> list[str]:
        named = [v.funnel_ref_name(f"{f.id}.{s.stage}") for f in v.model.funnels for s in f.stages if s.stage]
        return ([v.funnel_name(s) for s in v.model.funnel.stages] + named
                or [n for _, n in v.vocab_items("funnel_stages")])

    def validate(self, book, ws, ref):
        book.dropdown(ws, ref, "journey_funnel", self.names(book.v), strict=False)


OF = Named("journey_of", lambda v, value: value)  # the other journey's id (its title is read too)
FUNNEL = FunnelFeed()
CARD = (Section(None, (
    Pair("title", "title", TEXT), Pair("goal", "goal", TEXT), Pair("id", "id", ID),
    Pair("persona", "persona", Ref("personas")), Pair("segment", "segment", Ref("segments")),
    Pair("compared_with", "of", OF), Pair("variant", "variant", Vocab("journey_variants")), *evidence_pairs())),)
# the rows of the map (view.JOURNEY_ASPECTS, the report's order too; the metrics are on a sheet of
# their own, journey_metrics.py) and the kind of their cells
_KINDS = {"emotion": EMOTION, "touchpoints": Touchpoints(), "moment_of_truth": Mark(), "funnel": FUNNEL,
          **{key: TEXT for key in ("label", "owner", "situation", "interaction", "function")}}
ASPECTS = tuple((key, _KINDS.get(key, LINES)) for key in JOURNEY_ASPECTS if key != "metrics")
# rows a workbook made before the service blueprint (and the rest) lacks: not having them loses nothing
LATER = {"label", "moment_of_truth", "evidence", "frontstage", "backstage", "support", "owner", "funnel"}
HEADER = 2 + len(CARD[0].pairs)  # the row of stage names, under the card's rows; the stage's name in this journey under it
assert ASPECTS[0][0] == "label"
COMPUTED = Computed()
ENDS = ("compared_curves",)  # the labels of what follows the map, in column A


class StageName(Kind):
    """A journey stage's name, heading its column: one of the list (custom stages included)."""

    guide = "stage"

    def guide_params(self, v):
        names = stage_names(v)
        return {"choices": choices_text(v, names), "example": names[0]}

    def write(self, v, value):
        return v.stage_name(value)

    def read(self, rd, at, cell):  # the name as typed; _stage finds its id
        return as_text(plain(cell))

    def validate(self, book, ws, ref):
        book.dropdown(ws, ref, "journey_stages", stage_names(book.v))


STAGE = StageName()


def stage_names(v) -> list[str]:
    return [label for _, label in v.vocab_items("journey_stages")] + [v.t(c.name) for c in v.model.custom_stages]
SCORE_FONT, BOLD = Font(sz=14, b=True), Font(bold=True)
LINE = Side(style="mediumDashed", color="1F4E79")  # a service blueprint's line, above the lane it opens


def write(book: Book) -> None:
    v = book.v
    sheets = v.label("journeys")
    placed = {}  # journey id -> (sheet title, emotion row, column of each stage id)
    later = []
    for number, j in enumerate(v.model.journeys, start=1):
        ws = book.sheet(f"{v.label('journey')} - {v.t(j.title) if j.title else v.journey_owner(j) or v.num(number)}")
        book.role(ws, f"{ROLE}_{number}")
        book.output(ws, 1, 1, v.label("journey") if v.blank else v.journey_title(j), font=book.th.title_font,
                    border=False, wrap=False)
        ws.row_dimensions[1].height = 26  # the heading's font, clear of the card below it
        merge(ws, start_row=1, start_column=1, end_row=1, end_column=max(len(j.stages) + 1, 6))  # on the page
        # a row per field, its value across the stage columns: deleting a stage's column loses no field
        assert cards.write(book, ws, CARD, j, row=2, columns=1, span=max(len(j.stages) + 1, 6), sheets=sheets) == HEADER
        put_header = [v.label("stage")] + [""] * len(j.stages)
        header_row(ws, HEADER, put_header, book.th)
        # white on the header colour; dark on a blank's input colour, or it could not be read
        font = BOLD if v.blank else book.th.header_font
        for c, s in enumerate(j.stages, start=2):
            book.entry(ws, HEADER, c, s.stage, STAGE, font=font, fill=book.th.header_fill)
        STAGE.validate(book, ws, f"B{HEADER}:{get_column_letter(max(len(j.stages), 1) + 1)}{HEADER}")
        book.place(STAGE, sheets, v.label('stage'))
        last_col = get_column_letter(len(j.stages) + 1)
        for r, (key, kind) in enumerate(ASPECTS, start=HEADER + 1):
            put(ws, r, 1, v.label(aspect_label(key)), bold=True, fill=book.th.block_fill)
            if v.blank and kind is not EMOTION and kind is not _KINDS["moment_of_truth"]:
                ws.row_dimensions[r].height = 45  # room to write in
            for c, s in enumerate(j.stages, start=2):
                # the name row always holds what the map calls the stage (the chart's categories)
                value = v.stage_label(s) if key == "label" and not v.blank else getattr(s, key)
                book.entry(ws, r, c, value, kind, font=SCORE_FONT if kind is EMOTION else None)
            if j.stages:
                kind.validate(book, ws, f"B{r}:{last_col}{r}")
            book.place(kind, sheets, v.label(aspect_label(key)))
            if key in BLUEPRINT_LINES:  # the blueprint's line above the lane, named in its label's note
                for c in range(1, len(j.stages) + 2):
                    cell = ws.cell(row=r, column=c)
                    cell.border = Border(left=cell.border.left, right=cell.border.right, bottom=cell.border.bottom,
                                         top=LINE)
        row = HEADER + len(ASPECTS)
        emotion_row = HEADER + 1 + [k for k, _ in ASPECTS].index("emotion")
        placed[j.id] = (ws.title, emotion_row, {s.stage: c for c, s in enumerate(j.stages, start=2)})
        group = v.journey_group(j)
        compared = None
        if len(group) > 1 and j.stages:  # the curves compared, filled in once every sheet is placed
            row += 2
            book.output(ws, row, 1, v.label("compared_curves"), bold=True, fill=book.th.block_fill)
            compared = row
            row += len(group) - 1
        later.append((ws, j, group, compared, row))
    for ws, j, group, compared, last in later:
        _finish(book, ws, j, group, compared, placed, last)


def _finish(book: Book, ws, j, group: list, compared: int | None, placed: dict, last_row: int) -> None:
    """Widths, the emotion row's colours, the curves compared, the chart and the print set-up."""
    v = book.v
    stages = len(j.stages)
    ws.freeze_panes = f"B{HEADER + 1}"
    ws.column_dimensions["A"].width = 20
    for c in range(2, max(stages + 1, 6) + 1):
        ws.column_dimensions[get_column_letter(c)].width = 30 if stages <= 6 else 24
    title, emotion_row, _ = placed[j.id]
    if stages:
        emotions = f"B{emotion_row}:{get_column_letter(stages + 1)}{emotion_row}"
        ws.conditional_formatting.add(emotions, ColorScaleRule(
            start_type="num", start_value=-2, start_color="F8696B", mid_type="num", mid_value=0,
            mid_color="FFEB84", end_type="num", end_value=2, end_color="63BE7B"))
        curves = v.curves(j, j.stages)
        rows = [emotion_row]
        if compared is not None:
            for n, other in enumerate(g for g in group if g is not j):
                r = compared + 1 + n
                rows.append(r)
                put(ws, r, 1, curves[n + 1][0], bold=True)  # read as computed: see _aspect_rows
                sheet, row, columns = placed[other.id]
                for c, s in enumerate(j.stages, start=2):
                    col = columns.get(s.stage)
                    # a stage the other journey lacks, or a score not given, is no point (#N/A)
                    formula = (f"=IF(ISNUMBER({quote_sheetname(sheet)}!{get_column_letter(col)}{row}),"
                               f"{quote_sheetname(sheet)}!{get_column_letter(col)}{row},NA())" if col else "=NA()")
                    put(ws, r, c, "", center=True).value = formula
        chart = emotion_chart(ws, rows=rows, first_col=2, last_col=stages + 1,
                              header_row=HEADER if v.blank else HEADER + 1,
                              title=v.label("emotion_curve"), rtl=v.rtl, colour=book.th.accent,
                              names=[name for name, _ in curves] if len(rows) > 1 else None)
        ws.add_chart(chart, f"B{last_row + 2}")
        last_row += 1 + rows_spanned(chart)
    page_setup(ws, landscape=True, title_rows=f"{HEADER}:{HEADER}", last_row=last_row)


def _stage_ids(rd: Reader) -> dict[str, str]:
    """Stage names (either language) and ids -> stage id, custom stages included."""
    out = {}
    for key, names in vocabularies()["journey_stages"].items():
        out.update({norm(key): key, **{norm(n): key for n in names.values()}})
    for c in rd.data.get("custom_stages", []):
        name = c["name"]
        for text in (name.values() if isinstance(name, dict) else [name]):
            out[norm(text)] = c["id"]
        out[norm(c["id"])] = c["id"]
    return out


def read(rd: Reader) -> None:
    stage_ids = _stage_ids(rd)
    entries, seen, later = [], set(), []
    for sheet in rd.numbered(ROLE, "journey"):
        header = next((r for r, cell in sorted(sheet.column(1).items()) if rd.key_of(cell.value) == "stage"), None)
        if header is None:
            rd.error(At(sheet.title, 1, 1), "label_missing", label=rd.label("stage"))
            continue
        rd.claim(sheet, header, 1)
        rows = _aspect_rows(rd, sheet, header)
        if not _touched(rd, sheet, header, rows):
            for r, c in sheet.filled():  # an untouched journey of a blank: ids and stage names only
                rd.claim(sheet, r, c)
            continue
        data, where = cards.read(rd, sheet, CARD, columns=1, first_row=2, last_row=header - 1)
        row = card_entry(rd, sheet, ROLE, "journeys", data, where, seen)
        stages = []
        for col in sorted({c for r in (header, *rows.values()) for c in sheet.row(r) if c > 1}):
            stage, stage_where = _stage(rd, sheet, header, col, rows, stage_ids)
            if stage is not None:
                where.update({("stages", len(stages)) + k: at for k, at in stage_where.items()})
                stages.append(stage)
        data["stages"] = stages
        entries.append(row)
        later.append((data, where))
    keep(rd, "journeys", entries, "j")
    gone(rd, "journeys", seen)
    _resolve(rd, later)


def _resolve(rd: Reader, journeys: list[tuple[dict, dict]]) -> None:
    """The names read where an id belongs, now that every sheet is read: the journey compared with
    (its id or title) and the funnel stages fed (their id or name)."""
    # the id of a journey cleared on its card: an error of its own (id_gone), not to be said twice
    cleared = {norm(j["id"]) for j in (rd.built or {}).get("journeys", []) if isinstance(j, dict)
               and isinstance(j.get("id"), str)} - {norm(d["id"]) for d, _ in journeys if isinstance(d.get("id"), str)}
    ids = {}
    for data, _ in journeys:
        for text in (data.get("id"), data.get("title")):
            if isinstance(text, str) and text.strip():
                ids.setdefault(norm(text), data.get("id"))
    funnel = {}
    for stage in (rd.data.get("funnel") or {}).get("stages", []):
        if not stage.get("stage"):
            continue
        names = [stage["stage"], stage.get("name")] + list(vocabularies()["funnel_stages"].get(stage["stage"], {}).values())
        for name in names:
            if isinstance(name, str):
                funnel.setdefault(norm(name), stage["stage"])
    for f in rd.data.get("funnels") or []:  # a named funnel's stage: FUNNEL.STAGE, or 'Stage (Funnel)'
        for stage in f.get("stages", []):
            if not (stage.get("stage") and isinstance(f.get("id"), str)):
                continue
            ref = f"{f['id']}.{stage['stage']}"
            stage_names = [stage["stage"], stage.get("name")] + list(
                vocabularies()["funnel_stages"].get(stage["stage"], {}).values())
            funnel.setdefault(norm(ref), ref)
            for name in stage_names:
                name_of = f.get("name")
                for funnel_name in [f["id"], *(name_of.values() if isinstance(name_of, dict) else [name_of])]:
                    if isinstance(name, str) and isinstance(funnel_name, str):
                        funnel.setdefault(norm(f"{name} ({funnel_name})"), ref)
    for data, where in journeys:
        if "of" in data:
            found = ids.get(norm(data["of"]))
            if found is None and norm(data["of"]) in cleared:
                del data["of"]
            elif found is None or found == data.get("id"):
                rd.error(where.get(("of",)), "not_journey", value=data.pop("of"),
                         choices=rd.join(t for d, _ in journeys if d is not data
                                         for t in [d.get("title") or d.get("id")] if t))
            else:
                data["of"] = found
        for k, stage in enumerate(data["stages"]):
            if "funnel" in stage:
                found = funnel.get(norm(stage["funnel"]))
                if found is None:
                    rd.error(where.get(("stages", k, "funnel")), "not_funnel_stage", value=stage.pop("funnel"),
                             sheet=rd.label("funnel"))
                else:
                    stage["funnel"] = found


def _touched(rd: Reader, sheet, header: int, rows: dict[str, int]) -> bool:
    """Whether anything was typed into a journey beyond what a blank worksheet pre-fills (its id,
    persona and stage names), or it is a journey of the model the workbook was built from."""
    def typed(key: str, r: int, c: int, cell) -> bool:  # the name row pre-filled with the stage's name is not
        text = as_text(cell.value)
        return bool(text) and not (key == "label" and norm(text) == norm(as_text(sheet.cell(header, c).value) or ""))

    if any(typed(key, r, c, cell) for key, r in rows.items() for c, cell in sheet.row(r).items() if c > 1):
        return True
    card = cards.locate(rd, sheet, CARD, columns=1, first_row=2, last_row=header - 1)
    if any(as_text(sheet.cell(*card[k]).value) for k in ("title", "goal") if k in card):
        return True
    built = {j.get("id") for j in (rd.built or {}).get("journeys", []) if isinstance(j, dict)}
    return "id" not in card or as_text(sheet.cell(*card["id"]).value) in built


def _aspect_rows(rd: Reader, sheet, header: int) -> dict[str, int]:
    """(aspect -> its row, below the stage names; the rows of what follows the map: the curves
    compared). Unknown rows are warned about, missing ones errors (but for the
    rows workbooks made before them lack)."""
    keys = {aspect_label(k): k for k, _ in ASPECTS}
    rows = {}
    for r in sheet.rows(header + 1):
        text = as_text(sheet.cell(r, 1).value)
        key = rd.key_of(text) if text else None
        if key in ENDS:  # the curves compared: canvas's own formulas, each row named by its curve
            rd.claim(sheet, r, 1)
            for below in sheet.rows(r + 1):
                if not as_text(sheet.cell(below, 1).value):
                    break
                for c in sheet.row(below):
                    rd.read(sheet, below, c, COMPUTED) if c > 1 else rd.claim(sheet, below, c)
            break
        if key in keys and keys[key] not in rows:
            rows[keys[key]] = r
            rd.claim(sheet, r, 1)
        elif text and text.strip():
            filled = [c for c, cell in sorted(sheet.row(r).items()) if c > 1 and as_text(cell.value)]
            for c in [1] + filled:
                rd.claim(sheet, r, c)
            rd.warn(At(sheet.title, r, 1), "row_unknown", label=text.strip(), n=len(filled))
    for key, _ in ASPECTS:
        if key not in rows and key not in LATER:
            rd.error(At(sheet.title, header, 1), "label_missing", label=rd.label(aspect_label(key)))
    return rows


def _stage(rd: Reader, sheet, header: int, col: int, rows: dict[str, int], stage_ids: dict[str, str]):
    """One stage column as (stage data, where its values were read), or (None, {}) if empty."""
    name = rd.read(sheet, header, col, STAGE)
    content = any(as_text(sheet.cell(r, col).value) for r in rows.values())
    if not name or not name.strip():
        if content:
            rd.error(At(sheet.title, header, col), "stage_empty")
        return None, {}
    stage_id = stage_ids.get(norm(name))
    if stage_id is None and not (rd.settings and rd.built):
        # a stage of one's own typed in a worksheet (no model behind it to hold its custom stages),
        # or a custom stage whose name went with the hidden sheet: it becomes a custom stage
        custom = rd.data.setdefault("custom_stages", [])
        entry = {"name": name.strip()}
        give_ids([entry], "stage", set(stage_ids.values()))
        custom.append(entry)
        stage_id = stage_ids[norm(name)] = entry["id"]
        rd.where[("custom_stages", len(custom) - 1, "name")] = str(At(sheet.title, header, col))
        rd.warn(At(sheet.title, header, col), "stage_own" if rd.settings else "stage_taken", value=name.strip(),
                id=stage_id)
    elif stage_id is None:  # a model's own stages are custom stages of the model it was built from
        rd.error(At(sheet.title, header, col), "not_stage", value=name.strip())
    stage = {"stage": stage_id}
    where = {("stage",): At(sheet.title, header, col)}
    for key, kind in ASPECTS:
        if key in rows:
            value = rd.read(sheet, rows[key], col, kind)
            where[(key,)] = At(sheet.title, rows[key], col)
            if value is not False and value not in (None, []):  # an unmarked moment of truth is the default
                stage[key] = value
    if "label" in stage:  # the row shows the stage's own name where a journey gives none: no name of its own
        other = stage_ids.get(norm(stage["label"]))
        if other is not None and other != stage_id:  # the name of the stage this column held before
            rd.warn(where[("label",)], "label_of_other", value=stage.pop("label"), stage=name.strip())
        elif (other is not None and other == stage_id) or norm(stage["label"]) == norm(name):
            del stage["label"]
    return stage, where

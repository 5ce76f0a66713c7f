"""A sheet per customer journey: a card (title, goal, id, persona, segment), then the map: the
stages as columns and one row per aspect (actions, thoughts, emotion...), with the emotion
scores colour-coded and charted."""
from __future__ import annotations

from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ...vocab import vocabularies
from .. import cards
from ..book import Book
from ..cards import Pair, Section
from ..charts import emotion_chart, rows_spanned
from ..kinds import EMOTION, ID, LINES, TEXT, Kind, Ref, Touchpoints, as_text, choices_text, norm, plain
from ..kit import header_row, merge, page_setup, put
from ..reader import At, Reader
from ...view import JOURNEY_ASPECTS
from . import card_entry, give_ids, gone, keep

ROLE = "journey"
CARD = (Section(None, (
    Pair("title", "title", TEXT), Pair("goal", "goal", TEXT), Pair("id", "id", ID),
    Pair("persona", "persona", Ref("personas")), Pair("segment", "segment", Ref("segments")))),)
# The rows of the map: a stage's aspects, in order, and their kinds.
# the rows of the map (view.JOURNEY_ASPECTS, the report's order too) and the kind of their cells
_KINDS = {"emotion": EMOTION, "touchpoints": Touchpoints(), "situation": TEXT, "interaction": TEXT,
          "function": TEXT}
ASPECTS = tuple((key, _KINDS.get(key, LINES)) for key in JOURNEY_ASPECTS)
HEADER = 7  # the row of stage names, under the card's five rows


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


def write(book: Book) -> None:
    v = book.v
    sheets = v.label("journeys")
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
        for r, (key, kind) in enumerate(ASPECTS, start=HEADER + 1):
            put(ws, r, 1, v.label(key), bold=True, fill=book.th.block_fill)
            if v.blank and kind is not EMOTION:
                ws.row_dimensions[r].height = 45  # room to write in
            for c, s in enumerate(j.stages, start=2):
                book.entry(ws, r, c, getattr(s, key), kind, font=SCORE_FONT if kind is EMOTION else None)
            if j.stages:
                kind.validate(book, ws, f"B{r}:{get_column_letter(len(j.stages) + 1)}{r}")
            book.place(kind, sheets, v.label(key))
        _finish(book, ws, len(j.stages))


def _finish(book: Book, ws, stages: int) -> None:
    """Widths, the emotion row's dropdown and colours, the chart and the print set-up."""
    v = book.v
    ws.freeze_panes = f"B{HEADER + 1}"
    ws.column_dimensions["A"].width = 20
    last_col = max(stages + 1, 6)
    for c in range(2, last_col + 1):
        ws.column_dimensions[get_column_letter(c)].width = 30 if stages <= 6 else 24
    last_row = HEADER + len(ASPECTS)
    emotion_row = HEADER + 1 + [k for k, _ in ASPECTS].index("emotion")
    if stages:
        emotions = f"B{emotion_row}:{get_column_letter(stages + 1)}{emotion_row}"
        ws.conditional_formatting.add(emotions, ColorScaleRule(
            start_type="num", start_value=-2, start_color="F8696B", mid_type="num", mid_value=0,
            mid_color="FFEB84", end_type="num", end_value=2, end_color="63BE7B"))
        chart = emotion_chart(ws, row=emotion_row, first_col=2, last_col=stages + 1, header_row=HEADER,
                              title=v.label("emotion_curve"), rtl=v.rtl, colour=book.th.accent)
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
    entries, seen = [], set()
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
    keep(rd, "journeys", entries, "j")
    gone(rd, "journeys", seen)


def _touched(rd: Reader, sheet, header: int, rows: dict[str, int]) -> bool:
    """Whether anything was typed into a journey beyond what a blank worksheet pre-fills (its id,
    persona and stage names), or it is a journey of the model the workbook was built from."""
    if any(as_text(cell.value) for r in rows.values() for c, cell in sheet.row(r).items() if c > 1):
        return True
    card = cards.locate(rd, sheet, CARD, columns=1, first_row=2, last_row=header - 1)
    if any(as_text(sheet.cell(*card[k]).value) for k in ("title", "goal") if k in card):
        return True
    built = {j.get("id") for j in (rd.built or {}).get("journeys", []) if isinstance(j, dict)}
    return "id" not in card or as_text(sheet.cell(*card["id"]).value) in built


def _aspect_rows(rd: Reader, sheet, header: int) -> dict[str, int]:
    """aspect -> its row, below the stage names; unknown rows are warned about, missing ones errors."""
    keys = {k for k, _ in ASPECTS}
    rows = {}
    for r in sheet.rows(header + 1):
        text = as_text(sheet.cell(r, 1).value)
        key = rd.key_of(text) if text else None
        if key in keys and key not in rows:
            rows[key] = r
            rd.claim(sheet, r, 1)
        elif text and text.strip():
            filled = [c for c, cell in sorted(sheet.row(r).items()) if c > 1 and as_text(cell.value)]
            for c in [1] + filled:
                rd.claim(sheet, r, c)
            rd.warn(At(sheet.title, r, 1), "row_unknown", label=text.strip(), n=len(filled))
    for key, _ in ASPECTS:
        if key not in rows:
            rd.error(At(sheet.title, header, 1), "label_missing", label=rd.label(key))
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
            if value not in (None, []):
                stage[key] = value
    return stage, where

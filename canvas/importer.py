"""Excel -> YAML: read a built workbook or a filled blank worksheet back into a model.

Sheets are found by role, not by name: tables by their Excel table names (tbl_segments...),
card sheets by defined names (canvas_persona_1...), which Excel keeps when a sheet is renamed.
Labels are matched in the workbook's language. Every value remembers its cell, so a mistake is
reported as FILE.xlsx:Sheet!C7: message.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .errors import InputError, Problem
from .fields import latin_digits
from .view import labels
from .vocab import LANGUAGES, vocabularies

if TYPE_CHECKING:
    from .model import BusinessModel

MAX_UNZIPPED = 60 * 1024 * 1024  # a class-sized workbook is < 2 MB unzipped; refuse zip bombs
MAX_RATIO = 200
MAX_ROWS = 20_000  # rows of one table sheet
BULLET = re.compile(r"^\s*[•\-*]\s+")
# Keys whose string values are ids or vocabulary ids, never translatable text (for --into).
ID_KEYS = {"id", "segment", "persona", "type", "category", "stage", "archetype", "channels",
           "segments", "phases", "motivations", "language", "calendar", "digits", "date", "version"}


def _open(path: Path):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1_000_000:
                    raise InputError(Problem(str(path), 0, 0, f"part {info.filename} unpacks {info.file_size // info.compress_size}x; "
                                                              "refusing a possible zip bomb"))
            if total > MAX_UNZIPPED:
                raise InputError(Problem(str(path), 0, 0, f"unpacks to {total // 1_000_000} MB; canvas reads workbooks up to "
                                                          f"{MAX_UNZIPPED // 1_000_000} MB"))
    except (zipfile.BadZipFile, OSError) as e:
        why = "no such file" if isinstance(e, FileNotFoundError) else "not an .xlsx workbook (not a zip file)"
        raise InputError(Problem(str(path), 0, 0, why)) from None
    try:
        return load_workbook(path, data_only=False)
    except Exception as e:  # openpyxl raises many kinds on broken parts
        raise InputError(Problem(str(path), 0, 0, f"cannot read the workbook: {type(e).__name__}: {e}")) from None


class _Reader:
    def __init__(self, path: Path, wb):
        self.file, self.wb = str(path), wb
        self.problems: list[Problem] = []
        self.where: dict[tuple, str] = {}
        self.settings = self._settings()
        self.lang = self.settings.get("workbook_language") or wb.properties.language or "en"
        if self.lang not in LANGUAGES:
            self.lang = "en"
        self.keys = {}  # label in the workbook's language -> label key
        for key, texts in labels().items():
            self.keys.setdefault(texts[self.lang].strip().lower(), key)

    # --- places and problems ---
    def place(self, ws, row: int, col: int) -> str:
        from openpyxl.utils import get_column_letter
        return f"{ws.title}!{get_column_letter(col)}{row}"

    def problem(self, ws, row: int, col: int, message: str) -> None:
        self.problems.append(Problem(self.file, 0, 0, message, place=self.place(ws, row, col)))

    def label(self, key: str) -> str:
        return labels()[key][self.lang]

    def key_of(self, text: Any) -> str | None:
        return self.keys.get(str(text).strip().lower()) if text is not None else None

    # --- cells ---
    def raw(self, ws, row: int, col: int, path: tuple | None = None) -> Any:
        cell = ws.cell(row=row, column=col)
        if path is not None:
            self.where[path] = self.place(ws, row, col)
        if cell.data_type == "f":
            self.problem(ws, row, col, "holds a formula; type the value itself (canvas does not run formulas)")
            return None
        value = cell.value
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value

    def text(self, ws, row, col, path) -> str | None:
        value = self.raw(ws, row, col, path)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return None if value is None else str(value)

    def items(self, ws, row, col, path) -> list[str]:
        value = self.text(ws, row, col, path)
        if not value:
            return []
        lines = [BULLET.sub("", line).strip() for line in value.split("\n")]
        return [line for line in lines if line]

    def number(self, ws, row, col, path, *, whole: bool = True) -> Any:
        value = self.raw(ws, row, col, path)
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, (int, float)):
            return int(value) if whole and float(value).is_integer() else value
        text = latin_digits(str(value)).replace(",", "").replace("٬", "").replace("٫", ".").rstrip("%").strip()
        try:
            number = float(text)
        except ValueError:
            self.problem(ws, row, col, f"{value!r} is not a number")
            return None
        return int(number) if whole and number.is_integer() else number

    def vocab(self, vocabulary: str, value: Any, ws, row, col, *, many: bool = False) -> Any:
        """A vocabulary label (either language) or id -> id."""
        entries = vocabularies()[vocabulary]
        lookup = {k.lower(): k for k in entries}
        for k, names in entries.items():
            for name in names.values():
                lookup[name.strip().lower()] = k
        values = value if many else [value]
        out = []
        for v in values:
            if v is None or v == "":
                continue
            found = lookup.get(str(v).strip().lower())
            if found is None:
                choices = ", ".join(n[self.lang] for n in entries.values())
                self.problem(ws, row, col, f"{v!r} is not one of: {choices}")
            else:
                out.append(found)
        return out if many else (out[0] if out else None)

    # --- sheets ---
    def sheet_of(self, role: str):
        name = self.wb.defined_names.get(role)
        if name is None:
            return None
        for sheet, _ in name.destinations:
            sheet = sheet.replace("''", "'")  # openpyxl leaves quoted apostrophes doubled
            if sheet in self.wb.sheetnames:
                return self.wb[sheet]
        return None

    def roles(self, prefix: str) -> list:
        found = sorted((int(n.rsplit("_", 1)[1]), n) for n in self.wb.defined_names
                       if n.startswith(prefix) and n.rsplit("_", 1)[1].isdigit())
        return [ws for _, n in found if (ws := self.sheet_of(n)) is not None]

    def _settings(self) -> dict[str, str]:
        ws = self.sheet_of("canvas_settings")
        if ws is None:
            return {}
        return {str(r[0].value): ("" if r[1].value is None else str(r[1].value)) for r in ws.iter_rows(max_col=2)
                if r[0].value}

    def table(self, name: str):
        """(sheet, header row, {label key or header text: column}, data rows) of Excel table `name`."""
        for ws in self.wb.worksheets:
            if name in ws.tables:
                first = ws[ws.tables[name].ref.split(":")[0]]
                header = first.row
                columns = {}
                for col in range(1, ws.max_column + 1):
                    value = ws.cell(row=header, column=col).value
                    if value is not None:
                        columns.setdefault(self.key_of(value) or str(value).strip(), col)
                        columns.setdefault(f"#{str(value).strip()}", col)
                if ws.max_row > MAX_ROWS:
                    self.problem(ws, MAX_ROWS, 1, f"the sheet has {ws.max_row} rows; canvas reads up to {MAX_ROWS}")
                    return ws, header, columns, []
                rows = [r for r in range(header + 1, ws.max_row + 1)
                        if any(ws.cell(row=r, column=c).value not in (None, "") for c in columns.values())]
                return ws, header, columns, rows
        return None


def read(path: str | Path) -> tuple[dict[str, Any], str, dict[tuple, str], list[Problem], dict[str, str]]:
    """The model data in a workbook, its language, where each value was read, the problems, and
    the hidden settings."""
    path = Path(path)
    wb = _open(path)
    r = _Reader(path, wb)
    if r.sheet_of("canvas_overview") is None and not any("tbl_segments" in ws.tables for ws in wb.worksheets):
        raise InputError(Problem(str(path), 0, 0, "this workbook was not made by canvas (no overview sheet or "
                                                   "segments table); build or 'canvas blank' one first"))
    data: dict[str, Any] = {"version": 1}
    data["meta"] = _meta(r)
    custom = json.loads(r.settings["custom_stages"]) if r.settings.get("custom_stages") else []
    if custom:
        data["custom_stages"] = custom
    if r.settings.get("brand"):
        data["brand"] = json.loads(r.settings["brand"])
    segments = _segments(r)
    data["segments"] = segments
    seg_ids = _name_index(segments, r.settings.get("segment_names"))
    channels = _channels(r, seg_ids)
    chan_ids = _name_index(channels, r.settings.get("channel_names"))
    data["personas"] = _personas(r, seg_ids, chan_ids)
    data["value_propositions"] = _value_propositions(r, seg_ids)
    data["channels"] = channels
    data["relationships"] = _relationships(r, seg_ids)
    data["journeys"] = _journeys(r, data, seg_ids, chan_ids, custom)
    data["funnel"] = _funnel(r)
    data["competitors"] = _competitors(r, seg_ids)
    data.update(_other_blocks(r, seg_ids))
    return _prune(data), r.lang, r.where, r.problems, r.settings


def _prune(value: Any) -> Any:
    """Drop empty values so the YAML reads like a hand-written one."""
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, [], {}, "")}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _name_index(entries: list[dict], shown: str | None = None) -> dict[str, str]:
    """id, current name and name as first built -> id, to turn names in sheets into references."""
    index = {}
    for e in entries:
        if e.get("id"):
            index[str(e["id"]).lower()] = e["id"]
    for e in entries:
        if e.get("name") and e.get("id"):
            index.setdefault(str(e["name"]).strip().lower(), e["id"])
    ids = set(index.values())
    for name, known in (json.loads(shown) if shown else {}).items():
        if known in ids:  # an entry deleted since the build does not come back
            index.setdefault(str(name).strip().lower(), known)
    return index


def _segment_columns(ws, header: int, seg_ids: dict[str, str], *, first: int, skip=()) -> list[tuple[int, str | None]]:
    """(column, segment id or None) of the matrix columns headed by a segment's name or id."""
    return [(c, seg_ids.get(str(ws.cell(row=header, column=c).value).strip().lower()))
            for c in range(first, ws.max_column + 1) if c not in skip and ws.cell(row=header, column=c).value]


def _ref(r: _Reader, index: dict[str, str], value: Any, ws, row, col, what: str) -> str | None:
    if value in (None, ""):
        return None
    found = index.get(str(value).strip().lower())
    if found is None:
        known = ", ".join(sorted(set(index.values()))) or "none yet"
        r.problem(ws, row, col, f"unknown {what} {value!r} (known ids: {known})")
    return found


# --- overview and meta -----------------------------------------------------------------------

_MONTHS_FA = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]


def _date(r: _Reader, value: Any, ws, row, col) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    text = latin_digits(str(value)).strip()
    if text == latin_digits(r.settings.get("date_shown", "")).strip() and r.settings.get("date_written"):
        return r.settings["date_written"]  # unchanged: keep it as it was written
    if re.match(r"^\d{3,4}[-/.]\d{1,2}[-/.]\d{1,2}$", text):
        return text
    match = re.match(r"^(\d{1,2})\s+(\S+)\s+(\d{4})$", text)
    if match:
        day, month, year = int(match.group(1)), match.group(2), int(match.group(3))
        if month in _MONTHS_FA:
            return f"{year}/{_MONTHS_FA.index(month) + 1:02d}/{day:02d}"
        try:
            return dt.datetime.strptime(f"{day} {month} {year}", "%d %B %Y").strftime("%Y-%m-%d")
        except ValueError:
            pass
    r.problem(ws, row, col, f"{value!r} is not a date; write 2024-10-06 or 1403/07/15")
    return None


def _pairs(r: _Reader, ws, label_cols=(1,), first_row: int = 1) -> dict[str, tuple[int, int]]:
    """label key -> (row, column of its value) for label cells in `label_cols`."""
    found = {}
    for row in range(first_row, ws.max_row + 1):
        for col in label_cols:
            key = r.key_of(ws.cell(row=row, column=col).value)
            if key and key not in found:
                found[key] = (row, col + 1)
    return found


def _meta(r: _Reader) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    ws = r.sheet_of("canvas_overview")
    if ws is not None:
        pairs = _pairs(r, ws)
        for key in ("title", "subtitle", "organisation", "author", "summary"):
            if key in pairs:
                meta[key] = r.text(ws, *pairs[key], ("meta", key))
        if "date" in pairs:
            meta["date"] = _date(r, r.raw(ws, *pairs["date"], ("meta", "date")), ws, *pairs["date"])
    meta["language"] = r.lang
    for key in ("calendar", "digits"):
        if r.settings.get(key):
            meta[key] = r.settings[key]
    from .model import Meta
    return {k: meta[k] for k in Meta.model_fields if k in meta}  # the order of a hand-written file


# --- tables ------------------------------------------------------------------------------------

def _segments(r: _Reader) -> list[dict]:
    found = r.table("tbl_segments")
    if not found:
        return []
    ws, _, cols, rows = found
    demo_keys = ("age", "gender", "income", "location", "education", "occupation", "purchase_preferences", "history")
    out = []
    for row in rows:
        p = ("segments", len(out))
        seg = {"id": r.text(ws, row, cols["id"], p + ("id",)), "name": r.text(ws, row, cols["name"], p + ("name",)),
               "description": r.text(ws, row, cols["description"], p + ("description",)),
               "concerns": r.items(ws, row, cols["concerns"], p + ("concerns",))}
        demo = {}
        for line in r.items(ws, row, cols["demographics"], p + ("demographics",)):
            label, _, value = line.partition(":")
            key = r.key_of(label)
            if key in demo_keys and value.strip():
                demo[key] = value.strip()
            else:
                r.problem(ws, row, cols["demographics"], f"write demographics as 'label: value' lines with labels "
                                                         f"{', '.join(r.label(k) for k in demo_keys)}; not {line!r}")
        seg["demographics"] = demo
        seg["size"] = r.number(ws, row, cols["size"], p + ("size",))
        if any(v not in (None, [], {}) for k, v in seg.items() if k != "id"):  # an id alone is an unused row
            out.append(seg)
    return out


def _value_propositions(r: _Reader, seg_ids) -> list[dict]:
    found = r.table("tbl_value_propositions")
    if not found:
        return []
    ws, _, cols, rows = found
    types = vocabularies()["value_types"]
    out = []
    for i, row in enumerate(rows):
        p = ("value_propositions", i)
        vp = {"id": r.text(ws, row, cols["id"], p + ("id",)), "name": r.text(ws, row, cols["name"], p + ("name",)),
              "description": r.text(ws, row, cols["description"], p + ("description",)), "segments": [],
              "products": r.items(ws, row, cols["products"], p + ("products",)),
              "values": {k: r.items(ws, row, cols[f"#{types[k][r.lang]}"], p + ("values", k)) for k in types},
              "pains_relieved": r.items(ws, row, cols["pains_relieved"], p + ("pains_relieved",)),
              "gains_created": r.items(ws, row, cols["gains_created"], p + ("gains_created",))}
        out.append(vp)
    by_id = {vp["id"]: vp for vp in out if vp["id"]}
    found = r.table("tbl_value_map")
    if found:
        ws, header, cols, rows = found
        segment_cols = _segment_columns(ws, header, seg_ids, first=3)
        for row in rows:
            vp = by_id.get(r.text(ws, row, 1, None))
            if vp is None:
                continue
            for col, seg in segment_cols:
                if seg and r.raw(ws, row, col) not in (None, ""):
                    vp["segments"].append(seg)
    return out


def _channels(r: _Reader, seg_ids) -> list[dict]:
    found = r.table("tbl_channels")
    if not found:
        return []
    ws, header, cols, rows = found
    phases = vocabularies()["channel_phases"]
    phase_cols = {k: cols[f"#{names[r.lang]}"] for k, names in phases.items() if f"#{names[r.lang]}" in cols}
    used = set(phase_cols.values()) | {cols.get("id"), cols.get("name"), cols.get("category"), cols.get("description")}
    segment_cols = _segment_columns(ws, header, seg_ids, first=1, skip=used)
    out = []
    for i, row in enumerate(rows):
        p = ("channels", i)
        ch = {"id": r.text(ws, row, cols["id"], p + ("id",)), "name": r.text(ws, row, cols["name"], p + ("name",)),
              "category": r.vocab("channel_categories", r.raw(ws, row, cols["category"], p + ("category",)),
                                  ws, row, cols["category"]),
              "description": r.text(ws, row, cols["description"], p + ("description",)) if "description" in cols else None,
              "phases": [k for k, c in phase_cols.items() if r.raw(ws, row, c) not in (None, "")],
              "serves": {}}
        for col, seg in segment_cols:
            strength = r.number(ws, row, col, p + ("serves", seg))
            if seg and strength is not None:
                ch["serves"][seg] = strength
        out.append(ch)
    return out


def _relationships(r: _Reader, seg_ids) -> list[dict]:
    found = r.table("tbl_relationships")
    if not found:
        return []
    ws, _, cols, rows = found
    out = []
    for i, row in enumerate(rows):
        p = ("relationships", i)
        out.append({
            "segment": _ref(r, seg_ids, r.raw(ws, row, cols["segment"], p + ("segment",)), ws, row, cols["segment"], "segment"),
            "type": r.vocab("relationship_types", r.raw(ws, row, cols["type"], p + ("type",)), ws, row, cols["type"]),
            "motivations": r.vocab("motivations", r.items(ws, row, cols["motivations"], p + ("motivations",)),
                                   ws, row, cols["motivations"], many=True),
            "description": r.text(ws, row, cols["description"], p + ("description",)),
            "tactics": r.items(ws, row, cols["tactics"], p + ("tactics",))})
    return out


def _funnel(r: _Reader) -> dict[str, Any]:
    found = r.table("tbl_funnel")
    if not found:
        return {}
    ws, header, cols, rows = found
    names = {n[r.lang]: k for k, n in vocabularies()["funnel_stages"].items()}
    stages = []
    for i, row in enumerate(rows):
        if r.key_of(ws.cell(row=row, column=1).value) in ("overall_conversion", "techniques"):
            break
        p = ("funnel", "stages", i)
        name = r.text(ws, row, cols["stage"], p + ("name",))
        stage_id = r.text(ws, row, cols["id"], p + ("stage",)) if "id" in cols else None
        stage = {"stage": stage_id or names.get(name or "")}
        if name and names.get(name) != stage["stage"]:
            stage["name"] = name
        stage["count"] = r.number(ws, row, cols["count"], p + ("count",))
        stage["note"] = r.text(ws, row, cols["note"], p + ("note",))
        stages.append(stage)
    funnel: dict[str, Any] = {"stages": stages}
    for row in range(header, ws.max_row + 1):
        if r.key_of(ws.cell(row=row, column=1).value) == "techniques":
            funnel["techniques"] = r.items(ws, row + 1, 1, ("funnel", "techniques"))
    return funnel


def _competitors(r: _Reader, seg_ids) -> list[dict]:
    found = r.table("tbl_competitors")
    if not found:
        return []
    ws, _, cols, rows = found
    out: dict[str, dict] = {}
    for row in rows:
        name = r.text(ws, row, cols["name"], None)
        cid = (r.text(ws, row, cols["id"], None) if "id" in cols else None) or re.sub(r"\W+", "_", (name or "c").lower())
        p = ("competitors", len(out) if cid not in out else list(out).index(cid))
        comp = out.setdefault(cid, {"id": cid, "name": name, "markets": []})
        r.where[p + ("name",)] = r.place(ws, row, cols["name"])
        comp["value_chain"] = r.text(ws, row, cols["value_chain"], p + ("value_chain",))
        if "description" in cols:
            comp["description"] = r.text(ws, row, cols["description"], p + ("description",))
        segment = r.raw(ws, row, cols["segment"])
        if segment not in (None, ""):
            m = len(comp["markets"])
            comp["markets"].append({
                "segment": _ref(r, seg_ids, segment, ws, row, cols["segment"], "segment"),
                "share": r.number(ws, row, cols["share"], p + ("markets", m, "share"), whole=False),
                "offer": r.text(ws, row, cols["offer"], p + ("markets", m, "offer"))})
    return list(out.values())


def _other_blocks(r: _Reader, seg_ids) -> dict[str, list]:
    blocks = {k: [] for k in ("revenue_streams", "key_resources", "key_activities", "key_partners", "cost_structure")}
    found = r.table("tbl_other_blocks")
    if not found:
        return blocks
    ws, _, cols, rows = found
    kind_col = next((c for k, c in cols.items() if k.startswith("#") and "/" in k), 4)
    for row in rows:
        block = r.key_of(r.raw(ws, row, 1))
        if block not in blocks:
            r.problem(ws, row, 1, f"{r.raw(ws, row, 1)!r} is not a block; use one of "
                                  f"{', '.join(r.label(b) for b in blocks)}")
            continue
        p = (block, len(blocks[block]))
        item = {"name": r.text(ws, row, cols["name"], p + ("name",)),
                "description": r.text(ws, row, cols["description"], p + ("description",))}
        kind = r.raw(ws, row, kind_col, p + ("type",))
        if block == "key_resources":
            item["type"] = r.vocab("resource_types", kind, ws, row, kind_col)
        elif block == "cost_structure":
            item["type"] = r.vocab("cost_types", kind, ws, row, kind_col)
        elif block == "revenue_streams":
            item["pricing"] = None if kind is None else str(kind)
            if "segments" in cols:
                item["segments"] = [s for s in (_ref(r, seg_ids, x, ws, row, cols["segments"], "segment")
                                                for x in r.items(ws, row, cols["segments"], p + ("segments",))) if s]
        elif kind is not None:
            r.problem(ws, row, kind_col, f"{r.label(block)} have no type or pricing; leave the cell empty")
        blocks[block].append(item)
    return blocks


# --- card sheets ---------------------------------------------------------------------------------

_PERSONA_TEXT = ("gender", "occupation", "location", "education", "social_class", "income", "bio",
                 "interest", "need")
_PERSONA_LISTS = ("hobbies", "purchase_habits", "buying_methods", "goals", "frustrations")


def _personas(r: _Reader, seg_ids, chan_ids) -> list[dict]:
    out = []
    for ws in r.roles("canvas_persona_"):
        p = ("personas", len(out))
        pairs = _pairs(r, ws, label_cols=(1, 3), first_row=3)
        get = lambda key: pairs.get(key, (None, None))  # noqa: E731
        persona: dict[str, Any] = {}
        persona["id"] = r.text(ws, *get("id"), p + ("id",)) if "id" in pairs else None
        persona["segment"] = _ref(r, seg_ids, r.raw(ws, *get("segment"), p + ("segment",)), ws, *get("segment"),
                                  "segment") if "segment" in pairs else None
        persona["name"] = r.text(ws, *get("name"), p + ("name",)) if "name" in pairs else r.text(ws, 1, 1, p + ("name",))
        persona["age"] = r.number(ws, *get("age"), p + ("age",)) if "age" in pairs else None
        for key in _PERSONA_TEXT:
            if key in pairs:
                persona[key] = r.text(ws, *pairs[key], p + (key,))
        for key in _PERSONA_LISTS:
            if key in pairs:
                persona[key] = r.items(ws, *pairs[key], p + (key,))
        if "preferred_channels" in pairs:
            row, col = pairs["preferred_channels"]
            persona["channels"] = [c for c in (_ref(r, chan_ids, x, ws, row, col, "channel")
                                               for x in r.items(ws, row, col, p + ("channels",))) if c]
        if "archetype" in pairs:
            persona["archetype"] = r.vocab("archetypes", r.raw(ws, *pairs["archetype"], p + ("archetype",)),
                                           ws, *pairs["archetype"])
        for row in range(3, ws.max_row + 1):
            value = ws.cell(row=row, column=1).value
            if isinstance(value, str) and value.strip()[:1] in "«“\"":
                persona["quote"] = value.strip().strip("«»“”\"").strip() or None
                r.where[p + ("quote",)] = r.place(ws, row, 1)
        if any(v not in (None, [], {}) for k, v in persona.items() if k not in ("id", "name")) or (
                persona.get("name") and "name" in pairs):
            out.append(persona)  # a persona sheet left empty in a blank worksheet is skipped
    return out


_JOURNEY_ROWS = ("actions", "thoughts", "emotion", "feelings", "pain_points", "touchpoints",
                 "opportunities", "situation", "interaction", "function")


def _journeys(r: _Reader, data, seg_ids, chan_ids, custom: list[dict]) -> list[dict]:
    stage_ids = {}
    for k, names in vocabularies()["journey_stages"].items():
        stage_ids.update({k: k, names["fa"].lower(): k, names["en"].lower(): k})
    for c in custom:
        name = c["name"]
        for text in (name.values() if isinstance(name, dict) else [name]):
            stage_ids[str(text).strip().lower()] = c["id"]
        stage_ids[c["id"].lower()] = c["id"]
    persona_ids = _name_index(data["personas"], r.settings.get("persona_names"))
    persona_names = {p.get("id"): p.get("name") for p in data["personas"]}
    segment_names = {s.get("id"): s.get("name") for s in data["segments"]}
    out = []
    for ws in r.roles("canvas_journey_"):
        p = ("journeys", len(out))
        rows = {r.key_of(ws.cell(row=row, column=1).value): row for row in range(4, ws.max_row + 1)}
        stages = []
        for col in range(2, ws.max_column + 1):
            header = ws.cell(row=3, column=col).value
            if header in (None, ""):
                continue
            k = len(stages)
            sp = p + ("stages", k)
            stage_id = stage_ids.get(str(header).strip().lower())
            r.where[sp + ("stage",)] = r.place(ws, 3, col)
            if stage_id is None:
                r.problem(ws, 3, col, f"{header!r} is not a journey stage; use a stage of the list or add it "
                                      "under custom_stages")
            stage: dict[str, Any] = {"stage": stage_id}
            for key in _JOURNEY_ROWS:
                if key not in rows:
                    continue
                row = rows[key]
                if key == "emotion":
                    stage[key] = r.number(ws, row, col, sp + (key,))
                elif key in ("situation", "interaction", "function"):
                    stage[key] = r.text(ws, row, col, sp + (key,))
                elif key == "touchpoints":
                    stage[key] = [chan_ids.get(t.lower(), t) for t in r.items(ws, row, col, sp + (key,))]
                else:
                    stage[key] = r.items(ws, row, col, sp + (key,))
            stages.append(stage)
        filled = any(v not in (None, [], "") for st in stages for k, v in st.items() if k != "stage")
        if not (filled or r.raw(ws, 1, 1) or r.raw(ws, 2, 6)):
            continue  # an untouched journey of a blank worksheet
        journey: dict[str, Any] = {"id": r.text(ws, 2, 2, p + ("id",))}
        owner_kind = r.key_of(ws.cell(row=2, column=3).value)
        owner = r.raw(ws, 2, 4, p + (owner_kind or "persona",))
        if owner_kind == "segment":
            journey["segment"] = _ref(r, seg_ids, owner, ws, 2, 4, "segment")
            owner_name = segment_names.get(journey["segment"])
        else:
            journey["persona"] = _ref(r, persona_ids, owner, ws, 2, 4, "persona")
            owner_name = persona_names.get(journey["persona"])
        title = r.text(ws, 1, 1, p + ("title",))
        default_title = f"{r.label('journey')}: {owner_name}"
        journey["title"] = None if title == default_title else title
        journey["goal"] = r.text(ws, 2, 6, p + ("goal",))
        journey["stages"] = stages
        out.append(journey)
    return out


# --- merging with an earlier YAML (--into) and validating ----------------------------------------

def merge(imported: Any, original: Any, lang: str, original_lang: str, key: str | None = None) -> Any:
    """The imported data, keeping the other language's text from `original` (plain data)."""
    if isinstance(imported, dict) and isinstance(original, dict) and not _is_text(original):
        return {k: merge(v, original.get(k), lang, original_lang, k) for k, v in imported.items()}
    if isinstance(imported, list) and isinstance(original, list):
        if imported and all(isinstance(x, dict) and "id" in x for x in imported):
            by_id = {o.get("id"): o for o in original if isinstance(o, dict)}
            return [merge(x, by_id.get(x["id"]), lang, original_lang) for x in imported]
        return [merge(x, _same_entry(x, original[i] if i < len(original) else None), lang, original_lang, key)
                for i, x in enumerate(imported)]
    if isinstance(imported, str) and key not in ID_KEYS and original is not None and (
            _is_text(original) or isinstance(original, str)):
        texts = dict(original) if isinstance(original, dict) else {original_lang: original}
        shown = texts.get(lang) or next(iter(texts.values()))
        if imported == shown:
            return original  # unchanged: keep it exactly as written
        texts[lang] = imported
        return texts
    return imported


def _same_entry(imported: Any, original: Any) -> Any:
    """`original` if it is the same entry as `imported` (its ids and vocabulary values agree), else
    None: a reordered row must not take another row's translation."""
    if isinstance(imported, dict) and isinstance(original, dict):
        if any(k in ID_KEYS and k in original and v != original[k] for k, v in imported.items()):
            return None
    return original


def _is_text(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= set(LANGUAGES) and all(
        isinstance(v, (str, int, float)) for v in value.values())


def import_workbook(path: str | Path, into: str | Path | None = None) -> tuple[dict[str, Any], "BusinessModel"]:
    """(YAML-ready data, validated model) from a workbook; `into` merges into an earlier YAML."""
    from .loader import load
    from .model import BusinessModel

    data, lang, where, problems, settings = read(path)
    raw, original_lang = None, None
    if into is not None:
        original = load(into)
        raw, original_lang = _plain(original._source.data), original.meta.language
    elif settings.get("model_json_1"):  # the model the workbook was built from
        chunks = sorted((int(k.rsplit("_", 1)[1]), v) for k, v in settings.items() if k.startswith("model_json_"))
        try:
            raw = json.loads("".join(v for _, v in chunks))
            original_lang = raw["meta"]["language"]
        except (ValueError, KeyError, TypeError):
            raw = None  # a damaged hidden sheet: read the visible sheets alone
    if raw is not None:
        data = merge(data, raw, lang, original_lang)
        data["meta"]["language"] = original_lang
        for key in ("brand", "custom_stages"):
            if key in raw and key not in data:
                data[key] = raw[key]
    if problems:
        raise InputError(sorted(set(problems)))
    try:
        model = BusinessModel.model_validate(data)
    except ValidationError as e:
        raise InputError(sorted({_problem(str(path), where, err) for err in e.errors()})) from None
    return data, model


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _problem(file: str, where: dict[tuple, str], err: dict[str, Any]) -> Problem:
    loc = tuple(err["loc"])
    probe = loc
    while probe and probe not in where:
        probe = probe[:-1]
    field = loc[-1] if loc else "model"
    message = err["msg"][0].lower() + err["msg"][1:]
    if err["type"] == "missing":
        message = f"'{field}' is required here"
    elif err["type"] in ("value_error", "assertion_error"):
        message = str(err.get("ctx", {}).get("error", message))
    else:
        message = f"'{field}': {message}"
    place = where.get(probe, "")
    return Problem(file, 0, 0, message if place else f"{'.'.join(map(str, loc))}: {message}", place=place)

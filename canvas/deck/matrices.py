"""The table slides: the value map, the channel and relationship matrices, the funnel and the
competitors (each with its native chart), the other canvas blocks and the health summary."""
from __future__ import annotations

from . import charts
from .deck import GAP, Box, Deck
from .tables import needed, stacked, table_slides
from .text import Para, fits

MARK = Para("●", align="ctr")
MATRIX_SEGMENTS = 8
ROOM = 1.2  # a table is given a fifth more than its estimate before anything is put under it  # more segments than this: strengths are listed by segment, as in the report


def value_map(deck: Deck) -> None:
    view, model = deck.view, deck.view.model
    if not model.value_propositions or not model.segments:
        return
    title = view.label("value_map")
    if len(model.segments) <= MATRIX_SEGMENTS:
        header = [""] + [view.t(s.name) for s in model.segments]
        rows = [[view.t(p.name)] + [MARK if s.id in p.segments else "" for s in model.segments]
                for p in model.value_propositions]
        table_slides(deck, title, header, rows, [3] + [1.2] * len(model.segments))
    else:
        rows = [[view.t(p.name), [view.segment_name(s) for s in p.segments]] for p in model.value_propositions]
        table_slides(deck, title, [view.label("value_propositions"), view.label("segments")], rows, [1, 2])


def channels(deck: Deck) -> None:
    view, model = deck.view, deck.view.model
    if not model.channels:
        return
    phases = view.vocab_items("channel_phases")
    wide = len(model.segments) <= MATRIX_SEGMENTS
    segments = model.segments if wide else []
    header = ([view.label("channels"), view.label("category")] + [label for _, label in phases]
              + [view.t(s.name) for s in segments])
    rows = []
    for c in view.channels_by_category():
        strengths = [c.serves.get(s.id) for s in segments]
        rows.append([view.t(c.name), view.vocab("channel_categories", c.category)]
                     + [MARK if key in c.phases else "" for key, _ in phases]
                     + [view.vocab("channel_strength", n) if n is not None else "" for n in strengths])
    table_slides(deck, view.label("channel_matrix"), header, rows, [2.2, 1.3] + [1] * len(phases) + [1.1] * len(segments),
                 section=view.label("channel_matrix"))
    described = [c for c in view.channels_by_category() if c.description]
    if described:
        table_slides(deck, view.label("channels"), [view.label("channels"), view.label("description")],
                     [[view.t(c.name), view.t(c.description)] for c in described], [1, 3])
    if not wide:
        strengths = [(n, view.vocab("channel_strength", n)) for n in (3, 2, 1)]
        rows = [[view.t(s.name)] + [view.channels_serving(s.id)[n] for n, _ in strengths] for s in model.segments]
        table_slides(deck, view.label("strength"), [view.label("segments")] + [label for _, label in strengths],
                     rows, [1.5, 2, 2, 2])


def relationships(deck: Deck) -> None:
    view, model = deck.view, deck.view.model
    if not model.relationships:
        return
    types = view.vocab_items("relationship_types")
    rows = []
    for s in model.segments:
        row = [view.t(s.name)]
        for key, _ in types:
            found = view.relationship_cells.get((s.id, key), [])
            motives = list(dict.fromkeys(m for r in found for m in r.motivations))
            row.append([MARK] + ([Para(view.join(view.vocabs("motivations", motives)), align="ctr")] if motives else [])
                       if found else "")
        rows.append(row)
    table_slides(deck, view.label("relationship_matrix"), [view.label("segment")] + [label for _, label in types],
                 rows, [2] + [1] * len(types), section=view.label("relationships"))
    rows = [[view.segment_name(r.segment),
             [view.vocab("relationship_types", r.type)] + ([Para(view.t(r.description), colour="#555555")]
                                                           if r.description else []),
             view.vocabs("motivations", r.motivations), view.ts(r.tactics)] for r in model.relationships]
    table_slides(deck, view.label("relationships"), [view.label(k) for k in ("segment", "type", "motivations",
                                                                             "tactics")], rows, [1.2, 2, 1.2, 2.5])


def funnel(deck: Deck) -> None:
    """The main funnel, then each named funnel (model.funnels): a chart and a table each."""
    shown = [f for f in [deck.view.model.funnel, *deck.view.model.funnels] if f.stages]
    for n, f in enumerate(shown):
        _funnel(deck, f, section=deck.view.label("funnel") if n == 0 else None)


def _funnel(deck: Deck, f, section: str | None) -> None:
    view = deck.view
    stages = f.stages
    title = view.funnel_title(f)
    slide = deck.slide(title, section=section)
    body = deck.body()
    chart_box, table_box = body.columns(2, rtl=deck.rtl)
    _, log = view.funnel_bars(f)
    charts.funnel(deck, slide, chart_box, log, f)
    if log:
        deck.text(slide, Box(chart_box.left, chart_box.top + chart_box.height - int(0.3 * 914400), chart_box.width,
                             int(0.3 * 914400)), [Para(view.label("log_scale"), colour="#666666")], 8, name="Scale")
    rates = view.conversions(f)
    first = stages[0].count
    rows = [[view.funnel_name(s), view.num(s.count), view.pct(rates[i] * 100) if rates[i] is not None else "",
             view.pct(100 * s.count / first) if first else "", view.t(s.note)] for i, s in enumerate(stages)]
    header = [view.label(k) for k in ("stage", "count", "conversion", "of_first", "note")]
    weights = [1.5, 1.1, 1, 1, 2]
    techniques = ([Para(view.label("techniques"), bold=True, colour=deck.look.accent, head=True)]
                  + [Para(t, bullet=True) for t in view.ts(f.techniques)])
    table_height = int(needed(header, rows, weights, table_box.width, 11) * ROOM)
    below = table_box.below(table_height)
    size = fits(techniques, below.width, below.height, 12, 9) if f.techniques else None
    if size:  # the techniques under the table when they fit there
        table_box = Box(table_box.left, table_box.top, table_box.width, table_height)
        deck.text(slide, below, techniques, size, name="Techniques")
    table_slides(deck, title, header, rows, weights, slide=slide, box=table_box, largest=11)
    if f.techniques and not size:
        table_slides(deck, view.label("techniques"), [view.label("techniques")],
                     [[t] for t in view.ts(f.techniques)], [1], heads=0)


def lean_canvas(deck: Deck) -> None:
    """The Lean Canvas (canvas/lean.py) as its grid on a slide; when it holds too much for one, as a
    table of its boxes in the grid's order that continues; the attribution under it."""
    from .. import lean
    from .grid import lean_slide

    view = deck.view
    if view.model.lean is None or lean_slide(deck):
        return
    boxes = lean.entries(view)
    rows = [[Para(view.label(key), bold=True, colour=deck.look.primary), boxes[key] or ""]
            for key, *_ in sorted(lean.GRID, key=lambda g: (g[3] == 2, g[1], g[3]))]
    rows.append([view.label("lean_attribution"), view.label("lean_from_model")])
    table_slides(deck, view.label("lean"), [view.label("lean"), ""], rows, [1.2, 4], section=view.label("lean"))


def fit(deck: Deck) -> None:
    """The fit table (canvas/profile.py): a segment's pains and gains and what addresses each,
    its coverage in the title."""
    view = deck.view
    header = [view.label(k) for k in ("pain_or_gain", "importance", "addressed_by")]
    for n, f in enumerate(view.fit):
        rows = [[[Para(view.vocab("profile_entries", need.kind), bold=True, colour=deck.look.accent),
                  Para(view.t(need.entry.text))],
                 view.vocab("importance", need.entry.importance) if need.entry.importance else "",
                 [f"{view.t(p.name)}: {view.t(m.text)}" for p, m in need.by] or view.label("not_addressed")]
                for need in f.needs]
        table_slides(deck, f"{view.label('fit')}: {view.t(f.segment.name)} — {view.coverage(f)}", header, rows,
                     [2.4, 0.9, 2.7], section=view.label("fit_title") if n == 0 else None)


def competitors(deck: Deck) -> None:
    view, model = deck.view, deck.view.model
    if not model.competitors:
        return
    ours = view.our_shares()  # our own share beside theirs: a series and rows of its own, first
    segments = list(dict.fromkeys([m.segment for c in model.competitors for m in c.markets if m.share is not None]
                                  + [s.id for s in ours]))
    first = None
    if segments:
        first = deck.slide(view.label("market_share"), section=view.label("competitors"))
        series = [(view.t(c.name), [next((m.share for m in c.markets if m.segment == s), None) for s in segments])
                  for c in model.competitors if any(m.share is not None for m in c.markets)]
        if ours:
            series.insert(0, (view.us, [view.segments[s].our_share for s in segments]))
        charts.shares(deck, first, deck.body(), [view.segment_name(s) for s in segments], series)
    rows = [[[Para(view.us, bold=True)] if i == 0 else "", view.t(s.name), view.pct(s.our_share), ""]
            for i, s in enumerate(ours)]
    for c in model.competitors:
        who = [Para(view.t(c.name), bold=True)]
        if c.description:
            who.append(Para(view.t(c.description), colour="#555555"))
        if c.value_chain:
            who.append(Para(f"{view.label('value_chain')}: {view.t(c.value_chain)}", colour="#555555"))
        if c.price:
            who.append(Para(f"{view.label('price')}: {view.t(c.price)}", colour="#555555"))
        for key in ("strengths", "weaknesses"):
            if getattr(c, key):
                who.append(Para(f"{view.label(key)}: {view.join(view.ts(getattr(c, key)))}", colour="#555555"))
        for i, m in enumerate(c.markets or [None]):
            rows.append([who if i == 0 else "", view.segment_name(m.segment) if m else "",
                         view.pct(m.share) if m and m.share is not None else "", view.t(m.offer) if m else ""])
    table_slides(deck, view.label("competitors"), [view.label(k) for k in ("name", "segment", "market_share",
                                                                           "offer")],
                 rows, [2.5, 1.3, 0.9, 2.5], section=None if first else view.label("competitors"))


def economics(deck: Deck) -> None:
    """Unit economics (canvas/economics.py): a column per segment, the inputs then the figures
    (bold), as many slides as the segments need."""
    view = deck.view
    for n, (segments, rows) in enumerate(view.economics_tables()):
        header = [view.label("unit_economics")] + [view.t(s.name) for s in segments]
        body = [[Para(label, bold=computed)] + [Para(value, bold=computed) for value in values]
                for label, values, computed in rows]
        body.append([view.label("economics_note")] + [""] * len(segments))
        table_slides(deck, view.label("unit_economics"), header, body, [2] + [1.4] * len(segments),
                     section=view.label("unit_economics") if n == 0 else None)


def other_blocks(deck: Deck) -> None:
    """The plain blocks (revenue streams, resources, activities, partners, costs): a table each,
    with a column for each further field their items fill, as many to a slide as fit whole."""
    view = deck.view
    tables = []
    for key in view.other_blocks:
        if key not in view.filled:
            continue
        columns = view.item_columns(key)
        rows = [[view.t(i.name)] + [view.item_value(key, i, c) for c in columns] for i in getattr(view.model, key)]
        tables.append((view.label(key), [view.label("name")] + [view.label(c) for c in columns], rows,
                       [1.3] + [2] * len(columns)))
    if tables:
        stacked(deck, view.label("other_blocks"), tables, section=view.label("other_blocks"))


def health(deck: Deck) -> None:
    view, report = deck.view, deck.view.report_health
    if not report:
        return
    rows = [[view.label(block), view.pct(round(100 * score))] for block, score in report.completeness.items()]
    rows.append([Para(view.label("overall"), bold=True), Para(view.pct(round(100 * report.overall)), bold=True)])
    slide = deck.slide(view.label("health"), section=view.label("health"))
    body = deck.body()
    left, right = body.columns(2, gap=GAP, rtl=deck.rtl)
    left = Box(left.left, left.top, left.width * 2 // 3, left.height)
    if deck.rtl:
        left = Box(left.left + left.width // 2, left.top, left.width, left.height)
    table_slides(deck, view.label("completeness"), [view.label("completeness"), ""], rows, [3, 1], slide=slide,
                 box=left, largest=11)
    findings = [[f.code + (f" ({view.label('line')} {view.num(f.line)})" if f.line else ""), f.message(view.lang),
                 Para(f.hint(view.lang), colour="#555555")] for f in report.warnings]
    if findings:
        table_slides(deck, view.label("findings"), [view.label(k) for k in ("code", "message", "hint")], findings,
                     [1, 3, 3], largest=11)
    else:
        deck.text(slide, right, [Para(view.label("no_findings"))], 14, name="Findings")

"""A synthetic model scaled by a factor: k segments, personas, journeys and channels per unit."""
from __future__ import annotations

from canvas.blocks import OTHER
from canvas.vocab import ids


def model_yaml(scale: int, lang: str = "en") -> str:
    segments, personas, channels = 3 * scale, 2 * scale, 5 * scale
    stages = list(ids("journey_stages"))
    lines = ["version: 1", f"meta: {{title: Synthetic x{scale}, language: {lang}, summary: A scaled model.}}",
             "segments:"]
    for s in range(segments):
        lines.append(f"  - {{id: s{s}, name: Segment {s}, description: The people of segment {s}, "
                     f"concerns: [Price, Speed, Trust], size: {1000 + s}}}")
    lines.append("personas:")
    for p in range(personas):
        lines.append(f"  - {{id: p{p}, segment: s{p % segments}, name: Person {p}, age: {20 + p % 40}, "
                     f"occupation: Job {p}, goals: [Save time, Save money], frustrations: [Queues, Fees], "
                     f"quote: I want it to just work, channels: [c{p % channels}]}}")
    lines.append("value_propositions:")
    for v in range(segments):
        lines.append(f"  - {{id: v{v}, name: Offer {v}, segments: [s{v}], products: [Product {v}], "
                     f"values: {{functional: [Fast], emotional: [Calm]}}, pains_relieved: [Waiting]}}")
    lines.append("channels:")
    for c in range(channels):
        serves = ", ".join(f"s{s}: {(c + s) % 4}" for s in range(0, segments, max(1, segments // 6)))
        lines.append(f"  - {{id: c{c}, name: Channel {c}, category: {['physical', 'mobile', 'internet'][c % 3]}, "
                     f"phases: [awareness, purchase], serves: {{{serves}}}}}")
    lines.append("relationships:")
    for s in range(segments):
        lines.append(f"  - {{segment: s{s}, type: self_service, motivations: [retention], tactics: [Newsletter]}}")
    lines.append("journeys:")
    for p in range(personas):
        lines.append(f"  - id: j{p}\n    persona: p{p}\n    stages:")
        for k, stage in enumerate(stages):
            lines.append(f"      - {{stage: {stage}, emotion: {(k + p) % 5 - 2}, actions: [Does step {k}], "
                         f"thoughts: [Thinks about step {k}], pain_points: [Pain {k}], touchpoints: [c{k % channels}], "
                         f"opportunities: [Improve step {k}]}}")
    lines.append("funnel:\n  stages:")
    for n, stage in enumerate(ids("funnel_stages")):
        lines.append(f"    - {{stage: {stage}, count: {10000 // (n + 1)}}}")
    lines.append("competitors:")
    for c in range(scale * 2):
        lines.append(f"  - {{id: k{c}, name: Rival {c}, markets: [{{segment: s{c % segments}, share: 10}}]}}")
    for block in OTHER:
        lines.append(f"{block}: [" + ", ".join(f"{{name: {block} {i}}}" for i in range(2 * scale)) + "]")
    return "\n".join(lines) + "\n"


def largest_yaml(links: int = 0) -> str:
    """The largest model the loader accepts (canvas/limits.py), in its costliest shape: every
    block that has a report card or page full, the rest of the entries as journey stages, all the
    text it may hold, and `links` references from each persona (channels), proposition (segments)
    and channel (strengths per segment), (canvas.limits.VALUES leaves room for about seven each)."""
    from canvas import limits

    from canvas.source import parse

    n = limits.PER_BLOCK
    journeys = (limits.ENTRIES - 5 * n) // 2  # each with one stage: two entries
    fields = 5 * n + journeys  # texts that get a long description below
    rest = sum(len(t) for _, t in limits.texts(parse(_largest(n, journeys, "x", links), "largest").data)) - fields
    chars = min(limits.TEXT, (limits.ALL_TEXT - rest) // fields)
    words = ("customers wait for service while the quick brown fox jumps over a lazy dog " * (chars // 70 + 1))[:chars]
    return _largest(n, journeys, words[:chars].rstrip(), links)


def _largest(n: int, journeys: int, text: str, links: int) -> str:
    segs = ", ".join(f"s{i}" for i in range(links))
    lines = ["version: 1", "meta: {title: Largest, language: en}", "segments:"]
    lines += [f"  - {{id: s{i}, name: Segment {i}, description: {text}}}" for i in range(n)]
    lines.append("personas:")
    lines += [f"  - {{id: p{i}, segment: s{i}, name: Person {i}, bio: {text}"
              + (f", channels: [{', '.join(f'c{k}' for k in range(links))}]" if links else "") + "}"
              for i in range(n)]
    lines.append("value_propositions:")
    lines += [f"  - {{id: v{i}, name: Offer {i}, description: {text}" + (f", segments: [{segs}]" if links else "") + "}"
              for i in range(n)]
    lines.append("channels:")
    serves = ", ".join(f"s{k}: {k % 4}" for k in range(links))
    lines += [f"  - {{id: c{i}, name: Channel {i}, category: mobile, description: {text}"
              + (f", serves: {{{serves}}}" if links else "") + "}" for i in range(n)]
    lines.append("relationships:")
    lines += [f"  - {{segment: s{i}, type: self_service, description: {text}}}" for i in range(n)]
    lines.append("journeys:")
    lines += [f"  - {{id: j{i}, persona: p{i % n}, goal: {text}, stages: [{{stage: awareness, actions: [Look]}}]}}"
              for i in range(journeys)]
    return "\n".join(lines) + "\n"


def worst_yaml(shape: str, n: int) -> str:
    """A model of one worst shape of size `n` (hardening issue 13-17): `segments` (n segments, a
    proposition and a channel serving all), `namesakes` (n personas of one name), `relationships`
    (n segments with a relationship each), `long_word` (an unbroken word of n characters in a
    card, a table cell and a list)."""
    lines = ["version: 1", "meta: {title: Worst, language: en}"]
    if shape == "long_word":
        word = "w" * n
        lines += [f"segments: [{{id: s, name: S, description: {word}, concerns: [{word}]}}]",
                  f"relationships: [{{segment: s, type: self_service, tactics: [{word}]}}]"]
        return "\n".join(lines) + "\n"
    segments = 1 if shape == "namesakes" else n
    lines += ["segments:"] + [f"  - {{id: s{i}, name: Segment {i}}}" for i in range(segments)]
    if shape == "segments":
        ids = ", ".join(f"s{i}" for i in range(n))
        lines += [f"value_propositions: [{{id: v, name: V, segments: [{ids}]}}]",
                  f"channels: [{{id: c, name: C, category: mobile, serves: {{{ids.replace(',', ': 2,')}: 2}}}}]"]
    if shape == "namesakes":
        lines += ["personas:"] + [f"  - {{id: p{i}, segment: s0, name: Same Name}}" for i in range(n)]
    if shape == "relationships":
        lines += ["relationships:"] + [f"  - {{segment: s{i}, type: self_service, motivations: [retention]}}"
                                       for i in range(n)]
    return "\n".join(lines) + "\n"

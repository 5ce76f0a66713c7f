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

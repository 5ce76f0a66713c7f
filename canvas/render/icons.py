"""Small line icons for the canvas blocks, drawn for canvas on a 24-unit square and stroked in the
brand accent (a validated #RRGGBB)."""
from __future__ import annotations

from markupsafe import Markup

# block key -> SVG shapes (stroke only)
SHAPES = {
    "key_partners": '<rect x="2" y="8" width="12" height="8" rx="4"/><rect x="10" y="8" width="12" height="8" rx="4"/>',
    "key_activities": '<path d="M13 2 4 14h7l-1 8 10-13h-7z"/>',
    "key_resources": '<path d="M12 2 21 7v10l-9 5-9-5V7z"/><path d="M3 7l9 5 9-5M12 12v10"/>',
    "value_propositions": '<path d="M6 3h12l4 6-10 12L2 9z"/><path d="M2 9h20M9 3 7.5 9 12 21l4.5-12L15 3"/>',
    "relationships": '<path d="M12 20C5 15 2.5 11.5 2.5 8.2A4.7 4.7 0 0 1 12 6a4.7 4.7 0 0 1 9.5 2.2C21.5 11.5 19 15 12 20z"/>',
    "channels": '<path d="M2 6h12v10H2zM14 9h4l4 4v3h-8"/><circle cx="6" cy="18" r="2"/><circle cx="18" cy="18" r="2"/>',
    "segments": '<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20a6.5 6.5 0 0 1 13 0"/><circle cx="17" cy="9" r="2.5"/><path d="M16 14.5a5 5 0 0 1 6 5"/>',
    "cost_structure": '<path d="M3 12 12 3h9v9l-9 9z"/><circle cx="16.5" cy="7.5" r="1.5"/>',
    "revenue_streams": '<ellipse cx="12" cy="6" rx="8" ry="3"/><path d="M4 6v6c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12v6c0 1.7 3.6 3 8 3s8-1.3 8-3v-6"/>',
}


def icon(block: str, colour: str) -> Markup:
    """The block's icon as inline SVG ('' for a block without one)."""
    shapes = SHAPES.get(block)
    if shapes is None:
        return Markup("")
    return Markup('<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="{}" '
                  'stroke-width="2" stroke-linecap="round" stroke-linejoin="round">{}</svg>'
                  ).format(colour, Markup(shapes))

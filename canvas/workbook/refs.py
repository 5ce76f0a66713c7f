"""References between entries as cells show them, both ways: an entry's name, or 'Name [id]' where
the name alone would not say which entry is meant (two entries share it, or it is another
entry's id). The writer asks the same table the reader resolves with, so what canvas writes
reads back as the entry it meant, after any program's re-save (the id is plain text in the cell).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from .kinds import norm

# 'Families [b]': the id in square brackets at the end of a cell's text decides
BRACKET = re.compile(r"^(.*?)\s*\[\s*([^\[\]\s]+)\s*\]$", re.S)


@dataclass
class Names:
    """Which entries of one collection a cell's text stands for."""

    texts: dict[str, set[str]] = field(default_factory=dict)  # folded name or id -> ids
    ids: set[str] = field(default_factory=set)

    def add(self, text: str, entry_id: str, *, weak: bool = False) -> None:
        """`text` stands for `entry_id` too; a `weak` one only if it stands for nothing else yet."""
        if weak:
            self.texts.setdefault(norm(text), {entry_id})
        else:
            self.texts.setdefault(norm(text), set()).add(entry_id)

    def add_id(self, entry_id: str) -> None:
        """An id stands for its entry, and makes a name it equals (as folded) ambiguous."""
        self.ids.add(entry_id)
        self.add(entry_id, entry_id)

    def find(self, text: str) -> set[str]:
        """The ids `text` may stand for: the id in its brackets, else the entries of that name or id."""
        match = BRACKET.match(text.strip())
        if match and match.group(2) in self.ids:
            return {match.group(2)}
        return self.texts.get(norm(text), set())

    def show(self, entry_id: str, name: str) -> str:
        """How a cell refers to the entry: its name if that says which, else 'Name [id]'."""
        text = name or entry_id
        return text if entry_id not in self.ids or self.find(text) == {entry_id} else f"{text} [{entry_id}]"


_WRITTEN: WeakKeyDictionary = WeakKeyDictionary()  # view -> collection -> Names of its entries


def shown(v, collection: str, entry_id: str) -> str:
    """A reference cell's text for `entry_id` of `collection` in the view's language."""
    tables = _WRITTEN.setdefault(v, {})
    if collection not in tables:
        names = Names()
        for e in getattr(v.model, collection):
            if v.t(e.name):
                names.add(v.t(e.name), e.id)
        for e in getattr(v.model, collection):
            names.add_id(e.id)
        tables[collection] = names
    return tables[collection].show(entry_id, v.name_of(collection, entry_id))

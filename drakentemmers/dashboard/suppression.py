"""One suppression decision for every place a client figure is shown: the page, region pages, exports, PDF.

A table of client counts is described by its cells (any hashable key -> the number of clients counted, or
None where there is no figure) and by its sum relations: a total and the parts that add up to it (a year and
its months, the national figure and its regions, a region and its municipalities).

Primary suppression hides every cell of 1 to SMALL_NUMBER_THRESHOLD - 1 (0 is shown). Complementary
suppression then hides more cells until every relation is protected (see `protected`): no hidden cell can be
worked out by subtracting the shown cells from a shown total, and the hidden parts of a shown total together
hold at least the threshold, so "the hidden ones add up to 3" is not given away either. This is pure: no
database, no Django models.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from drakentemmers.core.kpis import SMALL_NUMBER_THRESHOLD


@dataclass(frozen=True)
class Relation:
    """total == sum(parts), for the figures counted (a region may also count what no part counts)."""

    total: Hashable
    parts: tuple[Hashable, ...]


def primary(counts: Mapping[Hashable, float | None]) -> set[Hashable]:
    return {key for key, n in counts.items() if n is not None and 0 < n < SMALL_NUMBER_THRESHOLD}


def protected(relation: Relation, counts: Mapping[Hashable, float | None], hidden: set[Hashable]) -> bool:
    """Whether no hidden member of the relation can be worked out from it alone.

    Either nothing in it is hidden, or at least two members are hidden and, when the total is shown, the
    hidden parts together hold at least the threshold (what the total minus the shown parts leaves).
    """
    if counts.get(relation.total) is None:
        return True
    parts = [p for p in relation.parts if counts.get(p) is not None]
    if not parts:
        return True
    members = [relation.total, *parts]
    hidden_members = [m for m in members if m in hidden]
    if not hidden_members:
        return True
    if len(hidden_members) < 2:
        return False
    if relation.total in hidden:
        return True
    return sum(counts[p] for p in parts if p in hidden) >= SMALL_NUMBER_THRESHOLD


def _next_to_hide(relation, counts, hidden, keep) -> Hashable | None:
    """The smallest shown non-zero part; else a shown zero part; else the total; None when nothing may go."""
    shown = [
        (counts[p] == 0, counts[p], index, p)
        for index, p in enumerate(relation.parts)
        if counts.get(p) is not None and p not in hidden and p not in keep
    ]
    if shown:
        return min(shown)[3]
    if relation.total not in hidden and relation.total not in keep:
        return relation.total
    return None


def hidden_cells(
    counts: Mapping[Hashable, float | None],
    relations: Iterable[Relation],
    *,
    hidden: Iterable[Hashable] = (),
    keep: Iterable[Hashable] = (),
) -> set[Hashable]:
    """The cells to hide: the small ones (primary), and as few others as this greedy rule finds so that
    every relation is `protected`, repeated until stable (hiding a cell for one relation may expose another).

    hidden: cells already hidden by an earlier decision (kept hidden); keep: cells decided elsewhere that must
    not be hidden here (a relation that could only be protected by hiding one of them stays as it is).
    """
    relations = list(relations)
    keep = set(keep)
    result = primary(counts) | set(hidden)
    changed = True
    while changed:
        changed = False
        for relation in relations:
            while not protected(relation, counts, result):
                pick = _next_to_hide(relation, counts, result, keep)
                if pick is None:
                    break
                result.add(pick)
                changed = True
    return result


def table_relations(rows: Iterable[Hashable], columns: Iterable[Hashable], *, row_total, column_total) -> list:
    """The relations of a table of (row, column) cells with a total column and a total row.

    row_total / column_total: the key of the total column and of the total row (cell keys are (row, column)).
    Every row adds up to its total-column cell and every column (the total column too) to its total-row cell.
    """
    rows, columns = list(rows), list(columns)
    relations = [Relation((r, row_total), tuple((r, c) for c in columns)) for r in [*rows, column_total]]
    relations += [Relation((column_total, c), tuple((r, c) for r in rows)) for c in [*columns, row_total]]
    return relations

"""Pieces the pure models share: joining names in words, reading saved text back, and the 2x2
grid of named items each scored twice from 0 to 10 (the value map and the stakeholder map).

Pure Python: no widgets and no charts here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

Q = TypeVar("Q")


class Placed(Protocol):
    """An item of a 2x2 grid: it knows its quadrant."""

    @property
    def quadrant(self) -> object: ...


T = TypeVar("T", bound=Placed)

SCORE_MIN = 0
SCORE_MAX = 10
#: The lowest score that counts as high.
HIGH_FROM = 6


def join_names(names: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def strings_from(data: object, keys: Iterable[str]) -> dict[str, str]:
    """The text under each of ``keys`` in saved ``data``, as typed; anything missing or
    unreadable comes back empty."""
    data = data if isinstance(data, dict) else {}
    return {k: data[k] if isinstance(data.get(k), str) else "" for k in keys}


def check_score(score: object, what: str, name: str, model: str) -> int:
    """Return ``score`` if it is a whole number from 0 to 10; otherwise raise ValueError.

    ``model`` starts the message ("value map"), ``what`` names the score and ``name`` the item.
    """
    who = f"'{name}' has " if name else ""
    if isinstance(score, bool) or not isinstance(score, int):
        raise ValueError(
            f"{model}: {who}{score!r} for {what}; scores are whole numbers "
            f"from {SCORE_MIN} to {SCORE_MAX}"
        )
    if not SCORE_MIN <= score <= SCORE_MAX:
        raise ValueError(
            f"{model}: {who}{score} for {what}, outside the scale; scores run "
            f"from {SCORE_MIN} to {SCORE_MAX}"
        )
    return score


def corner(first_high: bool, second_high: bool, quadrants: Sequence[Q]) -> Q:
    """The quadrant for two high/low verdicts, from ``quadrants`` in the order: both high,
    only the first high, only the second high, neither."""
    both, first, second, neither = quadrants
    match first_high, second_high:
        case True, True:
            return both
        case True, False:
            return first
        case False, True:
            return second
    return neither


def groups(items: Iterable[T], quadrants: Iterable[Q]) -> list[tuple[Q, list[T]]]:
    """Every quadrant in the order given, with the items (each has ``.quadrant``) in it."""
    items = list(items)
    return [(q, [i for i in items if i.quadrant is q]) for q in quadrants]


def score_table(headers: tuple[str, str, str, str], rows: Iterable[tuple]) -> str:
    """A fixed-width table of (name, score, score, label) rows: the name padded to the widest,
    each score right-aligned under its heading."""
    rows = list(rows)
    name, first, second, label = headers
    width = max([len(name), *(len(r[0]) for r in rows)])
    lines = [f"{name:<{width}}  {first}  {second}  {label}"]
    lines += [
        f"{n:<{width}}  {a:>{len(first)}}  {b:>{len(second)}}  {what}" for n, a, b, what in rows
    ]
    return "\n".join(lines)


def summary_text(title: str, headline: str, scale: str, table: str, readings: list[str]) -> str:
    """A grid's summary as plain text: title and headline, the scale, the table, the readings."""
    return "\n".join([f"{title}: {headline}", scale, "", table, "", *readings])

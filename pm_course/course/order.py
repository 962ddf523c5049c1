"""The order a learner sees a question's options in: shuffled per learner, the same every time.

A question's options are written in the content in the author's order, which can give the
answer away (the right one first, or the steps already in order). Each learner sees them in an
order of their own, fixed by a random seed kept beside their progress file and the question id:
the same on every rerun and after a restart (so a saved answer shows where it was), different
from one learner to the next. Grading never depends on it: answers are the options' texts.

The text fallback (GitHub, nbval) has no learner: it lists options in a neutral fixed order
instead (see :mod:`pm_course.course.text`).
"""

from __future__ import annotations

import random
import re
import secrets
import weakref
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from .store import Store

T = TypeVar("T")

#: The file beside the progress file that keeps the learner's seed. Not an event in the
#: progress log: it is no answer, so it never shows in counts, exports or resets.
SEED_FILE = "learner-seed.txt"
#: The types whose options are shown shuffled (a poll's options are a scale: kept in order).
SHUFFLED_TYPES = ("single", "multiple", "ordering", "categorise")

_SEEDS: weakref.WeakKeyDictionary[Store, str] = weakref.WeakKeyDictionary()


def _usable(seed: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-f]{8,64}", seed))


def _read(path: Path) -> str | None:
    try:
        seed = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return seed if _usable(seed) else None


def _read_or_make(store: Store) -> str:
    """The seed in the store's folder, made there if there is none; a seed for this session
    only when the store keeps nothing on disk (or the folder cannot take it)."""
    new = secrets.token_hex(8)
    if store.in_memory:
        return new
    path = store.home / SEED_FILE
    found = _read(path)
    if found:
        return found
    try:
        with open(path, "x", encoding="utf-8") as file:  # never replaces another kernel's
            file.write(new + "\n")
        return new
    except FileExistsError:  # another kernel made it just now
        return _read(path) or new
    except OSError:
        return new


def learner_seed(store: Store) -> str:
    """The learner's random seed, kept beside their progress file (made the first time)."""
    seed = _SEEDS.get(store)
    if seed is None:
        seed = _SEEDS[store] = _read_or_make(store)
    return seed


def learner_order(
    seed: str, question_id: str, values: Sequence[T], *, written_is_answer: bool = False
) -> list[T]:
    """``values`` in the order this learner sees them for this question.

    Pure and deterministic: the same seed and question id always give the same order, on any
    machine and Python run; another seed gives (almost always) another order. Every order is
    equally likely, unless ``written_is_answer`` (steps to put in order): then the written
    order, which is the answer, is never the one shown.
    """
    out = list(values)
    rng = random.Random(f"pm-course:{seed}:{question_id}")
    rng.shuffle(out)
    if written_is_answer and len(out) > 1 and out == list(values):
        out = out[1:] + out[:1]  # a rotation of the written order is never the written order
    return out


def neutral(values: Iterable[str]) -> list[str]:
    """``values`` in a fixed order that says nothing about the answer: A to Z."""
    return sorted(values, key=lambda v: (v.casefold(), v))

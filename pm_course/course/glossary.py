"""The glossary: key phrases for product managers, loaded and checked from ``glossary.toml``.

The source page ends with an empty list, "Key phrases for product managers:"; notebook 08
completes it from ``pm_course/content/glossary.toml``. This module reads that file into frozen
:class:`Term` records and refuses a file that is wrong, with an error that names the file and
the phrase, as :mod:`pm_course.course.content` does for questions. It also searches the glossary.

Pure Python: no widgets here (see ``pm_course.activities.glossary.view``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .content import CONTENT_DIR, ContentError, course

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

GLOSSARY_FILE = CONTENT_DIR / "glossary.toml"
#: The fields a ``[[terms]]`` table may have.
FIELDS = ("phrase", "definition", "notebook", "see_also")


class GlossaryError(ContentError):
    """The glossary file is broken; the message names the file and the phrase."""


@dataclass(frozen=True)
class Term:
    """One key phrase: its definition, the notebook that teaches it, and related phrases."""

    phrase: str
    definition: str
    notebook: str
    see_also: tuple[str, ...] = ()

    @property
    def number(self) -> str:
        """The two-digit number of the notebook that teaches the phrase, such as '05'."""
        return self.notebook.split("_", 1)[0]


# --- loading and checking ---------------------------------------------------------------------


def _fail(filename: str, phrase: str | None, message: str) -> GlossaryError:
    where = f"{filename}: phrase {phrase!r}" if phrase else filename
    return GlossaryError(f"{where} {message}")


def _text(raw: dict, key: str, filename: str, phrase: str | None) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(filename, phrase, f"needs {key!r} as non-empty text")
    return " ".join(value.split())


def parse_term(raw: object, *, filename: str, slugs: Iterable[str], index: int = 0) -> Term:
    """Check one ``[[terms]]`` table and return its :class:`Term`."""
    if not isinstance(raw, dict):
        raise _fail(filename, None, f"term {index} is not a table; write it as [[terms]]")
    phrase = raw.get("phrase")
    if not isinstance(phrase, str) or not phrase.strip():
        raise _fail(filename, None, f"term {index} has no 'phrase'")
    phrase = " ".join(phrase.split())
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise _fail(filename, phrase, f"has unknown field {unknown[0]!r}; use {', '.join(FIELDS)}")
    definition = _text(raw, "definition", filename, phrase)
    notebook = _text(raw, "notebook", filename, phrase)
    known = list(slugs)
    if notebook not in known:
        raise _fail(
            filename,
            phrase,
            f"names notebook {notebook!r}, which is not a section of the course; use one of "
            f"{', '.join(known)}",
        )
    see_also = raw.get("see_also", [])
    if not isinstance(see_also, list) or not all(
        isinstance(s, str) and s.strip() for s in see_also
    ):
        raise _fail(filename, phrase, "needs 'see_also' as a list of phrases")
    return Term(
        phrase=phrase,
        definition=definition,
        notebook=notebook,
        see_also=tuple(" ".join(s.split()) for s in see_also),
    )


def parse_glossary(
    text: str, filename: str = GLOSSARY_FILE.name, slugs: Iterable[str] | None = None
) -> tuple[Term, ...]:
    """Parse and check the TOML text of a glossary file; ``slugs`` are the allowed notebooks."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(filename, None, f"is not valid TOML ({exc})") from None
    raw_terms = data.get("terms")
    if not isinstance(raw_terms, list) or not raw_terms:
        raise _fail(filename, None, "needs its phrases as [[terms]] tables")
    known = tuple(slugs) if slugs is not None else tuple(s.slug for s in course())
    terms = tuple(
        parse_term(raw, filename=filename, slugs=known, index=i)
        for i, raw in enumerate(raw_terms, start=1)
    )
    seen: dict[str, str] = {}
    for term in terms:
        key = term.phrase.casefold()
        if key in seen:
            raise _fail(
                filename,
                term.phrase,
                f"appears twice (also as {seen[key]!r}); phrases must be unique, ignoring case",
            )
        seen[key] = term.phrase
    for term in terms:
        for other in term.see_also:
            if other.casefold() not in seen:
                raise _fail(
                    filename, term.phrase, f"has see_also {other!r}, which is not in the glossary"
                )
            if other.casefold() == term.phrase.casefold():
                raise _fail(filename, term.phrase, "lists itself under see_also")
    return terms


def load_glossary(
    path: Path = GLOSSARY_FILE, slugs: Iterable[str] | None = None
) -> tuple[Term, ...]:
    """Read and check a glossary file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path.name, None, f"cannot be read ({exc})") from None
    return parse_glossary(text, path.name, slugs)


@cache
def glossary() -> tuple[Term, ...]:
    """The course's glossary, loaded once per process, in A to Z order."""
    return sort_terms(load_glossary())


def term(phrase: str, terms: Iterable[Term] | None = None) -> Term:
    """One term by its phrase, ignoring case."""
    for t in terms if terms is not None else glossary():
        if t.phrase.casefold() == phrase.casefold():
            return t
    raise KeyError(f"no phrase {phrase!r} in the glossary")


# --- order and search -------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Lower case, with anything but letters and digits turned into single spaces."""
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def sort_terms(terms: Iterable[Term]) -> tuple[Term, ...]:
    """Terms in A to Z order of their phrase, ignoring case and punctuation."""
    return tuple(sorted(terms, key=lambda t: (_fold(t.phrase), t.phrase)))


def _words_match(words: list[str], text: str) -> bool:
    """True if every word of two or more letters starts a word of ``text``."""
    words = [w for w in words if len(w) > 1]
    return bool(words) and all(re.search(rf"\b{re.escape(w)}", text) for w in words)


def _rank(term: Term, query: str, words: list[str]) -> int | None:
    """How well a term matches (lower is better), or None for no match."""
    phrase, definition = _fold(term.phrase), _fold(term.definition)
    if phrase == query:
        return 0
    if f" {query}" in f" {phrase}":
        return 1
    if query in phrase:
        return 2
    if _words_match(words, phrase):
        return 3
    if query in definition:
        return 4
    if _words_match(words, f"{phrase} {definition}"):
        return 5
    return None


def search(terms: Iterable[Term], query: str, notebook: str | None = None) -> list[Term]:
    """Terms matching ``query`` in their phrase or definition, best first.

    The match ignores case and punctuation ("power interest" finds "Power-interest grid").
    Phrase matches come first (the whole phrase, then the start of a word in it, then anywhere
    in it), then definition matches; ties keep A to Z order. An empty query matches every term.
    ``notebook``, if given, keeps only the phrases that notebook teaches.
    """
    if not isinstance(query, str):
        raise ValueError(f"glossary search: the search must be text, not {type(query).__name__}")
    pool = [t for t in sort_terms(terms) if not notebook or t.notebook == notebook]
    folded = _fold(query)
    if not folded:
        return pool
    words = folded.split()
    ranked = [
        (rank, i, t) for i, t in enumerate(pool) if (rank := _rank(t, folded, words)) is not None
    ]
    return [t for _, _, t in sorted(ranked, key=lambda r: (r[0], r[1]))]


def in_phrase(term: Term, query: str) -> bool:
    """True if the query matches the term's phrase (not only its definition)."""
    folded = _fold(query)
    return bool(folded) and (
        folded in _fold(term.phrase) or _words_match(folded.split(), _fold(term.phrase))
    )


__all__ = [
    "GLOSSARY_FILE",
    "GlossaryError",
    "Term",
    "glossary",
    "in_phrase",
    "load_glossary",
    "parse_glossary",
    "parse_term",
    "search",
    "sort_terms",
    "term",
]

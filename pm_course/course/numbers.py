"""Read the numbers people type: "12%", "1,200", " 14 100 ", "1.2k", "£3.5m", "-0.25"."""

from __future__ import annotations

import math
import re

_SUFFIXES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "billion": 1e9,
}
_CURRENCY = "£$€¥"
# digits with optional thousands groups ("14 100", "1,200", "1'000"), then an optional decimal part
_NUMBER = re.compile(
    r"""^(?P<sign>[-+\u2212]?)\s*
        (?P<int>\d{1,3}(?:(?P<sep>[,\u00a0\u202f '])\d{3})(?:(?P=sep)\d{3})*|\d*)
        (?P<frac>\.\d*)?
        (?:e(?P<exp>[-+]?\d+))?$""",
    re.VERBOSE | re.IGNORECASE,
)


class NumberError(ValueError):
    """The text is not a number; the message says why, in words a learner can act on."""


def parse_number(text: object) -> float:
    """Return the number in ``text``, or raise :class:`NumberError` with a helpful message.

    Accepted: surrounding spaces, a sign, thousands separated by commas, spaces or
    apostrophes, a decimal point, an exponent, a trailing ``%``, a currency sign and the
    suffixes k, m, bn (or thousand, million, billion).
    """
    if isinstance(text, bool):
        raise NumberError("Type a number, such as 14100 or 12%.")
    if isinstance(text, int | float):
        value = float(text)
        if not math.isfinite(value):
            raise NumberError("Type a finite number.")
        return value
    if not isinstance(text, str):
        raise NumberError("Type a number, such as 14100 or 12%.")
    raw = text.strip()
    if not raw:
        raise NumberError("Type a number first.")
    s = raw.lower().replace("\u2212", "-")
    s = s.strip(_CURRENCY).strip()
    if s.startswith(("-", "+")):
        sign, s = s[0], s[1:].strip().lstrip(_CURRENCY).strip()
    else:
        sign = ""
    if s.endswith("%"):
        s = s[:-1].strip()
    factor = 1.0
    word = re.search(r"[a-z]+$", s)
    if word and word.group() in _SUFFIXES and not re.search(r"\de[-+]?\d*$", s):
        factor = _SUFFIXES[word.group()]
        s = s[: word.start()].strip()
    if re.fullmatch(r"\d+,\d{1,2}", s) or re.fullmatch(r"\d+,\d{4,}", s):
        raise NumberError(f"{raw!r}: use a point for decimals (for example {s.replace(',', '.')}).")
    match = _NUMBER.match(s)
    if not match or not (match.group("int") or (match.group("frac") or "").strip(".")):
        raise NumberError(
            f"{raw!r} is not a number. Type digits, such as 14100, 1,200, 12% or 1.2k."
        )
    digits = re.sub(r"[,\u00a0\u202f ']", "", match.group("int")) or "0"
    number = f"{sign}{digits}{match.group('frac') or ''}"
    if match.group("exp"):
        number += f"e{match.group('exp')}"
    try:
        value = float(number) * factor
    except (ValueError, OverflowError):  # pragma: no cover - the pattern admits only floats
        raise NumberError(f"{raw!r} is not a number.") from None
    if not math.isfinite(value):
        raise NumberError(f"{raw!r} is too large.")
    return value


def format_number(value: float, unit: str = "") -> str:
    """Write a number the way the course prints them: 14,100 or 12.5%."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}"
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"

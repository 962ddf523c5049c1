"""Reading the numbers learners type: a table of real inputs and property tests."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pm_course.course.numbers import NumberError, format_number, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12%", 12),
        ("1,200", 1200),
        (" 14 100 ", 14100),
        ("14,100", 14100),
        ("14100", 14100),
        ("1.2k", 1200),
        ("1.2 K", 1200),
        ("£3.5m", 3_500_000),
        ("$100M", 100_000_000),
        ("2bn", 2e9),
        ("-0.25", -0.25),
        ("−5", -5),
        ("+7", 7),
        (".5", 0.5),
        ("5.", 5),
        ("1e3", 1000),
        ("1'000'000", 1_000_000),
        ("14\u202f100", 14100),
        ("0", 0),
        (7, 7),
        (2.5, 2.5),
    ],
)
def test_real_inputs(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "'abc' is not a number"),
        ("", "Type a number first"),
        ("   ", "Type a number first"),
        ("1,5", "use a point for decimals"),
        ("12..5", "is not a number"),
        ("1,20,0", "is not a number"),
        ("k", "is not a number"),
        ("%", "is not a number"),
        ("1e999", "too large"),
        (None, "Type a number"),
        (True, "Type a number"),
        ([], "Type a number"),
        (float("nan"), "finite"),
    ],
)
def test_rejects_with_clear_message(text, message):
    with pytest.raises(NumberError, match=message):
        parse_number(text)


finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)


@given(finite)
def test_repr_round_trips(x):
    assert parse_number(repr(x)) == x


@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_separators_round_trip(n):
    for sep in (",", " ", "'"):
        assert parse_number(f"{n:,}".replace(",", sep)) == n


@given(st.integers(min_value=-(10**9), max_value=10**9), st.sampled_from(["", " ", "  "]))
def test_spaces_and_percent_do_not_change_the_value(n, pad):
    assert parse_number(f"{pad}{n}%{pad}") == n


@given(st.text(max_size=12))
def test_any_text_parses_or_says_why(text):
    try:
        value = parse_number(text)
    except NumberError as exc:
        assert str(exc)
    else:
        assert math.isfinite(value)


@given(finite)
def test_formatted_numbers_read_back(x):
    assert parse_number(format_number(x)) == pytest.approx(float(f"{x:.6g}"), rel=1e-6)

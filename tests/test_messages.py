"""Small wording fixes a learner noticed: no double full stop after a message that has one."""

from __future__ import annotations

import pytest

from pm_course.models.rice.model import read_rows


@pytest.mark.parametrize("effort", ["1,5", "0,25"])
def test_a_decimal_comma_message_ends_with_one_full_stop(effort):
    reading = read_rows(
        [{"name": "Chat", "reach": "100", "impact": 1, "confidence": 80, "effort": effort}]
    )
    [message] = reading.errors
    assert "use a point for decimals (for example" in message
    assert message.endswith(").") and ".." not in message

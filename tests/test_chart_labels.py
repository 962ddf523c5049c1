"""Chart labels never sit on each other, on a bar, a curve or an axis, and a chart keeps its
size as its labels move (the value map's names, the A/B p-value count, the peeking label, the
progress chart). Measured with matplotlib's own renderer on the real figures."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

import pm_course
from pm_course.course.summary import section_progress
from pm_course.models.value_map.model import PRESETS, Work
from pm_course.ui import charts

pytestmark = pytest.mark.charts


def boxes(chart: charts.LiveChart, texts) -> list:
    """Each text's box in pixels, as the last picture drew it."""
    renderer = chart.renderer()
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts if t.get_text()]


def overlapping(named_boxes) -> list[tuple[str, str]]:
    """Pairs of texts whose boxes share more than a pixel's width."""
    return [
        (a, b)
        for (a, one), (b, other) in itertools.combinations(named_boxes, 2)
        if min(one.x1, other.x1) - max(one.x0, other.x0) > 1
        and min(one.y1, other.y1) - max(one.y0, other.y0) > 1
    ]


def inside(chart: charts.LiveChart, box) -> bool:
    frame = chart.ax.get_window_extent(chart.renderer())
    return frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1 and frame.y0 - 1 <= box.y0


# --- the value map --------------------------------------------------------------------------


def value_map(scores: list[tuple[int, int]]):
    """A value map whose works have these (value, needs) scores."""
    works = tuple(
        Work(f"Piece of work {i + 1}", "detail", value, needs)
        for i, (value, needs) in enumerate(scores)
    )
    return pm_course.value_map(works)


CASES = {
    "the examples": [(w.value, w.needs) for w in PRESETS],
    "side by side": [(7, 6), (7, 7), (7, 8), (2, 2), (2, 3)],
    "one above the other": [(6, 7), (7, 7), (8, 7), (5, 7)],
    "two equal points": [(7, 7), (7, 7), (3, 3)],
    "the four corners": [(0, 0), (10, 10), (0, 10), (10, 0), (10, 9)],
    "a cluster": [(5, 5), (5, 6), (6, 5), (6, 6), (4, 5)],
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_value_map_labels_never_overlap(store, case):
    view = value_map(CASES[case])
    chart = view._chart
    labels = chart.artists["labels"]
    named = boxes(chart, chart.ax.texts)  # the names beside the points and the corner titles
    assert not overlapping(named), f"{case}: labels overlap: {overlapping(named)}"
    for name, box in boxes(chart, labels):
        assert inside(chart, box), f"{case}: {name!r} runs off the chart"
    if case == "two equal points":  # one label names both
        assert any("\n" in t.get_text() for t in labels)
    if case == "the examples":  # no name sits on the dashed lines between the quadrants
        for name, box in boxes(chart, labels):
            for line in chart.ax.get_lines():
                path = line.get_transform().transform_path(line.get_path())
                assert not path.intersects_bbox(box, filled=False), f"{name!r} on a line"


def test_value_map_labels_move_clear_of_a_point_that_arrives(store):
    """A slider brings a point next to another: the labels make way, on the next picture."""
    view = value_map([(7, 6), (3, 3)])
    view.controls["Piece of work 2:needs"].value = 7
    view.controls["Piece of work 2:value"].value = 7
    chart = view._chart
    assert not overlapping(boxes(chart, chart.ax.texts))
    markers = charts.marker_boxes(chart)
    for name, box in boxes(chart, chart.artists["labels"]):
        for point in markers:
            assert overlapping([(name, box), ("point", point)]) == [], f"{name!r} covers a point"


# --- the A/B test simulator -----------------------------------------------------------------


@pytest.mark.parametrize("lift", [0.0, 1.0, 5.0])
def test_p_value_label_sits_above_every_bar(store, lift):
    view = pm_course.ab_test(lift=lift)
    chart = view._p_values
    renderer = chart.renderer()
    (note,) = [t for t in chart.ax.texts if t.get_text().startswith("← p < 0.05")]
    box = note.get_window_extent(renderer)
    for bar in chart.artists["bars"]:
        top = bar.get_window_extent(renderer)
        assert overlapping([("note", box), ("bar", top)]) == [], f"lift {lift}: over a bar"
    assert inside(chart, box)


# --- peeking --------------------------------------------------------------------------------


def test_peeking_label_stays_clear_and_the_plot_keeps_its_size(store):
    view = pm_course.peeking(looks=1)
    chart = view._chart
    renderer = chart.renderer()
    where = None
    for looks in [*range(1, 21), 1]:
        view.controls["looks"].value = looks
        note = chart.artists["note"]
        box = note.get_window_extent(renderer)
        others = [t for t in chart.ax.texts if t is not note]
        ticks = chart.ax.get_xticklabels() + chart.ax.get_yticklabels()
        named = [("note", box), *boxes(chart, others), *boxes(chart, ticks)]
        named.append(("legend", chart.ax.get_legend().get_window_extent(renderer)))
        assert not overlapping(named), f"{looks} looks: {overlapping(named)}"
        assert inside(chart, box), f"{looks} looks: the label leaves the plot"
        for line in chart.artists["lines"]:
            path = line.get_transform().transform_path(line.get_path())
            assert not path.intersects_bbox(box, filled=False), f"{looks} looks: on a line"
        now = tuple(round(v) for v in chart.ax.get_window_extent(renderer).extents)
        assert where in (None, now), f"{looks} looks: the plot moved from {where} to {now}"
        where = now


# --- the progress chart ---------------------------------------------------------------------


def progress_figure(rows):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 4), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    charts.draw_progress(ax, rows)
    fig.draw_without_rendering()
    return ax


def test_progress_chart_is_compact_ends_at_100_and_says_not_started_once(store):
    rows = section_progress(store)
    ax = progress_figure(rows)
    assert ax.get_xlim() == (0, 100)
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("not started") == len(rows)
    assert not any("0%" in t for t in texts)
    import io

    from PIL import Image

    height = Image.open(io.BytesIO(charts.progress_chart(rows))).height
    assert height <= 45 * len(rows) + 100, f"{height} px for {len(rows)} sections"


def test_progress_chart_labels_say_done_and_score(store):
    rows = section_progress(store)
    rows[0] = dataclasses.replace(rows[0], done=rows[0].total, graded=3, score=2.0)
    rows[1] = dataclasses.replace(rows[1], done=1, graded=0, score=0.0)
    ax = progress_figure(rows)
    texts = [t.get_text() for t in ax.texts]
    assert f"{rows[0].total} of {rows[0].total} done, score 67%" in texts
    assert f"1 of {rows[1].total} done" in texts
    renderer = ax.figure.canvas.get_renderer()
    named = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts]
    named += [(t.get_text(), t.get_window_extent(renderer)) for t in ax.get_yticklabels()]
    assert not overlapping(named)


# --- the layout's room: measured once per scale -------------------------------------------------


def test_a_chart_moved_to_and_fro_measures_each_scale_once_and_never_clips(monkeypatch):
    """``LiveChart.fit`` with a key: back and forth between two scales measures each once;
    a wider label is measured and gets room (the layout is worked out again, then the keys
    are measured afresh against it)."""
    measured = []
    real = charts.LiveChart._measure
    monkeypatch.setattr(charts.LiveChart, "_measure", lambda self: measured.append(1) or real(self))

    def setup(ax):
        (line,) = ax.plot([0, 1], [0, 1])
        return {"line": line}

    chart = charts.LiveChart(setup, size=(4, 3))

    def show(top: float) -> None:
        chart.artists["line"].set_ydata([0, top])
        chart.ax.relim()
        chart.ax.autoscale_view()
        labels = tuple(t.get_text() for t in chart.ax.yaxis.get_majorticklabels())
        chart.fit(labels)
        chart.png()

    for top in (1.0, 2.0, 1.0, 2.0):  # the wider 2.00 labels get their room once
        show(top)
    measured.clear()
    for top in (1.0, 2.0) * 4:
        show(top)
    assert measured == []  # both scales fit the layout: known, not measured again
    left = float(chart.ax.get_window_extent(chart.renderer()).x0)
    show(150_000)  # wider tick labels: measured, and the layout makes room
    outer = chart.ax.get_tightbbox(chart.renderer())
    assert outer.x0 >= 0, "the wide tick labels were clipped on the left"
    assert chart.ax.get_window_extent(chart.renderer()).x0 > left
    measured.clear()
    show(1.0)
    assert len(measured) == 1  # a new layout: the old scale is measured again

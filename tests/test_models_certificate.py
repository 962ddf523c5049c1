"""The completion certificate: the page it builds, where it goes and the view."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from pm_course.activities.certificate.model import (
    NAME_MAX,
    NOTE_KEY,
    certificate_html,
    clean_name,
    default_path,
)
from pm_course.course import content
from pm_course.course.store import Event

DAY = date(2024, 6, 3)
SECTIONS = [("01", "What is product management?"), ("05", "Product management is about value")]


def words(markup: str) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).strip()
    return unescape(re.sub(r" ([:;,.])", r"\1", text))


def page(name="Ada Lovelace", sections=SECTIONS, score="Final check, set 1: score 12 of 15."):
    return certificate_html(name, sections, score, DAY, 9)


# --- the page ---------------------------------------------------------------------------------


def test_the_page_states_the_name_sections_score_and_date():
    html = page()
    text = words(html)
    assert "This is to certify that Ada Lovelace has completed 2 of the 9 sections" in text
    assert "01 What is product management?" in text
    assert "05 Product management is about value" in text
    assert "Final check, set 1: score 12 of 15." in text
    assert "Date: 3 June 2024" in text
    assert '<time datetime="2024-06-03">' in html
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in html


def test_a_script_in_the_name_is_escaped_everywhere():
    html = page("<script>alert('x')</script> Ada")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Ada" in html
    assert "<title>Certificate: &lt;script&gt;" in html


def test_section_titles_and_score_are_escaped_too():
    html = page(sections=[("01", "A & <b>B</b>")], score="<i>12</i>")
    assert "A &amp; &lt;b&gt;B&lt;/b&gt;" in html
    assert "&lt;i&gt;12&lt;/i&gt;" in html


def test_the_page_is_self_contained_and_print_friendly():
    html = page()
    for external in ("http:", "https:", "src=", "<link", "<script", "@import", "url(", "href="):
        assert external not in html, external
    assert "@media print" in html and "@page" in html


def test_no_section_completed_yet_is_said_plainly():
    assert "no section is complete yet" in words(page(sections=[]))


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [
        ("  Ada   Lovelace ", "Ada Lovelace"),
        ("Ada\tLovelace\n", "Ada Lovelace"),
        ("A\x00da", "Ada"),
    ],
)
def test_names_are_tidied(name, cleaned):
    assert clean_name(name) == cleaned


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "type your name in the box first"),
        ("   \n", "type your name in the box first"),
        ("\x00\x07", "type your name in the box first"),
        (None, "as text"),
        ("x" * (NAME_MAX + 1), f"use at most {NAME_MAX}"),
    ],
)
def test_unusable_names_are_refused_clearly(name, message):
    with pytest.raises(ValueError, match=message):
        clean_name(name)


def test_impossible_facts_are_refused():
    with pytest.raises(ValueError, match="must be a date"):
        certificate_html("Ada", [], "", "2024-06-03", 9)
    with pytest.raises(ValueError, match="impossible"):
        certificate_html("Ada", SECTIONS, "", DAY, 1)


# --- the file ---------------------------------------------------------------------------------
# (it is written with pm_course.course.files.write_text_atomic: see test_files.py)


def test_the_default_file_is_dated_in_the_folder(tmp_path):
    assert default_path(DAY, tmp_path) == tmp_path / "pm-course-certificate-2024-06-03.html"


# --- the view ---------------------------------------------------------------------------------


def make(store, path, **kwargs):
    from pm_course.activities.certificate.view import CertificateView

    return CertificateView(path, store=store, today=DAY, **kwargs)


def test_the_public_entry_returns_the_view(store, tmp_path):
    import pm_course
    from pm_course.activities.certificate.view import CertificateView

    view = pm_course.certificate(str(tmp_path))
    assert isinstance(view, CertificateView)
    assert view.target() == tmp_path / f"pm-course-certificate-{date.today().isoformat()}.html"


def test_an_empty_name_gives_a_message_and_writes_nothing(store, tmp_path):
    out = tmp_path / "out"
    view = make(store, out)
    view.name.value = "   "
    view.save_button.click()
    assert words(view.status.value) == (
        "Type your name in the box first; it is printed on the certificate."
    )
    assert not out.exists()
    assert view.name.value == "   "  # nothing the learner typed is lost


def test_saving_writes_the_page_shows_the_path_and_keeps_the_name(store, tmp_path):
    view = make(store, tmp_path)
    view.name.value = "<script>x</script>Ada"
    view.save_button.click()
    target = tmp_path / "pm-course-certificate-2024-06-03.html"
    html = target.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;Ada" in html
    assert str(target.resolve()) in unescape(view.status.value)
    assert "Saved your certificate" in words(view.status.value)
    assert store.note(NOTE_KEY) == "<script>x</script>Ada"
    assert make(store, tmp_path).name.value == "<script>x</script>Ada"


def test_an_html_path_is_used_as_the_file(store, tmp_path):
    target = tmp_path / "mine.html"
    view = make(store, target)
    view.name.value = "Ada"
    view.save_button.click()
    assert target.exists()


def test_completed_sections_come_from_the_progress_store(store, tmp_path):
    sec = content.section("04")
    view = make(store, tmp_path)
    assert "sections completed (0 of" in words(view.contents.value)
    for q in sec.questions:
        store.add(Event(section=sec.slug, question=q.id, kind="reveal"))
    view.name.value = "Ada"
    written = view.save()
    assert isinstance(written, Path)
    html = written.read_text(encoding="utf-8")
    assert f"04 {sec.title}" in words(html)
    assert "has completed 1 of the" in words(html)
    assert "Final check, set 1: none of the 15 questions answered yet." in words(html)
    assert f"04 {sec.title}" in words(view.contents.value)


def test_the_text_fallback_is_deterministic(store, tmp_path):
    text = make(store, tmp_path)._text_plain()
    assert text == make(store, tmp_path / "other")._text_plain()
    assert "Save my certificate" in text and "2024" not in text

"""The glossary: the data file, its loader and validator, the search, and the view."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from pm_course.course import content
from pm_course.course.glossary import (
    GlossaryError,
    Term,
    glossary,
    in_phrase,
    load_glossary,
    parse_glossary,
    search,
    term,
)

ROOT = Path(__file__).resolve().parents[1]
SLUGS = ("01_a", "02_b", "08_key_phrases")

#: pm-facts.md, section 9: every phrase must be in the glossary (a phrase may add its
#: abbreviation in brackets, as "Minimum viable product (MVP)").
PM_FACTS_PHRASES = """user need; user story; acceptance criteria; discovery; alpha; beta; live;
retirement; minimum viable product; prototype; assumption; hypothesis; experiment; A/B test;
statistical significance; statistical power; minimum detectable effect; peeking;
build-measure-learn; validated learning; pivot; iteration; output; outcome; impact;
North Star metric; vanity metric; KPI; OKRs; HEART; product vision; product strategy; roadmap;
Now/Next/Later; backlog; prioritisation; RICE; MoSCoW; Kano model; cost of delay; WSJF;
stakeholder; power-interest grid; RACI; product life cycle; product-market fit;
value proposition; jobs to be done; persona; usability testing; continuous discovery;
opportunity solution tree; four product risks; multidisciplinary team; delivery manager;
technical debt; Conway's law; inverse Conway manoeuvre; show and tell; retrospective"""

#: Phrases whose notebook teaches them in other words: phrase -> words the notebook uses.
TAUGHT_AS = {
    "Four product risks": "four big risks",
    "Minimum detectable effect": "want to detect",
    "Prioritisation": "prioritiser",
    "Product vision": "vision",
    "Statistical power": "power",
    "Statistical significance": "significant",
}
AMERICAN = re.compile(
    r"\b(organiz\w*|prioritiz\w*|behavior\w*|colou?r(?<!colour)|center|favor\w*|analyz\w*|"
    r"program\b|catalog\b|defense|license\b|maneuver\w*)",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def notebook_text(slug: str) -> str:
    nb = json.loads((ROOT / "notebooks" / f"{slug}.ipynb").read_text(encoding="utf-8"))
    return fold(" ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"))


def toml_term(phrase="Pivot", definition="A change of course.", notebook="01_a", extra=""):
    return (
        f'[[terms]]\nphrase = "{phrase}"\ndefinition = "{definition}"\n'
        f'notebook = "{notebook}"\n{extra}\n'
    )


# --- the data file ----------------------------------------------------------------------------


def test_the_glossary_has_at_least_50_phrases():
    assert len(glossary()) >= 50


@pytest.mark.parametrize("phrase", [p.strip() for p in PM_FACTS_PHRASES.split(";")])
def test_every_phrase_of_pm_facts_section_9_is_defined(phrase):
    wanted = fold(phrase)
    found = [
        t
        for t in glossary()
        if fold(t.phrase) == wanted
        or fold(re.sub(r"\s*\(.*\)$", "", t.phrase)) == wanted
        or re.search(rf"\({re.escape(phrase)}\)$", t.phrase)
    ]
    assert len(found) == 1, f"{phrase!r} is not (exactly once) in glossary.toml"


def test_every_term_names_a_notebook_of_the_course_that_really_teaches_it():
    slugs = {s.slug for s in content.course()}
    texts: dict[str, str] = {}
    for t in glossary():
        assert t.notebook in slugs
        assert t.notebook != "00_start_here"
        texts.setdefault(t.notebook, notebook_text(t.notebook))
        words = fold(TAUGHT_AS.get(t.phrase, re.sub(r"\s*\(.*\)$", "", t.phrase)))
        assert words in texts[t.notebook], f"{t.notebook} never mentions {t.phrase!r}"


def test_notebook_08_teaches_its_own_phrases_in_bold():
    nb = json.loads((ROOT / "notebooks" / "08_key_phrases.ipynb").read_text(encoding="utf-8"))
    bold = {
        fold(b)
        for c in nb["cells"]
        if c["cell_type"] == "markdown"
        for b in re.findall(r"\*\*(.+?)\*\*", "".join(c["source"]))
    }
    own = [t for t in glossary() if t.notebook == "08_key_phrases"]
    assert len(own) >= 10
    for t in own:
        short = fold(re.sub(r"\s*\(.*\)$", "", t.phrase))
        assert {fold(t.phrase), short} & bold, f"notebook 08 should introduce **{t.phrase}**"


def test_definitions_are_one_or_two_sentences_in_british_spelling():
    for t in glossary():
        text = t.definition.replace("...", "").replace("e.g.", "eg")
        sentences = re.findall(r"[.!?](?:[\"')]*)(?:\s|$)", text)
        assert 1 <= len(sentences) <= 2, f"{t.phrase}: {len(sentences)} sentences"
        assert t.definition[0].isupper() or t.definition[0] in "\"'"
        assert not AMERICAN.search(t.definition), f"{t.phrase}: {AMERICAN.search(t.definition)}"


def test_see_also_points_at_other_phrases():
    phrases = {t.phrase for t in glossary()}
    for t in glossary():
        assert set(t.see_also) <= phrases - {t.phrase}


def test_the_glossary_is_in_a_to_z_order():
    keys = [fold(t.phrase) for t in glossary()]
    assert keys == sorted(keys)


def test_cited_facts_follow_pm_facts():
    assert "1965" in term("Product life cycle").definition
    assert "long before" in term("Product life cycle").definition  # Levitt did not invent it
    assert "14%" in term("Peeking").definition  # simulated rate, not 1 - 0.95^k
    assert "quadruples" in term("Minimum detectable effect").definition
    assert "exactly one" in term("RACI").definition
    assert "Won't have this time" in term("MoSCoW").definition


# --- the validator ------------------------------------------------------------------------------


def test_a_good_file_parses():
    terms = parse_glossary(
        toml_term() + toml_term("MVP", "Smallest product.", "02_b", 'see_also = ["Pivot"]'),
        "g.toml",
        SLUGS,
    )
    assert terms[1] == Term("MVP", "Smallest product.", "02_b", ("Pivot",))
    assert terms[1].number == "02"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (toml_term() + toml_term("PIVOT"), r"g\.toml: phrase 'PIVOT' appears twice.*'Pivot'"),
        (toml_term(definition=" "), r"g\.toml: phrase 'Pivot' needs 'definition'"),
        (toml_term(notebook="09_z"), r"phrase 'Pivot' names notebook '09_z'.*01_a, 02_b"),
        (toml_term(notebook=""), r"phrase 'Pivot' needs 'notebook'"),
        (toml_term(extra='see_also = ["Nope"]'), r"phrase 'Pivot' has see_also 'Nope'"),
        (toml_term(extra='see_also = ["pivot"]'), r"phrase 'Pivot' lists itself"),
        (toml_term(extra="see_also = 3"), r"phrase 'Pivot' needs 'see_also' as a list"),
        (toml_term(extra='colour = "red"'), r"phrase 'Pivot' has unknown field 'colour'"),
        ('[[terms]]\ndefinition = "x"\nnotebook = "01_a"\n', r"g\.toml term 1 has no 'phrase'"),
        ("terms = 3", r"g\.toml needs its phrases as \[\[terms\]\]"),
        ("[[terms]\n", r"g\.toml is not valid TOML"),
        ("terms = [1]", r"g\.toml term 1 is not a table"),
    ],
)
def test_a_broken_file_is_refused_naming_the_file_and_the_phrase(text, message):
    with pytest.raises(GlossaryError, match=message):
        parse_glossary(text, "g.toml", SLUGS)


def test_glossary_errors_are_content_errors_and_missing_files_are_named(tmp_path):
    assert issubclass(GlossaryError, content.ContentError)
    with pytest.raises(GlossaryError, match=r"nowhere\.toml cannot be read"):
        load_glossary(tmp_path / "nowhere.toml", SLUGS)


def test_the_loader_checks_against_the_course_sections(tmp_path):
    path = tmp_path / "g.toml"
    path.write_text(toml_term(notebook="05_value"), encoding="utf-8")
    assert load_glossary(path)[0].notebook == "05_value"
    path.write_text(toml_term(notebook="05_values"), encoding="utf-8")
    with pytest.raises(GlossaryError, match="'05_values', which is not a section"):
        load_glossary(path)


def test_unknown_phrase_lookup():
    with pytest.raises(KeyError, match="no phrase 'Synergy'"):
        term("Synergy")
    assert term("rice").phrase == "RICE"


# --- search -------------------------------------------------------------------------------------

TERMS = (
    Term("Vanity metric", "A number that looks good but guides no decision.", "02_b"),
    Term("HEART", "Five kinds of user-centred metric from Google.", "01_a"),
    Term("North Star metric", "The single measure of core value.", "01_a"),
    Term("Power-interest grid", "A map of stakeholders.", "02_b"),
    Term("Metric", "Something you measure.", "02_b"),
)


def names(found):
    return [t.phrase for t in found]


def test_search_ranks_phrase_matches_before_definition_matches():
    assert names(search(TERMS, "metric")) == [
        "Metric",
        "North Star metric",
        "Vanity metric",
        "HEART",
    ]


def test_search_ignores_case_and_punctuation():
    assert names(search(TERMS, "POWER interest")) == ["Power-interest grid"]
    assert names(search(TERMS, "  north-star ")) == ["North Star metric"]
    assert names(search(TERMS, "stakeholders")) == ["Power-interest grid"]


def test_an_empty_search_lists_everything_a_to_z():
    assert names(search(TERMS, "")) == [
        "HEART",
        "Metric",
        "North Star metric",
        "Power-interest grid",
        "Vanity metric",
    ]
    assert names(search(TERMS, "  \t")) == names(search(TERMS, ""))


def test_search_filters_by_notebook_and_finds_nothing_gracefully():
    assert names(search(TERMS, "metric", "01_a")) == ["North Star metric", "HEART"]
    assert search(TERMS, "synergy") == []
    assert search(TERMS, "%%%") == search(TERMS, "")


def test_search_refuses_a_non_text_query():
    with pytest.raises(ValueError, match="must be text"):
        search(TERMS, 3)


def test_in_phrase():
    assert in_phrase(TERMS[0], "vanity")
    assert not in_phrase(TERMS[0], "decision")
    assert not in_phrase(TERMS[0], "")


def test_the_course_glossary_finds_abbreviations():
    assert names(search(glossary(), "MVP"))[0] == "Minimum viable product (MVP)"
    assert names(search(glossary(), "a/b"))[0] == "A/B test"
    assert names(search(glossary(), "okr"))[0] == "Objectives and key results (OKRs)"


# --- the view -----------------------------------------------------------------------------------


def words(markup: str) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).strip()
    return unescape(re.sub(r" ([:;,.])", r"\1", text))


@pytest.fixture
def view():
    from pm_course.activities.glossary.view import GlossaryView

    return GlossaryView()


def test_the_public_entry_returns_the_view():
    import pm_course
    from pm_course.activities.glossary.view import GlossaryView

    assert isinstance(pm_course.key_phrases(), GlossaryView)


def test_typing_filters_live_with_a_count(view):
    total = len(glossary())
    assert view.query.continuous_update
    assert words(view.count.value) == f"{total} of {total} phrases"
    view.query.value = "metric"
    shown = words(view.count.value)
    assert shown == f"{len(search(glossary(), 'metric'))} of {total} phrases"
    assert words(view.results.value).startswith("Input metric")
    assert "<mark>metric</mark>" in view.results.value


def test_each_result_links_to_its_notebook_by_title(view):
    def link(slug, label):
        return re.search(
            rf"<a href='{slug}\.ipynb'[^>]*>{re.escape(label)}</a>", view.results.value
        )

    view.query.value = "Kano"
    assert link("05_value", "05 · Product management is about value")
    view.query.value = "product life cycle"
    assert link("02_product_life_cycle", "02 · The product life cycle")
    assert "tabindex='0'" in view.results.value  # the scrolling list can be reached by keyboard


def test_an_empty_result_says_so_and_suggests_a_shorter_search(view):
    view.query.value = "synergy <b>"
    text = words(view.results.value)
    assert "No phrase matches synergy <b>" in text
    assert "shorter search" in text
    assert "<b>" not in view.results.value  # what was typed is escaped
    assert words(view.count.value).startswith("0 of ")
    view.query.value = ""
    assert words(view.count.value).startswith(f"{len(glossary())} of ")


def test_choosing_a_notebook_keeps_its_phrases(view):
    view.notebook.value = "08_key_phrases"
    own = [t for t in glossary() if t.notebook == "08_key_phrases"]
    assert words(view.count.value) == f"{len(own)} of {len(glossary())} phrases"
    assert "05_value.ipynb" not in view.results.value
    labels = [label for label, _ in view.notebook.options]
    assert labels[0] == "All notebooks"
    assert "01 · What is product management?" in labels


def test_highlighting_escapes_the_definition():
    from pm_course.activities.glossary.view import GlossaryView

    v = GlossaryView((Term("Tag", "An <img> in a & b.", "05_value"),))
    v.query.value = "img"
    assert "&lt;<mark>img</mark>&gt;" in v.results.value
    assert "<img" not in v.results.value


def test_the_text_fallback_lists_the_whole_glossary_deterministically(view):
    from pm_course.activities.glossary.view import GlossaryView

    view.query.value = "metric"
    text = view._text_plain()
    assert text == GlossaryView()._text_plain()
    assert text.startswith(f"Key phrases for product managers: {len(glossary())} phrases")
    for t in glossary():
        assert f"{t.phrase}: {t.definition}" in text
    assert "(taught in 03 · An experimental process)" in text
    assert "[05 · Product management is about value](05_value.ipynb)" in view._text_markdown()
    assert "0x" not in text

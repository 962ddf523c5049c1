"""The completion certificate: a self-contained HTML page the learner can keep and print.

:func:`certificate_html` builds the page from the learner's name, the sections they completed,
their final-check score and the date. Everything the learner typed is escaped, the page loads
nothing from anywhere (no fonts, images, scripts or links), and its CSS prints on one A4 or
Letter page. The view writes it with ``pm_course.course.files.write_text_atomic``, so a crash
never leaves half a certificate.

Pure Python: no widgets here (see ``certificate_view``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date
from html import escape
from pathlib import Path

#: Longest name the certificate accepts, in characters.
NAME_MAX = 80
#: Where the name typed last is kept (``Store.save_note``).
NOTE_KEY = "certificate-name"
SECTION = "08_key_phrases"
COURSE = "What is product management?"

_CSS = """
  @page { size: A4 landscape; margin: 12mm; }
  html { background: #ffffff; }
  body { margin: 0; font-family: Georgia, "Times New Roman", serif; color: #1a1a1a; }
  .sheet { max-width: 250mm; margin: 10mm auto; padding: 12mm 16mm;
           border: 3px double #0072B2; text-align: center; }
  .kicker { font-variant: small-caps; letter-spacing: 0.08em; color: #0072B2;
            font-size: 14pt; margin: 0; }
  h1 { font-size: 28pt; margin: 4mm 0 2mm; font-weight: normal; }
  .name { font-size: 26pt; font-weight: bold; margin: 6mm 0 2mm;
          border-bottom: 1px solid #999; display: inline-block; padding: 0 8mm 1mm;
          overflow-wrap: anywhere; }
  .lead { font-size: 13pt; margin: 2mm 0 5mm; }
  table { margin: 0 auto; border-collapse: collapse; font-size: 11pt; text-align: left; }
  th, td { padding: 1mm 4mm; border-bottom: 1px solid #ddd; }
  th { font-weight: normal; color: #555; }
  .score { font-size: 12pt; margin: 5mm 0 2mm; }
  .foot { font-size: 9.5pt; color: #555; margin-top: 6mm; }
  @media print {
    .sheet { margin: 0 auto; border-color: #000; }
    .kicker { color: #000; }
  }
"""


def clean_name(name: object) -> str:
    """The name as printed: spaces tidied, control characters removed; refused if unusable."""
    if not isinstance(name, str):
        raise ValueError("certificate: type your name as text")
    kept = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C" or ch in " \t\n")
    cleaned = " ".join(kept.split())
    if not cleaned:
        raise ValueError(
            "certificate: type your name in the box first; it is printed on the certificate"
        )
    if len(cleaned) > NAME_MAX:
        raise ValueError(
            f"certificate: the name has {len(cleaned)} characters; use at most {NAME_MAX}"
        )
    return cleaned


def long_date(day: date) -> str:
    """A date as printed: '4 June 2024'."""
    return f"{day.day} {day:%B %Y}"


def certificate_html(
    name: str,
    sections: Sequence[tuple[str, str]],
    score: str,
    when: date,
    total_sections: int,
) -> str:
    """The certificate as one self-contained HTML page.

    ``sections`` are the (number, title) pairs of the sections completed; ``score`` is the
    final-check score in words; ``total_sections`` is how many sections the course has.
    """
    person = clean_name(name)
    if not isinstance(when, date):
        raise ValueError(f"certificate: the date must be a date, not {when!r}")
    if isinstance(total_sections, bool) or not isinstance(total_sections, int):
        raise ValueError("certificate: the number of sections must be a whole number")
    if not 0 <= len(sections) <= total_sections:
        raise ValueError(
            f"certificate: {len(sections)} sections completed out of {total_sections} is impossible"
        )
    rows = "".join(
        f"<tr><th scope='row'>{escape(str(number))}</th><td>{escape(str(title))}</td></tr>"
        for number, title in sections
    )
    if sections:
        done = (
            f"<p class='lead'>has completed {len(sections)} of the {total_sections} sections "
            f"of the course <em>{escape(COURSE)}</em>:</p>"
            f"<table aria-label='Sections completed'><tbody>{rows}</tbody></table>"
        )
    else:
        done = (
            f"<p class='lead'>has started the course <em>{escape(COURSE)}</em>; no section "
            "is complete yet.</p>"
        )
    day = escape(long_date(when))
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Certificate: {escape(person)}, {escape(COURSE)}</title>
<style>{_CSS}</style>
</head>
<body>
<main class="sheet">
<p class="kicker">Certificate of completion</p>
<h1>{escape(COURSE)}</h1>
<p class="lead">This is to certify that</p>
<p class="name">{escape(person)}</p>
{done}
<p class="score">{escape(score)}</p>
<p class="lead">Date: <time datetime="{when.isoformat()}">{day}</time></p>
<p class="foot">pm-course: a product management course in Jupyter notebooks, based on the page
"What is Product Management?" of <em>The Progressing Product Manager</em> by New Philanthropy
Capital (NPC). The record behind this certificate is kept on the learner's own computer.</p>
</main>
</body>
</html>
"""


def default_path(when: date, folder: Path | str | None = None) -> Path:
    """Where the certificate goes by default: a dated file in ``folder`` (the current one)."""
    return Path(folder if folder is not None else Path.cwd()) / (
        f"pm-course-certificate-{when.isoformat()}.html"
    )


__all__ = [
    "COURSE",
    "NAME_MAX",
    "NOTE_KEY",
    "SECTION",
    "certificate_html",
    "clean_name",
    "default_path",
    "long_date",
]

"""The course's teaching models, one folder each: ``model.py`` (pure Python: the numbers, the
rules and the words) beside ``view.py`` (the live widget, built on :mod:`pm_course.ui`).

A ``model.py`` never imports ipywidgets, matplotlib or :mod:`pm_course.ui`; the import
contract in ``pyproject.toml`` checks it.
"""

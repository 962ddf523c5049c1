"""Live models of the course: model code (``<name>.py``) beside its widget (``<name>_view.py``).

A model module never imports ipywidgets or matplotlib, so it can be tested and reused on its
own; only the ``*_view`` modules build widgets and charts.
"""

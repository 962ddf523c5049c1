"""The widget layer, the only place that builds ipywidgets or draws with matplotlib: the
question view, the progress view, charts, and the base every live model view is built on.
"""

"""The course engine, pure Python: content and its data files, grading, feedback, text, the
progress store and its summaries, the glossary and safe file writing.

Nothing here imports ipywidgets, matplotlib or any other layer of the package.
"""

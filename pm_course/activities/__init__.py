"""Course activities that are not teaching models: flashcards, the final check, the
certificate and the glossary view. Each folder holds a pure ``model.py`` and a ``view.py``.
"""

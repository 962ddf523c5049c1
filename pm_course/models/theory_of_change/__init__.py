"""The theory of change builder: the five stages, the sorting, the chain check and the widget."""

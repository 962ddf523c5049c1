"""Build tools for authors and facilitators: timed agendas, the facilitator edition, slide
decks and running a notebook with a throwaway progress store. Not imported by notebooks.
"""

"""For instructors and their learners: the pseudonymous results export, the section feedback
gadget and the class report (pure ``results``/``report``, widgets in ``*_view``).
"""

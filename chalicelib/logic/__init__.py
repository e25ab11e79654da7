"""Use cases, one module per aggregate: each asks the domain's rules and reaches storage only
through the typed ports of `logic/ports.py` (the one module here that names `store/`), so every
one of them runs on the in-memory fakes of `tests/logic`. What the API handlers, the pages and the
event handlers call; what they present, logic gathers (the names beside campaigns and replies too).
"""

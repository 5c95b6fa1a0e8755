"""Rasa's smallest graph for a run, worked out once per graph and targets instead of every time.

For every message Rasa's graph runner asks the model's graph for the part that its targets need
(``GraphSchema.minimal_graph_schema``), and works that out anew by following every node's needs,
recursively and without remembering a node it has seen; in a report that was a twentieth of the
Rasa process's CPU (py-spy, docs/figures.md). The graph of a loaded model does not change, so
``install()`` keeps each answer on the graph, for its targets; a graph whose nodes were replaced
gets a new answer. The answer is the same schema Rasa's own method gives (tested).
"""
from __future__ import annotations

from typing import List, Optional, Text

from rasa.engine.graph import GraphSchema

_original = GraphSchema.minimal_graph_schema
_CACHE = "_klankbord_minimal_schemas"


def minimal_graph_schema(self: GraphSchema, targets: Optional[List[Text]] = None) -> GraphSchema:
    """What ``GraphSchema.minimal_graph_schema`` answers, remembered per graph and targets."""
    key = (tuple(targets) if targets else None, id(self.nodes), len(self.nodes))
    cache = self.__dict__.setdefault(_CACHE, {})
    if key not in cache:
        cache[key] = _original(self, targets)
    return cache[key]


def install() -> None:
    """Use ``minimal_graph_schema`` for every graph of this process (idempotent)."""
    if GraphSchema.minimal_graph_schema is not minimal_graph_schema:
        GraphSchema.minimal_graph_schema = minimal_graph_schema  # type: ignore[method-assign]

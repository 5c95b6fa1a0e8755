"""``klankbord-rasa``: Rasa's own command line (``klankbord-rasa run ...`` is ``rasa run ...``), leaner.

Two things happen before Rasa starts, both only for memory, and three more for training:

- **No JAX.** TensorFlow 2.12 depends on JAX and its TFLite helper imports it when it is there
  (``tensorflow/lite/python/util.py``, inside ``try: ... except ImportError``), only to convert
  JAX programs to TFLite, which Rasa never does. Refusing that import keeps about 75 MB of
  ``jaxlib`` out of every Rasa server (docs/figures.md).
- **Two malloc arenas** (``bot.adapters.rasa.memory.limit_arenas``), set before any thread starts.

- **Batches made in one pass** for ``klankbord-rasa train`` and ``klankbord-rasa test`` (cross-validation
  trains too): ``bot.adapters.rasa.fast_batches`` makes the same training batches as Rasa, faster. It
  imports TensorFlow, so the servers (the action server among them) leave it out.
- **DIET's batches by length** for the same commands: ``bot.adapters.rasa.length_batches`` lets messages
  of one intent trade batches so that short ones share a batch, which halves DIET's padding.
- **No fingerprints for a switched-off cache** (``bot.adapters.rasa.cacheless_training``): Rasa's
  training hook fingerprints every node's inputs and outputs only for its training cache, which
  Klankbord's trainings switch off.

The action server starts through it too (``klankbord-rasa run actions ...``): it imports no
TensorFlow, but its many threads (Sanic, the executor, SQLite) would otherwise each get a malloc
arena; with two it held 249 instead of 291 MB after 50 concurrent conversations (docs/figures.md).
The web app and the command-line tools start as they are.
"""
from __future__ import annotations

import importlib.abc
import sys
from typing import Optional, Sequence

from bot.adapters.rasa.memory import limit_arenas

REFUSED = frozenset({"jax", "jaxlib"})
TRAINING_COMMANDS = frozenset({"train", "test"})


class RefuseImport(importlib.abc.MetaPathFinder):
    """Makes ``import`` of the packages in ``names`` (and their submodules) raise ImportError."""

    def __init__(self, names: frozenset) -> None:
        self.names = names

    def find_spec(self, fullname: str, path: Optional[Sequence[str]], target=None):
        if fullname.split(".", 1)[0] in self.names:
            raise ImportError(f"{fullname} is not used by Klankbord's Rasa server")
        return None


def main() -> None:
    limit_arenas()
    if not any(isinstance(finder, RefuseImport) for finder in sys.meta_path):
        sys.meta_path.insert(0, RefuseImport(REFUSED))
    if sys.argv[1:2] and sys.argv[1] in TRAINING_COMMANDS:
        from bot.adapters.rasa import cacheless_training, fast_batches, length_batches

        fast_batches.install()
        length_batches.install()
        cacheless_training.install()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()

"""``python -m bot.entrypoints.cli``: the same as the ``klankbord`` command."""
import sys

from bot.entrypoints.cli.main import main

sys.exit(main())

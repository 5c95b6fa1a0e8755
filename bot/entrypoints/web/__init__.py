"""The pupil-facing web side: the demo school page with the Klankbord chat widget.

`create_app()` builds the Flask app; `python -m bot.entrypoints.web` runs it. Other parts (such as the
aanspreekpunt's desk) register their own blueprints on the same app.
"""
from bot.entrypoints.web.app import create_app

__all__ = ["create_app"]

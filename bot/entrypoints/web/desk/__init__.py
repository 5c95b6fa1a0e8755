"""The desk's web pages (Flask blueprint under ``/desk``); ``register_desk(app)`` adds them."""
from typing import Any

from bot.entrypoints.web.desk import login, views  # noqa: F401  (their routes join the blueprint)
from bot.entrypoints.web.desk.pages import desk


def register_desk(app: Any) -> None:
    """Add the desk to a Flask app (``bot.entrypoints.web.app.create_app`` calls this)."""
    app.register_blueprint(desk)


__all__ = ["desk", "register_desk"]

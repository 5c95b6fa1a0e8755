"""The desk's web pages (Flask blueprint under ``/desk``); ``register_desk(app)`` adds them."""
from bot.entrypoints.web.desk.views import desk, register_desk

__all__ = ["desk", "register_desk"]

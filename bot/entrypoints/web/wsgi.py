"""The web app (school page, chat page, widget, desk) under waitress, a production WSGI server.

``python -m bot.entrypoints.web.wsgi`` serves on KLANKBORD_WEB_HOST / KLANKBORD_WEB_PORT behind
nginx (deploy/supervisord.conf); ``python -m bot.entrypoints.web`` stays the development server.
waitress takes ``X-Forwarded-Proto`` from the local proxy only, and leaves ``X-Forwarded-For`` to
the app, which believes it only from ``KLANKBORD_TRUSTED_PROXIES`` (the desk's login limits).
It writes no access log.
"""
from __future__ import annotations

import waitress

from bot.entrypoints.web.app import create_app
from bot.settings import Settings

THREADS = 8
LOCAL_PROXY = "127.0.0.1"


def main() -> None:
    settings = Settings.from_env()
    app = create_app(settings=settings)
    print(f"Klankbord web app (waitress): http://{settings.web_host}:{settings.web_port}/", flush=True)
    waitress.serve(app, host=settings.web_host, port=settings.web_port, threads=THREADS, ident="",
                   trusted_proxy=LOCAL_PROXY, trusted_proxy_headers={"x-forwarded-proto"},
                   clear_untrusted_proxy_headers=False)


if __name__ == "__main__":
    main()

"""Run the demo school page: ``python -m bot.entrypoints.web`` (KLANKBORD_WEB_HOST / KLANKBORD_WEB_PORT)."""
from __future__ import annotations

from bot.entrypoints.web.app import create_app
from bot.settings import Settings


def main() -> None:
    settings = Settings.from_env()
    host, port = settings.web_host, settings.web_port
    app = create_app(settings=settings)
    print(f"Klankbord demo page: http://{host}:{port}/  (Rasa server: {app.config['KLANKBORD_RASA_URL']})",
          flush=True)
    app.run(host=host, port=port, debug=False, use_reloader=False, threaded=True)


if __name__ == "__main__":
    main()

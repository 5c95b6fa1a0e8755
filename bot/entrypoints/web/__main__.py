"""Run the demo school page: ``python -m bot.entrypoints.web`` (KLANKBORD_WEB_HOST / KLANKBORD_WEB_PORT)."""
from __future__ import annotations

import os

from bot.entrypoints.web.app import create_app


def main() -> None:
    host = os.environ.get("KLANKBORD_WEB_HOST", "127.0.0.1")
    port = int(os.environ.get("KLANKBORD_WEB_PORT", "8080"))
    app = create_app()
    print(f"Klankbord demo page: http://{host}:{port}/  (Rasa server: {app.config['KLANKBORD_RASA_URL']})",
          flush=True)
    app.run(host=host, port=port, debug=False, use_reloader=False, threaded=True)


if __name__ == "__main__":
    main()

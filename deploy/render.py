#!/usr/bin/env python3
"""Render a deploy template: every ``{{NAME}}`` becomes the environment variable NAME.

    set -a; . /etc/klankbord/klankbord.env; set +a
    python3 deploy/render.py deploy/nginx.conf.template /etc/nginx/sites-enabled/klankbord.conf
    nginx -t

nginx's own ``$variables`` are left alone (unlike ``envsubst`` without a list). A name that is
not set stops the rendering and is named, so a half-filled file is never written. Plain Python
3, no dependencies: it runs with the host's ``python3`` as well as the project's.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Mapping

PLACEHOLDER = re.compile(r"\{\{\s*([A-Z][A-Z0-9_]*)\s*\}\}")


class MissingValue(KeyError):
    pass


def render(template: str, values: Mapping[str, str]) -> str:
    missing = sorted({name for name in PLACEHOLDER.findall(template) if not values.get(name, "").strip()})
    if missing:
        raise MissingValue("not set: " + ", ".join(missing))
    return PLACEHOLDER.sub(lambda m: values[m.group(1)].strip(), template)


def main(argv: list) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        print("usage: render.py TEMPLATE OUTPUT", file=sys.stderr)
        return 2
    source, target = Path(argv[1]), Path(argv[2])
    try:
        text = render(source.read_text(encoding="utf-8"), os.environ)
    except MissingValue as error:
        print(f"{source}: {error.args[0]}", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

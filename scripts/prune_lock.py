"""Remove packages from requirements.txt after `pip-compile`, and say so at the top of the file.

    python scripts/prune_lock.py requirements.txt rfc3987-syntax lark

Why: jsonschema imports rfc3987-syntax, if it is installed, to check the
"iri" and "iri-reference" string formats, and that package builds 38 Lark
parsers at import time (about 0.8 s). jsonschema is imported by nbformat,
so every notebook kernel, every jupyter-book process and the executor paid
it, although nothing here validates IRIs. jsonschema treats the package as
optional (it skips those two formats without it), and only the
``format-nongpl`` extra of jupyter-events asks for it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HEADER = "# Left out on purpose by scripts/prune_lock.py (see that file): "


def prune(text: str, names: list[str]) -> str:
    wanted = {re.sub(r"[-_.]+", "-", n).lower() for n in names}
    kept, skipping = [], False
    for line in text.splitlines():
        start = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", line)
        if start:
            skipping = re.sub(r"[-_.]+", "-", start.group(1)).lower() in wanted
        elif not line.startswith((" ", "\t")):
            skipping = False
        if not skipping and not line.startswith(HEADER):
            kept.append(line)
    return "\n".join([HEADER + ", ".join(sorted(wanted)), *kept]) + "\n"


def main(argv: list[str]) -> int:
    path, names = Path(argv[0]), argv[1:]
    path.write_text(prune(path.read_text(encoding="utf-8"), names), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

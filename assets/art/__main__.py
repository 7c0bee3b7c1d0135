"""`python -m assets.art [NAME ...]`: rebuild the named outputs, or all of them; `--list` names
them. Run from the project root."""

from __future__ import annotations

import argparse
import sys

from .sheets import ROOT, SHEETS, nearest, write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assets.art",
        description="Rebuild the generated art: the named sheets, or every one.",
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help="outputs to rebuild (all if none)")
    parser.add_argument("--list", action="store_true", help="list every name and its files")
    args = parser.parse_args(argv)
    if args.list:
        for sheet in SHEETS.values():
            print(f"{sheet.name:14} {' '.join(sheet.files)}")
        return 0
    unknown = [n for n in args.names if n not in SHEETS]
    if unknown:
        name = unknown[0]
        guess = nearest(name)
        hint = f"; did you mean {guess!r}?" if guess else "; see --list"
        print(f"python -m assets.art: no sheet named {name!r}{hint}", file=sys.stderr)
        return 2
    for name in args.names or SHEETS:
        for path in write(name):
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())

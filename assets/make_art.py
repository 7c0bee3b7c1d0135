"""Rebuild every piece of generated art: the same as `python -m assets.art` with no name.

The drawing code lives in the `assets/art/` package (one module per family); this script stays so
the old command keeps working. Run from the project root:  .venv/bin/python assets/make_art.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assets.art.__main__ import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main([]))

"""The campaign's art, generated: the beach tileset, every sprite sheet and the full-screen scenes.

Owns levels/tiles/beach.png, levels/beach.tsx, and every .png/.json under assets/sprites/. All of
it is drawn pixel by pixel from fixed seeds, so a rebuild writes the same bytes again (the drift
test, tests/test_art_drift.py, holds the committed files to that). The game never imports this
package: it only loads what the package wrote, exactly as it would load a mod's hand-made art.

One module per family, layered so that each imports only those above it:

    palette   colours, the master seed, per-pixel helpers
    shapes    pixel shapes, shading, outlines, glows, frame effects
    output    sheet grid + JSON and scene scaling, encoded to bytes (nothing written)
    tiles     the tileset and its .tsx
    soldiers  Cage and Rita
    mimics    every Mimic kind and the Omega
    fx        fx_* effects, pickups and markers, the cursor
    scenes    title, vision, endings, bad ending
    sheets    the registry: name -> drawing and files; the only writer

Run from the project root:

    .venv/bin/python -m assets.art               # everything
    .venv/bin/python -m assets.art drone fx_acid # just those
    .venv/bin/python -m assets.art --list        # the names
"""

from __future__ import annotations

import os

# Headless: the package only draws into surfaces and encodes them, it never opens a window.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

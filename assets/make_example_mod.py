"""The example mod with its own art: docs/examples/green-drones/, written from the campaign's files.

Owns every file of that folder: a small arena map (`arena.tmx`) on the campaign's beach tileset
(copied in, since a mod's files stay inside its folder), `mod.json`, the drone's sprite sheet
recoloured green (`sprites/drone.png`, with the campaign's `drone.json` beside it unchanged: the
same frames, the same animations) and the drone's death cry a fourth higher
(`sounds/mimic_die.ogg`, rendered by assets/make_sounds.py's own synth). The game never imports
this; it loads the folder as it loads any mod. tests/test_mod_art.py checks that the
committed sheet is what `green_sheet` draws.

Run from the project root:  .venv/bin/python assets/make_example_mod.py
(the sound needs numpy and soundfile: `.venv/bin/pip install -e '.[assets]'`)

    aynik play --level docs/examples/green-drones/arena.tmx
"""

from __future__ import annotations

import colorsys
import json
import os
import shutil
import sys
from pathlib import Path

# Headless: the script only reads and writes images, it never opens a window.
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MOD = ROOT / "docs" / "examples" / "green-drones"
CAMPAIGN_SPRITES = HERE / "sprites"
LEVELS = ROOT / "levels"

GREEN_HUE = 0.33  # where the drone's orange and brown turn to: a venomous green
KEPT_ROWS = (0,)  # the burrowed mound is sand, whatever crawls under it: left as it is
MIN_SATURATION = 0.12  # greys, whites and near-greys (the hit flash, the sand) keep their colour

MOD_JSON = {
    "id": "green-drones",
    "title": "Green Drones",
    "author": "The game's examples",
    "version": "1.0.0",
    "description": "A small arena whose drones are green: a mod's own sprite sheet and sound.",
    "game_version": ">=0.1,<0.2",
    "start": "arena.tmx",
    "loop": "from-start",
}

WIDTH, HEIGHT = 24, 16  # tiles
SAND, SAND_B, SAND_C, SANDBAGS = 1, 2, 3, 36  # global tile ids: beach.tsx's index + 1
BAGS = [(7, 4), (7, 5), (7, 6), (16, 9), (16, 10), (16, 11), (11, 12), (12, 12)]


def green(color: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """One pixel of the drone turned green: hue moved, lightness and saturation kept."""
    r, g, b, a = color
    h, s, v = colorsys.rgb_to_hsv(r / 255.0, g / 255.0, b / 255.0)
    if a == 0 or s < MIN_SATURATION:
        return color
    r2, g2, b2 = colorsys.hsv_to_rgb(GREEN_HUE, min(1.0, s * 1.1), v)
    return (round(r2 * 255), round(g2 * 255), round(b2 * 255), a)


def green_sheet(sheet: pygame.Surface, frame_height: int) -> pygame.Surface:
    """The campaign's drone sheet recoloured, frame for frame (the contract is the campaign's)."""
    out = sheet.copy()
    width, height = sheet.get_size()
    for y in range(height):
        if y // frame_height in KEPT_ROWS:
            continue
        for x in range(width):
            out.set_at((x, y), green(tuple(sheet.get_at((x, y)))))
    return out


def arena_map() -> str:
    """A small walled-in stretch of beach: Cage in the middle, drones out of the sand around him
    at once, more a little later, and a note about what this mod changes."""
    rows = []
    for y in range(HEIGHT):
        row = []
        for x in range(WIDTH):
            if (x, y) in BAGS:
                row.append(SANDBAGS)
            else:
                row.append((SAND, SAND_B, SAND, SAND_C)[(x * 7 + y * 3) % 4])
        rows.append(",".join(map(str, row)))
    data = ",\n".join(rows)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<map version="1.10" tiledversion="1.10.2" orientation="orthogonal" renderorder="right-down" \
width="{WIDTH}" height="{HEIGHT}" tilewidth="32" tileheight="32" infinite="0" nextlayerid="3" \
nextobjectid="6">
 <properties>
  <property name="briefing" value="These drones are green: the mod brings its own drone sheet \
(sprites/drone.png) and death cry (sounds/mimic_die.ogg). Everything else is the campaign's."/>
  <property name="title" value="Green Drones"/>
 </properties>
 <tileset firstgid="1" source="beach.tsx"/>
 <layer id="1" name="ground" width="{WIDTH}" height="{HEIGHT}">
  <data encoding="csv">
{data}
</data>
 </layer>
 <objectgroup id="2" name="gameplay">
  <object id="1" name="start" type="PlayerStart" x="384" y="256">
   <point/>
  </object>
  <object id="2" name="first-pack" type="MimicSpawn" x="464" y="160" width="128" height="192">
   <properties>
    <property name="at" type="float" value="0.5"/>
    <property name="count" type="int" value="4"/>
   </properties>
  </object>
  <object id="3" name="second-pack" type="MimicSpawn" x="96" y="96" width="160" height="128">
   <properties>
    <property name="at" type="float" value="15"/>
    <property name="count" type="int" value="5"/>
   </properties>
  </object>
  <object id="4" name="third-pack" type="MimicSpawn" x="544" y="384" width="160" height="96">
   <properties>
    <property name="at" type="float" value="35"/>
    <property name="count" type="int" value="6"/>
   </properties>
  </object>
  <object id="5" name="note" type="Intel" x="320" y="352">
   <properties>
    <property name="knowledge" value="intel:green-drones"/>
    <property name="text" value="A mod may ship sprites/ and sounds/ of its own: each file \
replaces the campaign's of the same name. See docs/MODDING.md."/>
    <property name="title" value="A note about the drones"/>
   </properties>
   <point/>
  </object>
 </objectgroup>
</map>
"""


def green_cry(path: Path) -> None:
    """The campaign's drone death cry, played a fourth higher (and so a quarter shorter)."""
    sys.path.insert(0, str(HERE))
    import make_sounds as ms  # numpy and soundfile: the assets extra

    cry = ms.np.asarray(ms.finish_effect(ms.mimic_die()), dtype=ms.np.float64)
    # Read at 4/3 of the rate it was made at, it sounds a fourth up; then to the mixer's rate.
    y = ms.resampled(cry, ms.SR * 4 // 3, ms.EFFECT_RATE, loop=False)
    y *= 10.0 ** (ms.EFFECT_PEAK_DB / 20.0) / float(ms.np.max(ms.np.abs(y)))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(ms.encode_ogg(y, ms.EFFECT_RATE, ms.EFFECT_VORBIS_LEVEL, path.stem))


def main() -> None:
    pygame.display.init()
    pygame.display.set_mode((1, 1))
    MOD.mkdir(parents=True, exist_ok=True)
    (MOD / "mod.json").write_text(json.dumps(MOD_JSON, indent=2) + "\n", encoding="utf-8")
    (MOD / "arena.tmx").write_text(arena_map(), encoding="utf-8")
    for relative in ("beach.tsx", "tiles/beach.png"):
        (MOD / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(LEVELS / relative, MOD / relative)
    sprites = MOD / "sprites"
    sprites.mkdir(exist_ok=True)
    contract = CAMPAIGN_SPRITES / "drone.json"
    frame_height = json.loads(contract.read_text(encoding="utf-8"))["frame"][1]
    sheet = pygame.image.load(str(CAMPAIGN_SPRITES / "drone.png")).convert_alpha()
    pygame.image.save(green_sheet(sheet, frame_height), str(sprites / "drone.png"))
    shutil.copyfile(contract, sprites / "drone.json")
    green_cry(MOD / "sounds" / "mimic_die.ogg")
    for path in sorted(p for p in MOD.rglob("*") if p.is_file()):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()

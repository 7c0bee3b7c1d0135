"""The campaign tileset's layout: which tile sits at which index, and its gameplay properties.

Owns the single table shared by the art script (which draws the tiles in this order and writes the
`.tsx` with these properties) and the map script (which places tiles by name). The game itself never
imports this: it reads the properties from the `.tsx`, exactly as it would for a mod.
"""

from __future__ import annotations

TILE_SIZE = 32
COLUMNS = 16

# (name, properties). The index in this list is the tile id inside the tileset.
# Properties follow the map schema: solid (blocks movement and bullets), water (blocks movement
# only), slow (speed factor, walkable).
TILES: list[tuple[str, dict[str, object]]] = [
    # row 0: open ground
    ("sand", {}),
    ("sand_b", {}),
    ("sand_c", {}),
    ("sand_wet", {}),
    ("sand_dark", {}),
    ("scorched", {}),
    ("grass", {}),
    ("grass_b", {}),
    ("dirt", {}),
    ("road", {}),
    ("road_line", {}),
    ("concrete", {}),
    ("concrete_cracked", {}),
    ("deck", {}),
    ("planks", {}),
    ("gravel", {}),
    # row 1: slowing ground and water
    ("crater", {"slow": 0.55}),
    ("crater_edge", {"slow": 0.75}),
    ("mud", {"slow": 0.5}),
    ("shallows", {"slow": 0.6}),
    ("surf", {"slow": 0.7}),
    ("wire", {"slow": 0.4}),
    ("sea", {"water": True}),
    ("sea_b", {"water": True}),
    ("reservoir", {"water": True}),
    ("rubble", {"slow": 0.8}),
    ("sand_tracks", {}),
    ("grate", {}),
    ("floor_metal", {}),
    ("floor_tile", {}),
    ("moss", {}),
    ("puddle", {"slow": 0.8}),
    # row 2: solid obstacles
    ("seawall", {"solid": True}),
    ("seawall_top", {"solid": True}),
    ("bunker_wall", {"solid": True}),
    ("sandbags", {"solid": True}),
    ("hedgehog", {"solid": True}),
    ("wreck_a", {"solid": True}),
    ("wreck_b", {"solid": True}),
    ("rock", {"solid": True}),
    ("crate", {"solid": True}),
    ("barrels", {"solid": True}),
    ("craft_hull", {"solid": True}),
    ("dam_wall", {"solid": True}),
    ("machinery", {"solid": True}),
    ("pipe", {"solid": True}),
    ("cliff", {"solid": True}),
    ("tree", {"solid": True}),
    # row 3: decoration overlays (transparent background, never gameplay)
    ("debris", {}),
    ("shells", {}),
    ("bones", {}),
    ("ichor", {}),
    ("tracks_overlay", {}),
    ("arrow_north", {}),
    ("flag", {}),
    ("helmet", {}),
    ("rifle_dropped", {}),
    ("shadow", {}),
    ("foam", {}),
    ("cracks", {}),
    ("lamp", {}),
    ("sign", {}),
    ("weeds", {}),
    ("stain", {}),
]

INDEX: dict[str, int] = {name: index for index, (name, _) in enumerate(TILES)}

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
# only), slow (speed factor, walkable), surface (what footsteps sound like; one of the project's
# Surface enum). Decoration overlays name no surface, so the ground beneath them is heard.
TILES: list[tuple[str, dict[str, object]]] = [
    # row 0: open ground
    ("sand", {"surface": "sand"}),
    ("sand_b", {"surface": "sand"}),
    ("sand_c", {"surface": "sand"}),
    ("sand_wet", {"surface": "sand"}),
    ("sand_dark", {"surface": "sand"}),
    ("scorched", {"surface": "sand"}),
    ("grass", {"surface": "dirt"}),
    ("grass_b", {"surface": "dirt"}),
    ("dirt", {"surface": "dirt"}),
    ("road", {"surface": "concrete"}),
    ("road_line", {"surface": "concrete"}),
    ("concrete", {"surface": "concrete"}),
    ("concrete_cracked", {"surface": "concrete"}),
    ("deck", {"surface": "metal"}),
    ("planks", {"surface": "wood"}),
    ("gravel", {"surface": "sand"}),
    # row 1: slowing ground and water
    ("crater", {"slow": 0.55, "surface": "sand"}),
    ("crater_edge", {"slow": 0.75, "surface": "sand"}),
    ("mud", {"slow": 0.5, "surface": "water"}),
    ("shallows", {"slow": 0.6, "surface": "water"}),
    ("surf", {"slow": 0.7, "surface": "water"}),
    ("wire", {"slow": 0.4, "surface": "dirt"}),
    ("sea", {"water": True}),
    ("sea_b", {"water": True}),
    ("reservoir", {"water": True}),
    ("rubble", {"slow": 0.8, "surface": "concrete"}),
    ("sand_tracks", {"surface": "sand"}),
    ("grate", {"surface": "metal"}),
    ("floor_metal", {"surface": "metal"}),
    ("floor_tile", {"surface": "concrete"}),
    ("moss", {"surface": "dirt"}),
    ("puddle", {"slow": 0.8, "surface": "water"}),
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

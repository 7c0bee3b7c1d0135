"""The first map of a new mod (`aynik mod new`): a small beach, walled in concrete, that plays and
loops as it is, for the modder to change in Tiled.

Owns the starting map's text (`starter_map`). Pure standard library: must not import pytmx,
pygame or the simulation.
"""

from __future__ import annotations

SAND, DUNE, CONCRETE = 1, 2, 33  # gids in the campaign's beach.tsx (firstgid 1)
WIDTH, HEIGHT = 30, 20


def _ground() -> str:
    rows = []
    for y in range(HEIGHT):
        row = []
        for x in range(WIDTH):
            edge = x in (0, WIDTH - 1) or y in (0, HEIGHT - 1)
            row.append(CONCRETE if edge else DUNE if (x + y) % 5 == 0 else SAND)
        rows.append(",".join(map(str, row)))
    return ",\n".join(rows)


def starter_map(title: str) -> str:
    """A Tiled 1.8-compatible .tmx: Cage's start, an ambush on a timer (so the first deaths come
    soon and the loop shows), a notebook to learn, and a split. Uses `beach.tsx` beside it."""
    safe_title = (
        title.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<map version="1.8" tiledversion="1.8.2" orientation="orthogonal" renderorder="right-down" \
width="{WIDTH}" height="{HEIGHT}" tilewidth="32" tileheight="32" infinite="0" nextlayerid="3" \
nextobjectid="5">
 <properties>
  <property name="briefing" value="Mimics come out of the dunes. Die, remember, try again."/>
  <property name="title" value="{safe_title}"/>
 </properties>
 <tileset firstgid="1" source="beach.tsx"/>
 <layer id="1" name="ground" width="{WIDTH}" height="{HEIGHT}">
  <data encoding="csv">
{_ground()}
</data>
 </layer>
 <objectgroup id="2" name="gameplay">
  <object id="1" name="start" type="PlayerStart" x="96" y="320">
   <point/>
  </object>
  <object id="2" name="dune-pack" type="MimicSpawn" x="608" y="256" width="96" height="96">
   <properties>
    <property name="at" type="float" value="3"/>
    <property name="count" type="int" value="2"/>
   </properties>
  </object>
  <object id="3" name="notebook" type="Intel" x="160" y="480">
   <properties>
    <property name="knowledge" value="intel:first-note"/>
    <property name="text" value="They come from the dunes, three seconds in."/>
    <property name="title" value="A note in the sand"/>
   </properties>
   <point/>
  </object>
  <object id="4" name="Dunes" type="Split" x="448" y="32" width="32" height="576"/>
 </objectgroup>
</map>
"""

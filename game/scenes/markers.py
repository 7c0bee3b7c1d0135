"""What each marker on the map means, in the words the game uses for it.

Owns the one-line explanations the play scene shows the first time each kind of marker is on the
map, which the journal's legend repeats. Words only: imports nothing.
"""

from __future__ import annotations

# What each marker on the map means, said once the first time one is there (game.scenes.journal
# keeps the same words as its legend).
MARKER_HINTS = {
    "ghost": ("FAINT LINES", "The paths you took on earlier days, on this map."),
    "ambush": ("TRIANGLES WITH !", "An ambush you remember: the count is the seconds to it."),
    "mine": ("RINGS WITH FOUR TICKS", "Mines you know of. Step around them."),
    "death": ("SKULLS", "Where you died, with the loop it was in."),
    "pb": ("GOLD RING, PB", "Your personal best at this moment of the same day: race it."),
}

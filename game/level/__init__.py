"""Maps: Tiled files turned into frozen `LevelData`, the schema they follow, the campaign's levels.

Headless: nothing here opens a window or loads an image.
"""

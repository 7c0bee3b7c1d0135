"""Maps: Tiled files turned into frozen `LevelData`, the schema they follow, the campaign's levels,
and modding: the safe pre-flight for maps we did not write (`safe`, `files`, `layerdata`,
`templates`), the validator (`validate`, `problems`, `reach`), mods (`mods`) and hot reload
(`watch`).

Headless: nothing here opens a window or loads an image.
"""

"""A map's music, as its `music` property names it: one track, or the calm stem of a layered score.

Owns the convention a modder follows: a file `X_calm.ogg` with `X_combat.ogg` and `X_alpha.ogg`
beside it is a layered score (the game crossfades the stems as the hunt grows); any other file
plays as a single looping track. Music is Ogg Vorbis or WAV. The validator warns about a calm
stem whose partners are missing and about a file that is neither (the map would play in
silence), and the audio finds the stems here. Reads at most a file's first bytes; imports no
pygame.
"""

from __future__ import annotations

from pathlib import Path

STEMS = ("calm", "combat", "alpha")


def score_stems(calm: str | Path) -> list[Path]:
    """The three stems of the layered score whose calm stem is `calm`; empty when the file is not
    named as one (`X_calm.ogg`)."""
    calm = Path(calm)
    if not calm.stem.endswith("_calm"):
        return []
    prefix = calm.stem.removesuffix("_calm")
    return [calm.with_name(f"{prefix}_{stem}{calm.suffix}") for stem in STEMS]


def missing_stems(calm: str | Path) -> list[Path]:
    """The partners a layered score's calm stem lacks (it then plays alone, as one track)."""
    return [path for path in score_stems(calm) if not path.is_file()]


def not_music(path: str | Path) -> str:
    """Why the file is not music the game plays ("" when it is): Ogg Vorbis or WAV, told by
    their first bytes."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(64)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if head[:4] == b"OggS" and b"\x01vorbis" in head:
        return ""
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return ""
    return "is neither Ogg Vorbis nor WAV"

"""What a player hears: the layered scores, the crossfade by the hunt, stingers and footsteps.

The music's Ogg Vorbis files are read two ways: their headers (rate, channels and length, with
the standard library) and, where the mixer opens, decoded by pygame-ce and cut to their loops
exactly as the game plays them. The crossfade is checked on `LayerMix` alone, then wired through
`Audio` on real channels.
"""

from __future__ import annotations

import ast
import dataclasses
import sys
from array import array
from itertools import pairwise
from pathlib import Path

import pygame
import pytest
from arena import arena
from player import without_audio_device

from game import audio as audio_module
from game import sounds as sounds_module
from game.audio import SURFACES, Audio, LayerMix
from game.level.data import Rect
from game.mod_assets import campaign_sounds
from game.sim import events as ev
from game.sim import inputs
from game.sim.inputs import InputFrame, quantize_aim
from game.sim.world import World
from game.sounds import effect_names

ASSETS = Path(__file__).resolve().parent.parent / "assets"
MUSIC = ASSETS / "music"
MAP_MUSIC = ASSETS.parent / "levels" / "music"  # the scores the maps name in their music property
SOUNDS = ASSETS / "sounds"
RATE = 44100  # the mixer's
MUSIC_RATE = 22050  # the music's files: the mixer resamples them as it decodes them
LAYERED = ("beach", "dam")  # the levels' scores: long enough not to wear
SCORES = (*LAYERED, "chamber")
STEMS = ("calm", "combat", "alpha")
MONO_STEMS = ("combat",)  # drums and bass, centred as mixed
TRACKS = ("title", "ending", "vision")
STINGERS = [f"sting_{name}_{key}" for name in ("learn", "loop", "final") for key in ("d", "c")]
ONCE = {"ending": (30.0, 41.0), "vision": (5.0, 12.0)}  # played through: (shortest, longest) s
MUSIC_BUDGET = 2_500_000  # bytes for all the music: the game's download stays small
FRAME = 1.0 / 60.0


def music_file(stem: str) -> Path:
    """A music file by stem: a map's score beside the maps, the game's own under assets/music."""
    return (MAP_MUSIC if stem.split("_", 1)[0] in LAYERED else MUSIC) / f"{stem}.ogg"


# The maps' scores as their music property names them (the game resolves it to this path).
BEACH = str((MAP_MUSIC / "beach_calm.ogg").resolve())
DAM = str((MAP_MUSIC / "dam_calm.ogg").resolve())


def ogg_header(path: Path) -> tuple[int, int, int]:
    """(sample rate, channels, frames) of an Ogg Vorbis file, from its first and last pages."""
    data = path.read_bytes()
    assert data[:4] == b"OggS", f"{path.name} is not an Ogg file"
    packet = data[27 + data[26] :]  # after the first page's header and its segment table
    assert packet[:7] == b"\x01vorbis", f"{path.name} is not Vorbis"
    channels, rate = packet[11], int.from_bytes(packet[12:16], "little")
    last = data.rfind(b"OggS")
    frames = int.from_bytes(data[last + 6 : last + 14], "little")  # the last granule position
    return rate, channels, frames


@pytest.fixture
def mixer():
    """The mixer as the game opens it; skip (the game would play on silently) if it cannot."""
    started = False
    if not pygame.mixer.get_init():
        try:
            pygame.mixer.init(frequency=RATE, size=-16, channels=2, buffer=512)
        except pygame.error:
            pytest.skip("no audio device, not even SDL's dummy one")
        started = True
    if pygame.mixer.get_init() != (RATE, -16, 2):
        pytest.skip(f"the mixer is open as {pygame.mixer.get_init()}, not 44.1 kHz 16-bit stereo")
    yield
    if started:
        pygame.mixer.quit()


def decoded(path: Path) -> tuple[array, array]:
    """The left and right samples pygame-ce decodes from a file."""
    return decoded_sound(pygame.mixer.Sound(path))


def decoded_sound(sound: pygame.mixer.Sound) -> tuple[array, array]:
    raw = array("h", sound.get_raw())
    if sys.byteorder == "big":
        raw.byteswap()
    return raw[0::2], raw[1::2]


# --- The files ------------------------------------------------------------------------------


def loop_frames(path: Path) -> int:
    """How long a stem's loop is, in the mixer's samples: its file without the margins."""
    rate, _, frames = ogg_header(path)
    return round((frames - 2 * audio_module.STEM_MARGIN) * RATE / rate)


@pytest.mark.parametrize("name", [f"{s}_{stem}" for s in SCORES for stem in STEMS])
def test_every_stem_is_at_the_music_rate_and_wide_but_the_drums(name: str) -> None:
    path = music_file(f"{name}")
    assert path.is_file(), f"missing {path}"
    rate, channels, frames = ogg_header(path)
    assert (rate, channels) == (MUSIC_RATE, 1 if name.endswith(MONO_STEMS) else 2)
    if name.split("_")[0] in LAYERED:
        assert loop_frames(path) / RATE >= 40.0, "a level's score runs 40 s before it repeats"


@pytest.mark.parametrize("score", SCORES)
def test_the_stems_of_a_score_are_one_length(score: str) -> None:
    lengths = {ogg_header(music_file(f"{score}_{stem}"))[2] for stem in STEMS}
    assert len(lengths) == 1, f"stems drift apart as they loop: {sorted(lengths)}"


@pytest.mark.parametrize("name", [*TRACKS, *STINGERS])
def test_tracks_and_stingers_are_stereo_at_the_music_rate(name: str) -> None:
    path = music_file(f"{name}")
    assert path.is_file(), f"missing {path}"
    rate, channels, frames = ogg_header(path)
    assert (rate, channels) == (MUSIC_RATE, 2)
    if name.startswith("sting_"):
        assert 1.5 <= frames / rate <= 4.1, "a stinger is a short phrase"
    if name in ONCE:
        shortest, longest = ONCE[name]
        assert shortest <= frames / rate <= longest


def test_no_old_music_is_left_behind_and_the_music_stays_small() -> None:
    assert not list(MUSIC.glob("*.wav")), "the music is Ogg Vorbis now"
    assert not list(MAP_MUSIC.glob("*.wav"))
    files = [*MUSIC.iterdir(), *MAP_MUSIC.iterdir()]
    assert sum(p.stat().st_size for p in files) <= MUSIC_BUDGET


@pytest.mark.parametrize("name", [f"{s}_{stem}" for s in SCORES for stem in STEMS])
def test_pygame_plays_each_stem_whole_wide_and_seamless(mixer, name: str) -> None:
    path = music_file(f"{name}")
    left, right = decoded_sound(audio_module.looped(pygame.mixer.Sound(path), path))
    assert len(left) == loop_frames(path), "cut to another length: the stems would drift"
    assert max(map(abs, left)) > 3000, "effectively silent"
    if not name.endswith(MONO_STEMS):
        # Stereo, not mono copied twice: the sides differ by a fair part of what they hold.
        step = 37
        diff = sum(abs(a - b) for a, b in zip(left[::step], right[::step], strict=True))
        total = sum(abs(a) + abs(b) for a, b in zip(left[::step], right[::step], strict=True))
        assert diff > 0.1 * total / 2, "left and right are (nearly) the same"
    # The loop point: the jump from the last sample back to the first is no bigger than the
    # steps the music itself takes, so it does not click.
    biggest = 0
    for start in range(0, len(left) - 2000, len(left) // 40):
        for side in (left, right):
            window = side[start : start + 2000]
            biggest = max(biggest, max(abs(b - a) for a, b in pairwise(window)))
    seam = max(abs(left[0] - left[-1]), abs(right[0] - right[-1]))
    assert seam <= biggest, f"the loop clicks: a jump of {seam} where the music steps {biggest}"


def test_the_stems_of_a_score_loop_the_same_length_in_the_game(mixer) -> None:
    audio = Audio()
    # The game's own score by name; the maps' by the file their music property names.
    for name in ("chamber", *(str(music_file(f"{score}_calm")) for score in LAYERED)):
        stems = audio._score(name)
        assert stems is not None, name
        assert len({len(stem.get_raw()) for stem in stems}) == 1, f"{name}'s stems would drift"


@pytest.mark.parametrize("name", list(ONCE))
def test_pieces_played_once_die_away(mixer, name: str) -> None:
    left, right = decoded(music_file(f"{name}"))
    tail = RATE // 10
    assert max(max(map(abs, left[-tail:])), max(map(abs, right[-tail:]))) < 400


# --- The crossfade --------------------------------------------------------------------------


def run(mix: LayerMix, hunting: int, alpha: bool, seconds: float) -> list[tuple]:
    mix.aim(hunting, alpha)
    return [mix.step(FRAME) for _ in range(round(seconds / FRAME))]


def test_with_no_one_hunting_only_the_calm_stem_plays() -> None:
    mix = LayerMix()
    levels = run(mix, 0, False, 5.0)
    assert all(level == (1.0, 0.0, 0.0) for level in levels)
    assert mix.volumes() == (1.0, 0.0, 0.0)


def test_three_hunting_bring_in_combat_and_an_alpha_brings_its_stem() -> None:
    assert LayerMix.targets(1, False)[1] < LayerMix.targets(3, False)[1]
    mix = LayerMix()
    assert run(mix, 3, False, 4.0)[-1] == (1.0, 1.0, 0.0)
    mix = LayerMix()
    calm, combat, alpha = run(mix, 1, True, 4.0)[-1]
    assert alpha == 1.0 and combat > 0.5 and calm == 1.0


def test_the_layers_crossfade_rather_than_cut() -> None:
    mix = LayerMix()
    rising = run(mix, 3, True, 4.0)
    assert rising[round(0.5 / FRAME)][1] < 0.5, "combat is not yet full half a second in"
    falling = run(mix, 0, False, 10.0)
    levels = [(1.0, 0.0, 0.0), *rising, *falling]
    for before, after in pairwise(levels):
        assert max(abs(a - b) for a, b in zip(before, after, strict=True)) <= 0.03
    assert falling[-1] == (1.0, 0.0, 0.0)


def test_one_kill_does_not_drop_the_music_at_once() -> None:
    mix = LayerMix()
    run(mix, 4, False, 3.0)
    held = run(mix, 2, False, 2.0)  # a kill: one fewer hunting
    assert all(level[1] == 1.0 for level in held), "combat holds a moment before it eases off"
    eased = run(mix, 2, False, 4.0)
    assert eased[-1][1] == pytest.approx(LayerMix.targets(2, False)[1])
    quiet = run(mix, 0, False, 2.0)
    assert quiet[-1][1] > 0.0, "the fight's end holds, then fades"
    assert run(mix, 0, False, 6.0)[-1][1] == 0.0


def test_a_stinger_ducks_the_stems_then_lets_them_back() -> None:
    mix = LayerMix()
    run(mix, 3, False, 3.0)
    mix.duck_for(2.0)
    assert max(mix.volumes()) <= 0.5
    run(mix, 3, False, 2.0)
    assert max(mix.volumes()) < 1.0
    run(mix, 3, False, mix.DUCK_RELEASE + 0.1)
    assert mix.volumes() == (1.0, 1.0, 0.0)


# --- The mixer, wired -----------------------------------------------------------------------


def channel_volumes(audio: Audio) -> list[float]:
    indexes = audio_module.STEM_CHANNELS[audio._stem_set]
    return [pygame.mixer.Channel(i).get_volume() for i in indexes]


def test_a_layered_score_starts_calm_and_follows_the_hunt(mixer) -> None:
    audio = Audio(master=1.0, music=1.0)
    audio.music(BEACH)
    assert audio.layered
    indexes = audio_module.STEM_CHANNELS[audio._stem_set]
    assert all(pygame.mixer.Channel(i).get_busy() for i in indexes), "all three stems run"
    assert channel_volumes(audio)[1:] == [0.0, 0.0]
    for _ in range(30):
        audio.intensity(5, False)
        audio.update(0.1)
    _, combat, alpha = channel_volumes(audio)
    assert combat > 0.9 and alpha == 0.0
    for _ in range(30):
        audio.intensity(5, True)
        audio.update(0.1)
    assert channel_volumes(audio)[2] > 0.9
    audio.set_volumes(0.5, 0.5, 1.0)
    assert channel_volumes(audio)[1] <= 0.26, "master and music volume scale the stems"
    audio.music(None)


def test_switching_scores_fades_the_old_one_out_while_the_new_one_starts(mixer) -> None:
    audio = Audio()
    audio.music(BEACH)
    old = audio_module.STEM_CHANNELS[audio._stem_set]
    audio.music(DAM)
    new = audio_module.STEM_CHANNELS[audio._stem_set]
    assert set(old).isdisjoint(new)
    assert all(pygame.mixer.Channel(i).get_busy() for i in (*old, *new)), "no cut"
    audio.music("title")
    assert not audio.layered and pygame.mixer.music.get_busy()
    audio.music(None)


def test_a_stinger_plays_in_the_key_of_the_score_and_ducks_it(mixer, monkeypatch) -> None:
    monkeypatch.setattr(audio_module, "MUSIC_FADE_MS", 0)  # no fade-in to read volumes through
    audio = Audio(master=1.0, music=1.0)
    audio.music(DAM)
    calm_before = channel_volumes(audio)[0]
    audio.stinger("learn")
    channel = pygame.mixer.Channel(audio_module.STINGER_CHANNEL)
    assert channel.get_busy()
    assert channel.get_sound() is audio._stinger("sting_learn_c"), "the dam is in C minor"
    assert audio.mix.duck < 1.0 and channel_volumes(audio)[0] < calm_before
    audio.stinger("no such stinger")  # ignored
    audio.music(None)


# --- Footsteps ------------------------------------------------------------------------------


def steps(monkeypatch, surface: str, count: int = 4) -> list[str]:
    audio = Audio()
    played: list[str] = []
    monkeypatch.setattr(audio, "play", lambda name, *args, **kwargs: played.append(name))
    for _ in range(count):
        audio.footstep(surface)
    return played


def test_each_surface_has_its_own_footsteps_in_two_variants(monkeypatch) -> None:
    heard = {surface: steps(monkeypatch, surface) for surface in SURFACES}
    for surface, names in heard.items():
        assert len(set(names)) == 2, f"{surface}: two variants, alternating"
        for other, other_names in heard.items():
            if other != surface:
                assert set(names).isdisjoint(other_names), f"{surface} sounds like {other}"
        files = [(SOUNDS / f"{name}.ogg").read_bytes() for name in sorted(set(names))]
        assert files[0] != files[1]
    # ...and really different sounds, not copies under other names.
    contents = {(SOUNDS / f"{n}.ogg").read_bytes() for names in heard.values() for n in names}
    assert len(contents) == 2 * len(SURFACES)


def test_an_unknown_surface_walks_like_dirt(monkeypatch) -> None:
    assert set(steps(monkeypatch, "marble")) == set(steps(monkeypatch, "dirt"))
    assert set(steps(monkeypatch, "")) == set(steps(monkeypatch, "dirt"))
    assert set(steps(monkeypatch, "sand")) == {"footstep_sand", "footstep_sand_b"}


def test_every_footstep_is_loaded(mixer) -> None:
    audio = Audio()
    assert {f"footstep_{s}{v}" for s in SURFACES for v in ("", "_b")} <= set(audio.sounds)


def test_without_an_audio_device_the_new_calls_do_nothing(monkeypatch) -> None:
    without_audio_device(monkeypatch)
    audio = Audio()
    assert not audio.enabled
    audio.music(BEACH)
    audio.intensity(3, True)
    audio.update(FRAME)
    audio.stinger("final")
    audio.footstep("metal")
    audio.set_volumes(0.5, 0.5, 0.5)
    audio.music(None)


def test_the_scores_decode_in_the_background_so_a_map_change_does_not_wait(mixer) -> None:
    audio = Audio()
    thread = audio.preload()
    assert thread is not None and thread.daemon
    thread.join(timeout=60)
    names = (*audio_module.campaign_scores(), *audio_module.SCORES)
    assert DAM in names and BEACH in names, "the maps' scores are decoded ahead too"
    decoded = {name: audio._scores.get(name) for name in names}
    assert all(decoded.values()), "every layered score is ready"
    assert all(audio._stingers.get(f"sting_{n}_d") for n in audio_module.STINGERS)
    audio.music(DAM)
    assert audio._score(DAM) is decoded[DAM], "the map change uses what was decoded"
    audio.music(None)


# --- Effects: which event plays which file ----------------------------------------------------

GAME = Path(audio_module.__file__).resolve().parent
# Field values that change what an event sounds like: every kind with a sound of its own, a round
# into a wall or not, a keypad's three endings, a grenade's blast and the charge's.
VARIANTS = {
    "kind": ["drone", *sorted({kind for _, kind in audio_module.KIND_SOUNDS})],
    "hit": ["wall", "mimic", "none"],
    "how": ["wrong", "opened", "left", "knowledge"],
    "radius": [60.0, 400.0],
}


def events_of(cls: type) -> list:
    """Real events of `cls` near the origin, one for each value in VARIANTS of its fields."""
    plain = {}
    for f in dataclasses.fields(cls):
        if f.name.endswith("x") or f.name.endswith("y"):
            plain[f.name] = 20.0
        elif f.type in ("int", int):
            plain[f.name] = 1
        elif f.type in ("float", float):
            plain[f.name] = 1.0
        elif f.type in ("bool", bool):
            plain[f.name] = False
        else:
            plain[f.name] = "x"
    made = [cls(**plain)]
    for f in dataclasses.fields(cls):
        made += [cls(**{**plain, f.name: value}) for value in VARIANTS.get(f.name, ())]
    return made


def heard(monkeypatch, audio: Audio) -> list[str]:
    played: list[str] = []
    monkeypatch.setattr(audio, "play", lambda name, *args, **kwargs: played.append(name))
    return played


def footsteps() -> set[str]:
    return {name for s in SURFACES for name in audio_module.footstep_names(s)}


def test_every_sound_the_tables_can_play_is_a_file_in_the_assets():
    names = {name for h in audio_module.HANDLERS.values() for name in h.sounds} | footsteps()
    missing = sorted(n for n in names if not (SOUNDS / f"{n}.ogg").is_file())
    assert missing == [], f"played but not in assets/sounds: {missing}"
    assert names <= set(effect_names())


def test_each_event_plays_only_the_sounds_its_table_entry_names_and_all_of_them(monkeypatch):
    audio = Audio()
    played = heard(monkeypatch, audio)
    for cls, entry in audio_module.HANDLERS.items():
        played.clear()
        for _ in range(12):  # the rifle's variants are picked at random
            for e in events_of(cls):
                entry.play(audio, e, (0.0, 0.0))
        assert set(played) == set(entry.sounds), cls.__name__


def literal_plays() -> set[str]:
    """The effects the game's code plays by name: `x.play("name", ...)` and `x.play_at("name", ...)`
    anywhere under game/ (the menus' clicks, the Omega's heartbeat, the charge's beeps)."""
    names = set()
    for path in GAME.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("play", "play_at")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                names.add(node.args[0].value)
    return names


def test_every_file_in_the_assets_is_played_by_something():
    tables = {name for h in audio_module.HANDLERS.values() for name in h.sounds}
    played = tables | footsteps() | literal_plays()
    assert literal_plays() <= set(effect_names()), "a name played in code has no file"
    files = {p.stem for p in SOUNDS.iterdir() if p.suffix in (".ogg", ".wav")}
    assert files - played == set(), "a sound nothing plays (a mod replacing it changes nothing)"


def test_a_new_file_in_the_assets_is_a_new_sound(monkeypatch, tmp_path):
    """The names are read from the folder, not kept in a list."""
    folder = tmp_path / "sounds"
    folder.mkdir()
    for name in ("shot", "brand_new"):
        (folder / f"{name}.ogg").write_bytes((SOUNDS / "shot.ogg").read_bytes())
    (folder / "notes.txt").write_text("not a sound")
    sounds_module.effect_names.cache_clear()
    try:
        with monkeypatch.context() as patch:
            patch.setattr(sounds_module, "sounds_dir", lambda: folder)
            assert effect_names() == ("brand_new", "shot")
            assert campaign_sounds() == ("brand_new", "shot"), "a mod may replace it too"
            assert set(Audio().sounds) == {"brand_new", "shot"}
    finally:
        sounds_module.effect_names.cache_clear()  # the campaign's folder again for what follows
    assert "shot_b" in effect_names()


def test_a_shot_the_sim_fires_is_heard_and_so_is_its_wall(monkeypatch):
    world = World(arena(solid=(Rect(800.0, 0.0, 64.0, 960.0),)), 1)
    audio = Audio()
    played = heard(monkeypatch, audio)
    events = []
    for _ in range(3):
        events += world.step(InputFrame(aim=quantize_aim(0.0), buttons=inputs.FIRE))
    shots = [e for e in events if type(e) is ev.ShotFired]
    assert shots and shots[0].hit == "wall"
    audio.observe(events, world.cage.position)
    assert played[0] in audio_module.SHOTS and "hit_wall" in played

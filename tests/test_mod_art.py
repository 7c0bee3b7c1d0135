"""A mod's own sprites and sounds: what the game draws and plays while the mod is on, what it
refuses (one problem naming the file, the campaign's file used instead), and that the campaign's
come back when the mod is left.

The example mod (docs/examples/green-drones/, written by assets/make_example_mod.py) recolours
the drone green and pitches its death cry up; the broken mods are copies of it with one file
spoiled.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
from array import array
from pathlib import Path

import pygame
import pytest

from game import mod_assets
from game.audio import Audio
from game.level.mods import read_mod
from game.level.problems import WARNING
from game.level.validate import check_mod
from game.mod_assets import campaign_sheets, campaign_sounds, mod_root, read_mod_assets
from game.render.sheets import SheetBank, load_sheet
from game.scenes.play import PlayScene
from game.sim.mimic import BURROWED, EMERGING

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "green-drones"
CAMPAIGN_SPRITES = ROOT / "assets" / "sprites"
DOC = ROOT / "docs" / "MODDING.md"


def greenish(color) -> bool:
    r, g, b = color[:3]
    return g > r + 25 and g > b + 25


@pytest.fixture
def display():
    pygame.display.init()
    pygame.display.set_mode((64, 64))
    yield
    pygame.display.quit()


@pytest.fixture
def mod(tmp_path) -> Path:
    """A copy of the example mod, the test's to spoil."""
    folder = tmp_path / "green"
    shutil.copytree(EXAMPLE, folder)
    return folder


def messages(folder: Path) -> list[str]:
    return [p.line() for p in read_mod_assets(folder).problems]


# --- the example ----------------------------------------------------------------------------


def test_the_example_replaces_the_drone_sheet_and_its_death_cry_and_nothing_is_wrong():
    assets = read_mod_assets(EXAMPLE)
    assert assets.problems == ()
    assert set(assets.sheets) == {"drone"}
    assert set(assets.sounds) == {"mimic_die"}
    assert mod_root(EXAMPLE / "arena.tmx") == EXAMPLE
    assert mod_root(ROOT / "levels" / "beachhead.tmx") is None, "the campaign is no mod"


def test_the_example_sheet_is_the_campaign_drone_recoloured_by_its_script(display):
    spec = importlib.util.spec_from_file_location("make_example_mod", ROOT / "assets" /
                                                  "make_example_mod.py")  # fmt: skip
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    contract = json.loads((CAMPAIGN_SPRITES / "drone.json").read_text(encoding="utf-8"))
    campaign = pygame.image.load(str(CAMPAIGN_SPRITES / "drone.png")).convert_alpha()
    drawn = script.green_sheet(campaign, contract["frame"][1])
    committed = pygame.image.load(str(EXAMPLE / "sprites" / "drone.png")).convert_alpha()
    assert committed.get_size() == drawn.get_size()
    same = pygame.image.tobytes(committed, "RGBA") == pygame.image.tobytes(drawn, "RGBA")
    assert same, "docs/examples/green-drones/sprites/drone.png is stale: run the script"
    assert json.loads((EXAMPLE / "sprites" / "drone.json").read_text(encoding="utf-8")) == contract


# --- drawing --------------------------------------------------------------------------------


def drone_pixels(app, map_path: Path) -> tuple[int, int]:
    """Play the map for three seconds, draw a frame, and count the pixels around the drones that
    are out of the sand: (green ones, all)."""
    play = PlayScene(app, level=str(map_path))
    app.push(play)
    for _ in range(180):
        play.update()
    screen = app.screen
    play.draw(screen, 1.0)
    world = play.run.world
    green = total = 0
    out = [m for m in world.mimics if m.alive and m.state not in (BURROWED, EMERGING)]
    assert out, "no drone out of the sand to look at"
    for mimic in out:
        cx, cy = play.view.world_to_screen(mimic.position)
        for y in range(int(cy) - 14, int(cy) + 15):
            for x in range(int(cx) - 14, int(cx) + 15):
                if 0 <= x < screen.get_width() and 0 <= y < screen.get_height():
                    total += 1
                    green += greenish(screen.get_at((x, y)))
    app.pop()
    return green, total


def test_the_game_draws_the_mods_drones_in_the_mods_colour(app, tmp_path):
    green, total = drone_pixels(app, EXAMPLE / "arena.tmx")
    assert green > 0.08 * total, f"only {green} of {total} pixels round the drones are green"
    # The same map without the mod's sheet: the campaign's drones, not a green one among them.
    plain = tmp_path / "plain"
    shutil.copytree(EXAMPLE, plain, ignore=shutil.ignore_patterns("sprites"))
    green, total = drone_pixels(app, plain / "arena.tmx")
    assert green < 0.01 * total


def test_a_mod_started_from_the_levels_screen_uses_its_own_art(app):
    from game.level.campaign import mods_dir
    from game.scenes.levels import start_level

    installed = mods_dir() / "green-drones"
    shutil.copytree(EXAMPLE, installed)
    start_level(app, installed / "arena.tmx")
    play = app.top
    assert play.view.sheets.mod is not None
    assert play.view.sheets.mod.root == Path(os.path.abspath(installed))


def test_back_in_the_campaign_the_campaigns_drones_and_sounds_are_used(app):
    play = PlayScene(app, level=str(EXAMPLE / "arena.tmx"))
    app.push(play)
    modded = app.audio.sounds.get("mimic_die")
    assert play.view.sheets.mod is not None
    app.pop()  # leaving the mod's play scene
    campaign = PlayScene(app, "beachhead")
    app.push(campaign)
    assert campaign.view.sheets.mod is None
    if app.audio.enabled:
        assert modded is not None and app.audio.sounds["mimic_die"] is not modded
        assert app.audio.sounds["mimic_die"] is app.audio._campaign_sounds["mimic_die"]


# --- refusing a broken sheet ----------------------------------------------------------------


def spoil_json(mod: Path, change) -> Path:
    path = mod / "sprites" / "drone.json"
    spec = json.loads(path.read_text(encoding="utf-8"))
    change(spec)
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


def crop(mod: Path, size: tuple[int, int]) -> Path:
    path = mod / "sprites" / "drone.png"
    image = pygame.image.load(str(path))
    out = pygame.Surface(size, pygame.SRCALPHA)
    out.blit(image, (0, 0))
    pygame.image.save(out, str(path))
    return path


@pytest.mark.parametrize(
    "spoil, says",
    [
        (lambda m: (m / "sprites" / "drone.json").write_text("{frame: 40", encoding="utf-8"),
         "not valid JSON"),
        (lambda m: spoil_json(m, lambda s: s["animations"].pop("lunge")),
         "lacks the animation lunge"),
        (lambda m: spoil_json(m, lambda s: s.update(frame=[40, "40"])), '"frame" must be'),
        (lambda m: spoil_json(m, lambda s: s["animations"]["die"].update(row=9)), '"row" must be'),
        (lambda m: crop(m, (250, 280)), "not a whole number of 40x40 frames"),
        (lambda m: crop(m, (4096, 2048)), "a sheet is at most"),
        (lambda m: (m / "sprites" / "drone.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really"),
         "not a PNG"),
        (lambda m: (m / "sprites" / "drone.json").unlink(), "has no drone.json beside it"),
    ],
    ids=["bad-json", "missing-animation", "frame", "row", "frame-not-dividing", "huge-image",
         "not-png", "no-json"],
)  # fmt: skip
def test_a_broken_mod_sheet_is_named_and_the_campaigns_is_drawn(display, mod, spoil, says):
    spoil(mod)
    assets = read_mod_assets(mod)
    assert "drone" not in assets.sheets
    (problem,) = assets.problems
    assert problem.severity == WARNING, "the mod still plays"
    assert problem.file.startswith(str(mod / "sprites" / "drone.")), problem.line()
    assert says in problem.message and "draws its own drone instead" in problem.message
    bank = SheetBank(mod=assets)
    assert bank.load_mod_sheets() == [problem]
    campaign = load_sheet("drone")
    frame = bank["drone"].animation("move").frames[0]
    assert pygame.image.tobytes(frame, "RGBA") == pygame.image.tobytes(
        campaign.animation("move").frames[0], "RGBA"
    )


def test_a_sheet_that_passes_the_checks_but_will_not_load_falls_back(display, mod, monkeypatch):
    assets = read_mod_assets(mod)
    real_load = pygame.image.load

    def refuse(path, *args):
        if str(mod) in str(path):
            raise pygame.error("Unsupported image format")
        return real_load(path, *args)

    monkeypatch.setattr(pygame.image, "load", refuse)
    bank = SheetBank(mod=assets)
    (problem,) = bank.load_mod_sheets()
    assert problem.file == str(mod / "sprites" / "drone.png")
    assert "Unsupported image format" in problem.message
    assert bank["drone"].frame_size == (40, 40)


def test_a_problem_shows_on_screen_and_in_the_terminal_and_the_mod_plays_on(app, mod, capsys):
    spoil_json(mod, lambda s: s["animations"].pop("windup"))
    play = PlayScene(app, level=str(mod / "arena.tmx"))
    app.push(play)
    err = capsys.readouterr().err
    assert f"{mod / 'sprites' / 'drone.json'}: warning: lacks the animation windup" in err
    assert "drone.json" in play.notices.subtitle
    assert "Traceback" not in err
    play.update()
    play.draw(app.screen, 1.0)


def test_names_that_replace_nothing_are_named_with_the_nearest(mod):
    (mod / "sprites" / "drone.png").rename(mod / "sprites" / "dron.png")
    (mod / "sprites" / "drone.json").rename(mod / "sprites" / "dron.json")
    (mod / "sounds" / "mimic_die.ogg").rename(mod / "sounds" / "mimic_dye.ogg")
    lines = messages(mod)
    assert len(lines) == 2
    assert 'no sprite sheet named "dron"' in lines[0] and 'did you mean "drone"' in lines[0]
    assert 'no sound named "mimic_dye"' in lines[1] and 'did you mean "mimic_die"' in lines[1]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_a_link_out_of_the_mod_is_refused(mod, tmp_path):
    outside = tmp_path / "outside.png"
    shutil.copyfile(mod / "sprites" / "drone.png", outside)
    (mod / "sprites" / "drone.png").unlink()
    (mod / "sprites" / "drone.png").symlink_to(outside)
    (line,) = messages(mod)
    assert "drone.png" in line and "leads out of the mod's folder" in line
    assert "drone" not in read_mod_assets(mod).sheets


# --- sounds ---------------------------------------------------------------------------------


def raw(sound) -> array:
    return array("h", sound.get_raw())


def test_a_mod_sound_replaces_the_campaigns_by_name_until_the_mod_is_left():
    audio = Audio()
    if not audio.enabled:
        pytest.skip("no mixer, not even SDL's dummy one")
    campaign = raw(audio.sounds["mimic_die"])
    assert audio.use_mod(read_mod_assets(EXAMPLE)) == []
    mod_sound = raw(pygame.mixer.Sound(EXAMPLE / "sounds" / "mimic_die.ogg"))
    assert raw(audio.sounds["mimic_die"]) == mod_sound != campaign
    assert raw(audio.sounds["shot"]) == raw(audio._campaign_sounds["shot"]), "the rest are kept"
    audio.use_mod(None)
    assert raw(audio.sounds["mimic_die"]) == campaign


@pytest.mark.parametrize(
    "spoil, says",
    [
        (lambda p: p.write_bytes(b"OggS" + bytes(60)), "is Ogg but not Vorbis"),
        (lambda p: p.write_bytes(b"no sound at all"), "neither Ogg Vorbis nor WAV"),
        (lambda p: p.write_bytes(p.read_bytes()[:3000]), "without its end"),
        (lambda p: p.write_bytes(bytes(mod_assets.MAX_SOUND_BYTES + 1)), "the limit is"),
    ],
    ids=["broken-ogg", "not-audio", "cut-short", "huge"],
)
def test_a_broken_mod_sound_is_named_and_skipped(mod, spoil, says):
    path = mod / "sounds" / "mimic_die.ogg"
    spoil(path)
    assets = read_mod_assets(mod)
    (problem,) = assets.problems
    assert problem.file == str(path) and says in problem.message, problem.line()
    assert "the game plays its own mimic_die" in problem.message
    assert "mimic_die" not in assets.sounds


def test_a_mod_sound_longer_than_an_effect_is_refused(mod):
    import wave

    path = mod / "sounds" / "mimic_die.wav"
    (mod / "sounds" / "mimic_die.ogg").unlink()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(bytes(2 * 8000 * 7))  # seven seconds
    (line,) = messages(mod)
    assert "runs 7.0 s; an effect is at most 6 s" in line


# --- checking a mod, and the guide ----------------------------------------------------------


def test_the_mod_check_lists_art_problems_as_warnings_and_the_mod_stays_playable(mod):
    spoil_json(mod, lambda s: s["animations"].pop("die"))
    found = read_mod(mod)
    problems = check_mod(found)
    art = [p for p in problems if p.file == str(mod / "sprites" / "drone.json")]
    assert len(art) == 1 and not art[0].is_error
    assert found.playable and not any(p.is_error for p in problems)


def guide() -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("## Your own sprites and sounds")
    return text[start : text.index("\n## ", start + 1)]


def reference(name: str) -> list[list[str]]:
    block = re.search(rf"<!-- reference:{name} -->(.*?)<!-- /reference -->", guide(), re.S)
    assert block, f"the guide has no {name} table"
    rows = [line.strip().strip("|").split("|") for line in block.group(1).strip().splitlines()]
    return [[cell.strip() for cell in row] for row in rows[2:]]


def test_the_guide_lists_every_sheet_with_its_frame_and_animations():
    listed = {}
    for sheet, frame, animations in reference("sheets"):
        listed[sheet.strip("`")] = (frame, tuple(re.findall(r"`(\w+)`", animations)))
    expected = {}
    for name, animations in campaign_sheets().items():
        spec = json.loads((CAMPAIGN_SPRITES / f"{name}.json").read_text(encoding="utf-8"))
        expected[name] = ("x".join(map(str, spec["frame"])), animations)
    assert listed == expected


def test_the_guide_lists_every_sound_and_states_the_limits():
    listed = [n for _, names in reference("sounds") for n in re.findall(r"`(\w+)`", names)]
    assert sorted(listed) == sorted(campaign_sounds())
    text = guide()
    for limit in (
        f"each from 1 to {mod_assets.MAX_FRAME_SIDE}",
        f"{mod_assets.MAX_SHEET_PNG_BYTES // 2**20} MiB, {mod_assets.MAX_SHEET_SIDE} pixels",
        f"{mod_assets.MAX_SHEET_PIXELS:,} pixels",
        f"{mod_assets.MAX_SHEET_JSON_BYTES // 1024} KiB",
        f"{mod_assets.MAX_ANIMATIONS} animations, of at most {mod_assets.MAX_FRAMES} frames",
        f"from 1 to {mod_assets.MAX_TICKS_PER_FRAME}",
        f"{mod_assets.MAX_SOUND_BYTES // 2**20} MiB and {mod_assets.MAX_SOUND_SECONDS:g} seconds",
        f"{mod_assets.SOUND_RATES[0]:,} to {mod_assets.SOUND_RATES[1]:,} samples",
    ):
        assert limit in text, limit


def test_the_guides_sample_warnings_are_what_the_game_prints(display, tmp_path):
    lines = re.search(r"```\n(mods/green/.*?)```", guide(), re.S).group(1).splitlines()
    green = tmp_path / "mods" / "green"
    spoils = [
        lambda m: spoil_json(m, lambda s: s["animations"].pop("windup")),
        lambda m: crop(m, (250, 280)),
        lambda m: (m / "sounds" / "mimic_die.ogg").rename(m / "sounds" / "mimic_dye.ogg"),
    ]
    assert len(lines) == len(spoils)
    for line, spoil in zip(lines, spoils, strict=True):
        shutil.rmtree(green, ignore_errors=True)
        shutil.copytree(EXAMPLE, green)
        spoil(green)
        (problem,) = read_mod_assets(green).problems
        printed = problem.line().replace(f"{tmp_path}{os.sep}", "")
        if line.endswith("...)"):
            assert printed.startswith(line[:-4]), printed
        else:
            assert printed == line

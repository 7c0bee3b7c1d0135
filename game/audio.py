"""Sound and music: the simulation's events made audible.

Owns the mixer, the loaded sounds, which event plays which sound (with variation, distance
attenuation and stereo pan from where it happened relative to Cage), the footsteps of each
surface, and the music: single tracks streamed by `pygame.mixer.music`, and the layered scores,
whose calm, combat and Alpha stems loop together on reserved channels and crossfade with how many
Mimics hunt Cage, with stingers played over them. Which effects there are is read from the files
in assets/sounds (game.sounds); this module keeps only what plays which of them: `HANDLERS`, a
table from each event class to what it sounds like. If the machine has no audio device the game
plays on silently. While a mod is played its own sounds (game.mod_assets checks them) replace the
campaign's of the same names; `use_mod(None)` puts the campaign's back.

Reads sim events; never writes to the sim. Must not import game.scenes or game.app: the scenes
call it. `LayerMix` is pure arithmetic and needs no mixer.
"""

from __future__ import annotations

import math
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from game.level.campaign import campaign_dir
from game.level.data import SURFACES
from game.level.music import score_stems as map_score_stems
from game.level.problems import Problem
from game.mod_assets import ModAssets, ogg_info, warning
from game.render.assets import assets_dir
from game.sim import events as ev
from game.sounds import effect_names, effect_paths

HEARING_RANGE = 900.0  # px: beyond this a sound is silent
UNKNOWN_SURFACE = "dirt"  # what a surface with no footsteps of its own walks like
# Per surface: a step's volume, set by ear against the sand's (a clank carries, a scuff doesn't).
FOOTSTEP_VOLUME = {
    "sand": 0.35, "dirt": 0.3, "concrete": 0.33, "metal": 0.26, "wood": 0.3, "water": 0.3,
}  # fmt: skip
SHOTS = ("shot", "shot_b", "shot_c")  # the rifle: one of them at random each round
FOOTSTEP_VARIANTS = ("", "_b")  # each surface's two steps, alternating
# What a kind of Mimic sounds like where it differs from a drone: (event, kind) -> sound.
KIND_SOUNDS = {
    ("died", "alpha"): "alpha_roar", ("died", "hulk"): "hulk_roar",
    ("died", "brood"): "brood_screech", ("emerged", "burrower"): "burrower_erupt",
    ("emerged", "mite"): "mite_swarm", ("lunge", "carapace"): "carapace_charge",
    ("lunge", "hulk"): "hulk_slam", ("lunge", "brood"): "brood_birth",
    ("windup", "brood"): "brood_screech", ("windup", "burrower"): "burrower_tunnel",
    ("windup", "hulk"): "hulk_roar",
}  # fmt: skip

# Music. A layered score is three files, <name>_calm/_combat/_alpha.ogg, of one length
# (game.level.music's convention); any other name is a single track, <name>.ogg (or .wav).
# A stem's file holds its loop with STEM_MARGIN samples (at the file's rate) of the loop's own end
# before it and of its start after it (assets/make_sounds.py writes them). They are cut off once
# the file is decoded: Vorbis's errors at a file's ends, and the samples SDL drops at the end of
# a file it resamples to the mixer's rate, fall in them, never in the loop.
STEM_MARGIN = 1024
# The layered scores, decoded ahead in the background (each takes about half a second, which
# would otherwise stall the frame the music changes on: the first map change, the shaft).
SCORES = ("chamber",)  # the game's own layered scores under assets/music; the maps' are theirs
STINGERS = ("learn", "loop", "final")
# The key a stinger is played in under each track, so it lands in tune: the dam is in C minor,
# everything else in D.
MUSIC_KEYS = {"dam": "c"}
MUSIC_FADE_MS = 700  # switching tracks: the old one fades out over this, the new one in
# Reserved channels, out of reach of the effects: two sets of stems (the new score fades in on one
# while the old fades out on the other), then the stinger's.
STEM_CHANNELS = ((0, 1, 2), (3, 4, 5))
STINGER_CHANNEL = 6
RESERVED_CHANNELS = 7


def looped(sound: pygame.mixer.Sound, path) -> pygame.mixer.Sound:
    """A score's stem as it loops: the decoded file without its margins (see STEM_MARGIN).

    The loop's length comes from the file's header and the mixer's rate, so the three stems of a
    score come out the same length, sample for sample, whatever SDL did to the file's last samples.
    A file too short for its margins (not one the campaign's script wrote) is used whole."""
    rate, _, frames = ogg_info(Path(path).read_bytes())
    mixer_rate, size, channels = pygame.mixer.get_init()
    frame_bytes = abs(size) // 8 * channels
    start = round(STEM_MARGIN * mixer_rate / rate) * frame_bytes
    length = round((frames - 2 * STEM_MARGIN) * mixer_rate / rate) * frame_bytes
    raw = sound.get_raw()
    if frames <= 2 * STEM_MARGIN or start + length > len(raw):
        return sound
    return pygame.mixer.Sound(buffer=memoryview(raw)[start : start + length])


class LayerMix:
    """How loud each stem of a layered score is: targets from the hunt, moved at a bounded rate.

    A stem rises from silence to full in RISE_SECONDS; when its target drops it first holds for
    HOLD_SECONDS (one kill mid-fight must not drop the music), then falls, slower, over
    FALL_SECONDS. A stinger ducks all the stems at once and lets them back up over DUCK_RELEASE.
    """

    RISE_SECONDS = 1.5
    FALL_SECONDS = 3.0
    HOLD_SECONDS = 2.5
    DUCK_LEVEL = 0.4  # about -8 dB under a stinger
    DUCK_RELEASE = 1.2

    def __init__(self) -> None:
        self.reset()

    @staticmethod
    def targets(hunting: int, alpha: bool) -> tuple[float, float, float]:
        """Stem levels for a moment of the hunt: calm always under it; combat partly with one or
        two Mimics on Cage, in full from three; the Alpha stem in full while an Alpha (or a boss)
        hunts him, with combat at least most of the way up beneath it."""
        if hunting <= 0:
            combat = 0.0
        elif hunting == 1:
            combat = 0.45
        elif hunting == 2:
            combat = 0.7
        else:
            combat = 1.0
        if alpha:
            combat = max(combat, 0.7)
        return (1.0, combat, 1.0 if alpha else 0.0)

    def reset(self) -> None:
        """A score starting: calm only, nothing held, no duck."""
        self.levels = [1.0, 0.0, 0.0]
        self.goals = [1.0, 0.0, 0.0]
        self.holds = [0.0, 0.0, 0.0]
        self.duck = 1.0
        self.duck_left = 0.0

    def aim(self, hunting: int, alpha: bool) -> None:
        self.goals = list(self.targets(hunting, alpha))

    def duck_for(self, seconds: float) -> None:
        """Dip every stem now, for `seconds` (a stinger's length), then let them back up."""
        self.duck = min(self.duck, self.DUCK_LEVEL)
        self.duck_left = max(self.duck_left, seconds)

    def step(self, dt: float) -> tuple[float, float, float]:
        """Move each level toward its goal over dt seconds; returns the levels."""
        for i, goal in enumerate(self.goals):
            level = self.levels[i]
            if goal >= level:
                self.holds[i] = self.HOLD_SECONDS
                level = min(goal, level + dt / self.RISE_SECONDS)
            elif self.holds[i] > 0.0:
                self.holds[i] = max(0.0, self.holds[i] - dt)
            else:
                level = max(goal, level - dt / self.FALL_SECONDS)
            self.levels[i] = level
        if self.duck_left > 0.0:
            self.duck_left = max(0.0, self.duck_left - dt)
        else:
            rate = (1.0 - self.DUCK_LEVEL) / self.DUCK_RELEASE
            self.duck = min(1.0, self.duck + dt * rate)
        return (self.levels[0], self.levels[1], self.levels[2])

    def volumes(self) -> tuple[float, float, float]:
        """What each stem's channel plays at (before master and music volume): the level through
        an S-curve, so a layer eases in and out instead of lurching at the ends, then ducked."""
        calm, combat, alpha = (v * v * (3.0 - 2.0 * v) * self.duck for v in self.levels)
        return (calm, combat, alpha)


def is_music_file(name: str) -> bool:
    """A map's music is a file path; the game's own pieces are bare names."""
    return "/" in name or "\\" in name


def score_name(name: str) -> str:
    """The score a piece is: `dam` for the dam map's `.../dam_calm.ogg`, or the bare name."""
    return Path(name).stem.removesuffix("_calm") if is_music_file(name) else name


def score_stems(name: str) -> list[Path]:
    """The calm, combat and alpha stems of the layered score `name` is (a map's `X_calm.ogg`, or
    a piece under assets/music); empty when it is not one."""
    calm = Path(name) if is_music_file(name) else assets_dir() / "music" / f"{name}_calm.ogg"
    return map_score_stems(calm)


def campaign_scores() -> list[str]:
    """The campaign maps' layered scores (levels/music/*_calm.ogg), decoded ahead of play."""
    folder = campaign_dir() / "music"
    return [str(path) for path in sorted(folder.glob("*_calm.ogg"))] if folder.is_dir() else []


class Audio:
    def __init__(self, master: float = 0.8, music: float = 0.6, effects: float = 0.9) -> None:
        self.enabled = False
        self.sounds: dict[str, pygame.mixer.Sound] = {}
        self.rng = random.Random(7)  # cosmetic: which shot variant, small pitch-free variety
        self.master, self.music_volume, self.effects_volume = master, music, effects
        self.current_music: str | None = None
        self.mix = LayerMix()
        self.layered = False  # whether current_music is a layered score (else a single track)
        self._footstep_toggle = False
        self._scores: dict[str, tuple[pygame.mixer.Sound, ...] | None] = {}
        self._stingers: dict[str, pygame.mixer.Sound | None] = {}
        self._stem_set = 0  # which of STEM_CHANNELS the current score plays on
        self._loading = threading.Lock()  # the caches are filled by one thread at a time
        self._applied: list[float] = [-1.0, -1.0, -1.0, -1.0]  # stem volumes, then the track's
        self._campaign_sounds: dict[str, pygame.mixer.Sound] = {}
        self.mod: ModAssets | None = None  # the mod whose sounds are in use
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=44100, size=-16, channels=2, buffer=512)
            pygame.mixer.set_num_channels(32)
            pygame.mixer.set_reserved(RESERVED_CHANNELS)
            self.enabled = True
        except pygame.error:
            return
        for name in effect_names():
            for path in effect_paths(name):  # the .ogg, else the .wav
                try:
                    self.sounds[name] = pygame.mixer.Sound(path)
                except pygame.error:
                    continue
                break
        self._campaign_sounds = dict(self.sounds)

    def use_mod(self, mod: ModAssets | None) -> list[Problem]:
        """Play the mod's own sounds in place of the campaign's of the same names (None: the
        campaign's only, as when a mod is left). Returns the problems of the sounds that passed
        the mod's checks and still would not load: each is skipped, the campaign's played."""
        self.mod = mod
        self.sounds = dict(self._campaign_sounds)
        problems: list[Problem] = []
        if not self.enabled or mod is None:
            return problems
        for name, path in mod.sounds.items():
            if name not in effect_names():
                continue
            try:
                self.sounds[name] = pygame.mixer.Sound(path)
            except (pygame.error, MemoryError) as exc:
                problems.append(
                    warning(path, f"cannot be played ({exc}); the game plays its own {name}")
                )
        return problems

    def set_volumes(self, master: float, music: float, effects: float) -> None:
        self.master, self.music_volume, self.effects_volume = master, music, effects
        if self.enabled:
            self._apply_music_volume(force=True)

    def play(self, name: str, volume: float = 1.0, pan: float = 0.0) -> None:
        """Play an effect; pan -1 (left) .. 1 (right)."""
        sound = self.sounds.get(name)
        if not self.enabled or sound is None:
            return
        level = max(0.0, min(1.0, volume * self.master * self.effects_volume))
        if level <= 0.01:
            return
        channel = sound.play()
        if channel is not None:
            left = level * min(1.0, 1.0 - pan)
            right = level * min(1.0, 1.0 + pan)
            channel.set_volume(left, right)

    def play_at(self, name: str, x: float, y: float, listener: tuple[float, float], gain=1.0):
        dx, dy = x - listener[0], y - listener[1]
        distance = math.hypot(dx, dy)
        if distance >= HEARING_RANGE:
            return
        falloff = 1.0 - distance / HEARING_RANGE
        self.play(name, gain * falloff * falloff, max(-0.8, min(0.8, dx / 640.0)))

    # --- Music ---------------------------------------------------------------------------------

    def music(self, name: str | None) -> None:
        """Switch the music, looping; None for silence. `name` is a piece of the game's under
        assets/music ("title", "chamber") or a music file (a map's `music` property).

        A file `X_calm.ogg` with `X_combat.ogg` and `X_alpha.ogg` beside it is a layered score:
        it starts calm, its three stems together. Any other file, or a name without stems, is a
        single track that streams. Whatever played before fades out as the new one fades in.
        """
        if not self.enabled or name == self.current_music:
            return
        self.current_music = name
        try:
            self._fade_out_music()
            if name is None:
                return
            stems = self._score(name)
            if stems is not None:
                self._start_score(stems)
            else:
                self._start_track(name)
        except pygame.error:
            pass

    def intensity(self, hunting: int, alpha: bool) -> None:
        """The hunt as it stands: how many Mimics hunt Cage and whether an Alpha (or a boss) is
        among them. The stems move toward it as `update` is called."""
        self.mix.aim(hunting, alpha)

    def update(self, dt: float) -> None:
        """Called every frame, whatever scene is up (dt seconds since the last): moves the
        layered score's stems toward the hunt and lets a stinger's duck back up, so a card or
        the shaft beat does not leave the music ducked."""
        self.mix.step(max(0.0, min(dt, 0.25)))  # a long hitch must not skip a whole fade
        if self.enabled:
            self._apply_music_volume()

    def stinger(self, name: str) -> None:
        """Play a short musical phrase over the music ("learn", "loop", "final"), in the key of
        what is playing, ducking the music under it."""
        if not self.enabled or name not in STINGERS:
            return
        key = MUSIC_KEYS.get(score_name(self.current_music or ""), "d")
        sound = self._stinger(f"sting_{name}_{key}") or self._stinger(f"sting_{name}_d")
        if sound is None:
            return
        try:
            channel = pygame.mixer.Channel(STINGER_CHANNEL)
            channel.set_volume(max(0.0, min(1.0, self.master * self.music_volume)))
            channel.play(sound)
        except pygame.error:
            return
        self.mix.duck_for(max(0.0, sound.get_length() - self.mix.DUCK_RELEASE * 0.5))
        self._apply_music_volume()

    def preload(self) -> threading.Thread | None:
        """Decode the layered scores and stingers on a background thread (SDL decodes without
        holding Python's lock, so the game runs on meanwhile); returns it, or None when silent.
        A score asked for before it is ready waits only for what is left of its own decoding."""
        if not self.enabled:
            return None

        def work() -> None:
            try:
                for name in (*campaign_scores(), *SCORES):
                    self._score(name)
                for name in STINGERS:
                    for key in set(MUSIC_KEYS.values()) | {"d"}:
                        self._stinger(f"sting_{name}_{key}")
            except pygame.error:
                pass  # the mixer went away (the game is closing)

        thread = threading.Thread(target=work, name="music-preload", daemon=True)
        thread.start()
        return thread

    def _score(self, name: str) -> tuple[pygame.mixer.Sound, ...] | None:
        """The stems of a layered score, loaded once (decoding takes a moment), or None."""
        with self._loading:
            return self._load_score(name)

    def _load_score(self, name: str) -> tuple[pygame.mixer.Sound, ...] | None:
        if name not in self._scores:
            paths = score_stems(name)
            stems = None
            if paths and all(path.is_file() for path in paths):
                try:
                    stems = tuple(looped(pygame.mixer.Sound(path), path) for path in paths)
                except (pygame.error, ValueError):
                    stems = None
            self._scores[name] = stems
        return self._scores[name]

    def _stinger(self, stem: str) -> pygame.mixer.Sound | None:
        with self._loading:
            return self._load_stinger(stem)

    def _load_stinger(self, stem: str) -> pygame.mixer.Sound | None:
        if stem not in self._stingers:
            path = assets_dir() / "music" / f"{stem}.ogg"
            sound = None
            if path.is_file():
                try:
                    sound = pygame.mixer.Sound(path)
                except pygame.error:
                    sound = None
            self._stingers[stem] = sound
        return self._stingers[stem]

    def _fade_out_music(self) -> None:
        if self.layered:
            for index in STEM_CHANNELS[self._stem_set]:
                pygame.mixer.Channel(index).fadeout(MUSIC_FADE_MS)
            self._stem_set = 1 - self._stem_set  # the next score starts on the other set
            self.layered = False
        pygame.mixer.music.fadeout(MUSIC_FADE_MS)

    def _start_score(self, stems: tuple[pygame.mixer.Sound, ...]) -> None:
        self.mix.reset()
        self.layered = True
        channels = [pygame.mixer.Channel(i) for i in STEM_CHANNELS[self._stem_set]]
        self._applied = [-1.0] * 4
        self._apply_music_volume()  # each channel's volume is set before it starts
        # Started back to back, the three land in the same mixing buffer and stay sample-aligned
        # for good: they are the same length and loop on the mixer's own clock. Only calm is
        # audible at first, and it fades in.
        for i, (channel, sound) in enumerate(zip(channels, stems, strict=True)):
            channel.play(sound, loops=-1, fade_ms=MUSIC_FADE_MS if i == 0 else 0)

    def _start_track(self, name: str) -> None:
        if is_music_file(name):
            found = [Path(name)] if Path(name).is_file() else []
        else:
            folder = assets_dir() / "music"
            found = [p for p in (folder / f"{name}.ogg", folder / f"{name}.wav") if p.is_file()]
        if not found:
            return
        path = found[0]
        pygame.mixer.music.load(path)
        self._applied = [-1.0] * 4
        self._apply_music_volume()
        pygame.mixer.music.play(-1, fade_ms=MUSIC_FADE_MS)

    def _apply_music_volume(self, force: bool = False) -> None:
        """Set the channels to what the mix says, skipping what has not moved audibly."""
        base = self.master * self.music_volume
        try:
            if self.layered:
                channels = STEM_CHANNELS[self._stem_set]
                for i, volume in enumerate(self.mix.volumes()):
                    level = max(0.0, min(1.0, base * volume))
                    if force or abs(level - self._applied[i]) >= 1.0 / 256.0:
                        pygame.mixer.Channel(channels[i]).set_volume(level)
                        self._applied[i] = level
            else:
                level = max(0.0, min(1.0, base * self.mix.duck))
                if force or abs(level - self._applied[3]) >= 1.0 / 256.0:
                    pygame.mixer.music.set_volume(level)
                    self._applied[3] = level
        except pygame.error:
            pass

    # --- Effects -------------------------------------------------------------------------------

    def observe(self, events: list, listener: tuple[float, float]) -> None:
        """Play what this tick's events sound like, heard from `listener` (Cage), in their order."""
        for e in events:
            heard = HANDLERS.get(type(e))
            if heard is not None:
                heard.play(self, e, listener)

    def ambience(self, world) -> None:
        """Sounds that come from the day's state rather than an event: the Omega's heartbeat,
        the planted charge counting down."""
        omega, charge = getattr(world, "omega", None), getattr(world, "charge", None)
        tick = world.tick
        if omega is not None and omega.alive and tick % 90 == 0:
            self.play_at("omega_pulse", omega.x, omega.y, world.cage.position, 0.9)
        if charge is not None and charge.state == 2 and charge.fuse % 30 == 0:
            self.play("charge_beep", 0.8 if charge.fuse > 60 else 1.0)

    def footstep(self, surface: str = "sand") -> None:
        """One step on `surface` (a tile's `surface` property); one the game has no footsteps
        for walks like dirt. The two variants alternate, each a little louder or softer."""
        if surface not in SURFACES:
            surface = UNKNOWN_SURFACE
        self._footstep_toggle = not self._footstep_toggle
        name = footstep_names(surface)[1 if self._footstep_toggle else 0]
        self.play(name, FOOTSTEP_VOLUME[surface] * (0.9 + 0.2 * self.rng.random()))


def footstep_names(surface: str) -> tuple[str, ...]:
    """The effects a step on `surface` plays, in turn."""
    return tuple(f"footstep_{surface}{v}" for v in FOOTSTEP_VARIANTS)


# --- What each event sounds like -----------------------------------------------------------------

Play = Callable[[Audio, Any, tuple[float, float]], None]  # (audio, event, listener)


@dataclass(frozen=True)
class Heard:
    """What an event sounds like: `play` it, and every effect it can play (so a test can hold
    each name to a file in assets/sounds)."""

    play: Play
    sounds: tuple[str, ...]


def at_cage(name: str, gain: float) -> Heard:
    """Heard at Cage's own ear, unpanned: what he does, what happens to him, the keypad."""
    return Heard(lambda audio, e, listener: audio.play(name, gain), (name,))


def where_it_was(name: str, gain: float) -> Heard:
    """Heard from where it happened: fainter with distance, panned toward its side."""
    return Heard(lambda audio, e, listener: audio.play_at(name, e.x, e.y, listener, gain), (name,))


def by_kind(moment: str, default: str | None, gain: float) -> Heard:
    """A Mimic at `moment` ("died", "emerged", ...), from where it is: its kind's own sound in
    KIND_SOUNDS, else `default` (None: a drone makes no sound then)."""

    def play(audio: Audio, e, listener: tuple[float, float]) -> None:
        name = KIND_SOUNDS.get((moment, e.kind), default)
        if name:
            audio.play_at(name, e.x, e.y, listener, gain)

    names = {name for (when, _), name in KIND_SOUNDS.items() if when == moment}
    return Heard(play, tuple(sorted(names | ({default} if default else set()))))


def _shot(audio: Audio, e: ev.ShotFired, listener: tuple[float, float]) -> None:
    audio.play(audio.rng.choice(SHOTS), 0.55)
    if e.hit == "wall":
        audio.play_at("hit_wall", e.end_x, e.end_y, listener, 0.5)


def _explosion(audio: Audio, e: ev.Explosion, listener: tuple[float, float]) -> None:
    if e.radius > 300:  # the charge at the core: the Omega dying, all around him
        audio.play("omega_death", 1.0)
    else:
        audio.play_at("explosion", e.x, e.y, listener, 1.0)


def _keypad_closed(audio: Audio, e: ev.KeypadClosed, listener: tuple[float, float]) -> None:
    if e.how == "wrong":  # the alarm; a pad left or opened makes no sound of its own
        audio.play("gate_locked", 0.8)


# Every event class the simulation emits that is heard; any other is silent. Looked up by the
# event's own class (the events are final: none is a subclass of another).
HANDLERS: dict[type, Heard] = {
    ev.ShotFired: Heard(_shot, (*SHOTS, "hit_wall")),
    ev.MimicHit: where_it_was("hit_mimic", 0.7),
    ev.MimicDied: by_kind("died", "mimic_die", 0.9),
    ev.MimicTelegraph: where_it_was("mimic_emerge", 0.8),
    ev.MimicEmerged: by_kind("emerged", None, 0.9),
    ev.MimicWindup: by_kind("windup", "mimic_windup", 0.7),
    ev.MimicLunge: by_kind("lunge", "mimic_lunge", 0.8),
    ev.MimicDeflected: where_it_was("carapace_deflect", 0.7),
    ev.SpitFired: where_it_was("spitter_spit", 0.8),
    ev.SpitSplashed: where_it_was("acid_splash", 0.7),
    ev.KeypadDial: at_cage("ui_move", 0.6),
    ev.KeypadClosed: Heard(_keypad_closed, ("gate_locked",)),
    ev.CageHurt: at_cage("cage_hurt", 0.9),
    ev.CageDied: at_cage("cage_die", 1.0),
    ev.DryFire: at_cage("dry_fire", 0.8),
    ev.ReloadStarted: at_cage("reload_start", 0.7),
    ev.ReloadFinished: at_cage("reload_done", 0.7),
    ev.LoopStarted: at_cage("loop_reset", 0.9),
    ev.Explosion: Heard(_explosion, ("omega_death", "explosion")),
    ev.ChargePlanted: at_cage("charge_arm", 0.9),
    ev.ChargePicked: at_cage("pickup", 0.7),
    ev.IntelRead: at_cage("pickup", 0.7),
    ev.GateLocked: at_cage("gate_locked", 0.6),
    ev.GateOpened: at_cage("gate_open", 0.8),
    ev.BladeSwing: at_cage("blade", 0.8),
    ev.GrenadeThrown: at_cage("grenade_throw", 0.7),
    ev.RitaShot: where_it_was("rita_shot", 0.45),
    ev.DashStarted: at_cage("dash", 0.7),
}

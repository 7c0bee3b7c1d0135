"""Sound and music: the simulation's events made audible.

Owns the mixer, the loaded sounds, which event plays which sound (with variation, distance
attenuation and stereo pan from where it happened relative to Cage), and the music track. If the
machine has no audio device the game plays on silently. Reads sim events; never writes to the sim.
"""

from __future__ import annotations

import math
import random

import pygame

from game.render.assets import assets_dir
from game.sim import events as ev
from game.sim.loop import LoopStarted

HEARING_RANGE = 900.0  # px: beyond this a sound is silent
EFFECT_FILES = (
    "shot", "shot_b", "shot_c", "dry_fire", "reload_start", "reload_done", "hit_mimic",
    "hit_wall", "mimic_die", "mimic_emerge", "mimic_windup", "mimic_lunge", "cage_hurt",
    "cage_die", "dash", "explosion", "footstep_sand", "footstep_sand_b", "ui_move", "ui_select",
    "ui_back", "knowledge", "loop_reset", "alpha_roar", "omega_pulse", "charge_arm",
    "charge_beep", "omega_death", "gate_locked", "gate_open", "pickup", "blade", "grenade_throw",
    "rita_shot", "spitter_spit", "acid_splash", "burrower_tunnel", "burrower_erupt",
    "carapace_deflect", "carapace_charge", "mite_swarm", "hulk_roar", "hulk_slam",
    "brood_screech", "brood_birth",
)  # fmt: skip
# What a kind of Mimic sounds like where it differs from a drone: (event, kind) -> sound.
KIND_SOUNDS = {
    ("died", "alpha"): "alpha_roar", ("died", "hulk"): "hulk_roar",
    ("died", "brood"): "brood_screech", ("emerged", "burrower"): "burrower_erupt",
    ("emerged", "mite"): "mite_swarm", ("lunge", "carapace"): "carapace_charge",
    ("lunge", "hulk"): "hulk_slam", ("lunge", "brood"): "brood_birth",
    ("windup", "brood"): "brood_screech", ("windup", "burrower"): "burrower_tunnel",
    ("windup", "hulk"): "hulk_roar",
}  # fmt: skip


class Audio:
    def __init__(self, master: float = 0.8, music: float = 0.6, effects: float = 0.9) -> None:
        self.enabled = False
        self.sounds: dict[str, pygame.mixer.Sound] = {}
        self.rng = random.Random(7)  # cosmetic: which shot variant, small pitch-free variety
        self.master, self.music_volume, self.effects_volume = master, music, effects
        self.current_music: str | None = None
        self._footstep_toggle = False
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=44100, size=-16, channels=2, buffer=512)
            pygame.mixer.set_num_channels(32)
            self.enabled = True
        except pygame.error:
            return
        folder = assets_dir() / "sounds"
        for name in EFFECT_FILES:
            path = folder / f"{name}.wav"
            if path.is_file():
                try:
                    self.sounds[name] = pygame.mixer.Sound(path)
                except pygame.error:
                    pass

    def set_volumes(self, master: float, music: float, effects: float) -> None:
        self.master, self.music_volume, self.effects_volume = master, music, effects
        if self.enabled:
            pygame.mixer.music.set_volume(master * music)

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

    def music(self, name: str | None) -> None:
        """Switch the music track (a file stem under assets/music), looping; None for silence."""
        if not self.enabled or name == self.current_music:
            return
        self.current_music = name
        try:
            if name is None:
                pygame.mixer.music.fadeout(600)
                return
            path = assets_dir() / "music" / f"{name}.wav"
            if not path.is_file():
                return
            pygame.mixer.music.load(path)
            pygame.mixer.music.set_volume(self.master * self.music_volume)
            pygame.mixer.music.play(-1, fade_ms=800)
        except pygame.error:
            pass

    def observe(self, events: list, listener: tuple[float, float]) -> None:
        """Play what this tick's events sound like, heard from `listener` (Cage)."""
        for e in events:
            if isinstance(e, ev.ShotFired):
                self.play(self.rng.choice(("shot", "shot_b", "shot_c")), 0.55)
                if e.hit == "wall":
                    self.play_at("hit_wall", e.end_x, e.end_y, listener, 0.5)
            elif isinstance(e, ev.MimicHit):
                self.play_at("hit_mimic", e.x, e.y, listener, 0.7)
            elif isinstance(e, ev.MimicDied):
                name = KIND_SOUNDS.get(("died", e.kind), "mimic_die")
                self.play_at(name, e.x, e.y, listener, 0.9)
            elif isinstance(e, ev.MimicTelegraph):
                self.play_at("mimic_emerge", e.x, e.y, listener, 0.8)
            elif isinstance(e, ev.MimicEmerged):
                name = KIND_SOUNDS.get(("emerged", e.kind))
                if name:
                    self.play_at(name, e.x, e.y, listener, 0.9)
            elif isinstance(e, ev.MimicWindup):
                name = KIND_SOUNDS.get(("windup", e.kind), "mimic_windup")
                self.play_at(name, e.x, e.y, listener, 0.7)
            elif isinstance(e, ev.MimicLunge):
                name = KIND_SOUNDS.get(("lunge", e.kind), "mimic_lunge")
                self.play_at(name, e.x, e.y, listener, 0.8)
            elif isinstance(e, ev.MimicDeflected):
                self.play_at("carapace_deflect", e.x, e.y, listener, 0.7)
            elif isinstance(e, ev.SpitFired):
                self.play_at("spitter_spit", e.x, e.y, listener, 0.8)
            elif isinstance(e, ev.SpitSplashed):
                self.play_at("acid_splash", e.x, e.y, listener, 0.7)
            elif isinstance(e, ev.KeypadDial):
                self.play("ui_move", 0.6)
            elif isinstance(e, ev.KeypadClosed) and e.how == "wrong":
                self.play("gate_locked", 0.8)
            elif isinstance(e, ev.CageHurt):
                self.play("cage_hurt", 0.9)
            elif isinstance(e, ev.CageDied):
                self.play("cage_die", 1.0)
            elif isinstance(e, ev.DryFire):
                self.play("dry_fire", 0.8)
            elif isinstance(e, ev.ReloadStarted):
                self.play("reload_start", 0.7)
            elif isinstance(e, ev.ReloadFinished):
                self.play("reload_done", 0.7)
            elif isinstance(e, LoopStarted):
                self.play("loop_reset", 0.9)
            elif isinstance(e, ev.Explosion):
                if e.radius > 300:  # the charge at the core
                    self.play("omega_death", 1.0)
                else:
                    self.play_at("explosion", e.x, e.y, listener, 1.0)
            elif isinstance(e, ev.ChargePlanted):
                self.play("charge_arm", 0.9)
            elif isinstance(e, (ev.ChargePicked, ev.IntelRead)):
                self.play("pickup", 0.7)
            elif isinstance(e, ev.GateLocked):
                self.play("gate_locked", 0.6)
            elif isinstance(e, ev.GateOpened):
                self.play("gate_open", 0.8)
            elif isinstance(e, ev.BladeSwing):
                self.play("blade", 0.8)
            elif isinstance(e, ev.GrenadeThrown):
                self.play("grenade_throw", 0.7)
            elif isinstance(e, ev.RitaShot):
                self.play_at("rita_shot", e.x, e.y, listener, 0.45)
            elif isinstance(e, ev.DashStarted):
                self.play("dash", 0.7)

    def ambience(self, world) -> None:
        """Sounds that come from the day's state rather than an event: the Omega's heartbeat,
        the planted charge counting down."""
        omega, charge = getattr(world, "omega", None), getattr(world, "charge", None)
        tick = world.tick
        if omega is not None and omega.alive and tick % 90 == 0:
            self.play_at("omega_pulse", omega.x, omega.y, world.cage.position, 0.9)
        if charge is not None and charge.state == 2 and charge.fuse % 30 == 0:
            self.play("charge_beep", 0.8 if charge.fuse > 60 else 1.0)

    def footstep(self) -> None:
        self._footstep_toggle = not self._footstep_toggle
        self.play("footstep_sand_b" if self._footstep_toggle else "footstep_sand", 0.35)

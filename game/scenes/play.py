"""The play scene: a run of the day on screen, driven by the player (or a bot).

Wires the Run (simulation), the WorldView and HUD (render), the Controls (input) and the Audio
together, and shows the moments between loops: the slow-motion death beat, the recap of the day
that ended in a death (game.scenes.recap) and the "Loop N" card. The player's assists (settings)
go into the Run; a change takes effect when a day begins, as a new recording from there (like
Continue: the run is kept off personal bests either way). The first day's hint is the campaign's
in the campaign, and the starting map's `briefing` property in a mod.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator

import pygame

from game import gc_policy, save
from game import tuning as T
from game.bots import make_bot
from game.day_recap import JournalCounts, Recap, build_recap
from game.input.controls import Controls
from game.level.atlas import load_atlas
from game.level.campaign import campaign_dir, in_campaign, resolve_level
from game.level.map_watcher import MapWatcher
from game.level.names import level_name, map_key
from game.mod_assets import mod_assets_for
from game.render import pictures, ui
from game.render.callouts import draw_hidden_ambushes
from game.render.finale import Finale
from game.render.hud import Hud
from game.render.hud_layer import HudLayer
from game.render.notices import Notices
from game.render.sheets import SheetBank
from game.render.timer import draw_timer
from game.render.view import WorldView, map_kinds
from game.replay.pb_ghost import GhostMark, PbGhost
from game.replay.session import next_timer_mode, shows_day_clock, start_play
from game.scenes.base import Scene
from game.scenes.labels import TIMER_LABELS
from game.scenes.markers import MARKER_HINTS
from game.settings import save_settings
from game.sim import inputs
from game.sim.events import (
    CageHurt,
    FinalActBegun,
    KnowledgeLearned,
    LevelEntered,
    LoopStarted,
    MimicDied,
)
from game.sim.inputs import InputFrame
from game.sim.knowledge import VISION_OMEGA, atlas_titles, knowable
from game.sim.memory import DeathRecord, Memory

FOOTSTEP_INTERVAL = 17  # ticks between footsteps at full stride
HITSTOP_KILL = 3  # frames the day holds when a Mimic dies to Cage ...
HITSTOP_BIG = 6  # ... a mini-boss or an Alpha dies, or a heavy blow lands on him
HEAVY_HIT = 30  # integrity: a blow this hard is heavy
MARKER_CHECK = 30  # ticks between looks for a kind of marker not yet explained
DEATH_SLOW_MOTION = 2  # the death beat plays at half speed
KIA_SIZE, CAUSE_SIZE = 110, 30  # px: the death beat's "KIA" (bold) and how he died beneath it
ENDING_DELAY = 220  # frames of the staged blast (game.render.finale) before the ending
DEFAULT_MUSIC = ("music", "beach_calm.ogg")  # under levels/: the beach's score
# A map change's view is made behind its card: the card goes up first (ARRIVAL_CARD_UP), the view
# is made from the card's next frame on (ARRIVAL_DUE), a slice of ARRIVAL_SLICE seconds a frame,
# until it is all made or the card begins to fade (then the rest at once).
ARRIVAL_CARD_UP, ARRIVAL_DUE = "card up", "due"
ARRIVAL_SLICE = 0.004
WATCH_INTERVAL = 15  # ticks between looks at the map files with --dev
INTENSITY_EVERY = 6  # ticks between looks at how many Mimics hunt Cage (for the music)
BOSS_KINDS = frozenset(("alpha", "hulk", "brood"))  # the music's Alpha layer comes in for these


def hunting_cage(world) -> tuple[int, bool]:
    """How many Mimics near Cage have noticed him, and whether a boss is among them: what the
    music's layers follow."""
    x, y = world.cage.position
    count, boss = 0, False
    for m in world.mimics:
        if m.alive and m.aware and abs(m.body.position.x - x) + abs(m.body.position.y - y) < 1200:
            count += 1
            boss = boss or m.kind.name in BOSS_KINDS
    return count, boss


def hitstop_for(events) -> int:
    """How many frames a tick's blows hold the day: kills and heavy hits land with weight."""
    frames = 0
    for e in events:
        if isinstance(e, MimicDied) and e.by in ("cage", "grenade", "claymore"):
            frames = max(
                frames, HITSTOP_BIG if e.kind in ("alpha", "hulk", "brood") else HITSTOP_KILL
            )
        elif isinstance(e, CageHurt) and e.damage >= HEAVY_HIT:
            frames = max(frames, HITSTOP_BIG)
    return frames


class PlayScene(Scene):
    def __init__(
        self,
        app,
        level: str = "beachhead",
        seed: int = 0,
        bot: str | None = None,
        memory: Memory | None = None,
        persist: bool = False,
        fresh_save: bool = False,
        dev: bool = False,
        practice: dict | None = None,
        prepared: tuple | None = None,
        maps: tuple | None = None,
    ):
        """`persist`: save Memory at each loop's end (the campaign from the title screen).
        `fresh_save`: this is a new game, so an unreadable old save may be set aside.
        `dev`: watch the map files and reload the day when one is saved (modders, in Tiled).
        `practice`: a practice start (chosen knowledge and training, or a replay's split).
        `prepared`: that start's (session, run) already made, a slice a frame (the practice
        start screen re-runs a replay's lead-in so), rather than made here.
        `maps`: `level`'s maps (its level and atlas) as already read and checked, else read here."""
        super().__init__(app)
        self.level_path = resolve_level(level)
        self.level, self.atlas = maps if maps is not None else load_atlas(self.level_path)
        self.mod_assets = mod_assets_for(self.level_path)  # a mod's own art; None: the campaign
        self.seed = seed
        self.bot_name = bot
        self.practice = practice
        # The speedrun session records the run, times it, splits it and talks to LiveSplit. It
        # reads the personal bests: the last run's are on disk first.
        app.disk_writes.settle()
        self.session, self.run = prepared or start_play(
            (self.level, self.atlas),
            seed,
            memory=memory,
            bot=bot,
            livesplit=app.livesplit,
            record=app.options.record,
            practice=practice,
            assists=app.settings.assists,
            category=app.settings.speedrun_category,
        )
        self.session.writes = app.disk_writes  # the run's end written off the frame
        self.pb_ghost: PbGhost | None = None
        self._start_pb_ghost()
        self.in_campaign = in_campaign(self.level_path)
        self.titles = atlas_titles(self.atlas.values())
        self.day_start = JournalCounts.of(self.run.memory)  # the journal when this day began
        self.day0_deaths: list[DeathRecord] = []  # Day 0 forgets its deaths; the recap does not
        # The day's hint waits for the day to be on screen (not under the recap and the card);
        # True: it is a first day (the run's, or Day 0 begun again).
        self.hint_due: bool | None = None
        # The markers whose one-line hint has been shown: to this player, ever (the settings
        # keep them), or only in this run when it keeps nothing (practice, bots, tests).
        seen = set(app.settings.hints_seen) & set(MARKER_HINTS) if persist else set()
        self.explained: set[str] = seen
        self.hitstop = 0  # frames the day holds still after a heavy blow
        self.timer_mode = app.settings.timer_mode
        self.persist = persist
        self.saver: save.SaveWriter | None = None  # made with the first save
        self.fresh_save = fresh_save
        self.save_problem: str | None = None
        self.notices = Notices(app.audio)
        self.said_problem = ""  # the session's last problem shown as a notice
        self.views: dict[str, WorldView] = {}
        self.view = self._view_for(self.run.world)
        self.hud = Hud(self.view.sheets)
        self.hud_layer = HudLayer()
        self.finale = Finale()
        self.hud.titles = self.titles  # what the keypad remembers of the code, in every map
        self.vision_pending = False
        self.ending_frames = 0
        self.watcher = self._watch() if dev else None
        self.watch_clock = 0
        self.controls = Controls(app.settings.bindings)
        self.apply_settings(app.settings)
        self.bot = make_bot(bot, seed) if bot else None
        self.reset_requested = False
        self.arrival: str | None = None  # a new map's view still to be made behind its card
        # The frame a new day begins on keeps the old day's last picture (see _new_day).
        self.holding_last_picture = False
        self._preparing: Iterator[None] | None = None  # what is left of making it
        self.slow_phase = 0
        self.footstep_clock = 0

    def _new_attempt(self) -> None:
        """Day 0 lost or started over: for a runner that is a reset. The attempt ends (its
        golds kept, LiveSplit reset) and a new one begins from a new save at tick 0, with its
        own recording and timer, as a new run would."""
        self._begin_session(None, self.run.assists)

    def _begin_session(self, memory: Memory | None, assists) -> None:
        """Leave the run being played (kept as abandoned) and begin a new one on `memory`,
        recorded and timed from its own tick 0, with the PB ghost to race."""
        self.session.abandon(self.run)
        self.app.disk_writes.settle()  # the abandoned run's bests, before the new run reads them
        self.session, self.run = start_play(
            (self.level, self.atlas), self.seed, memory=memory, bot=self.bot_name,
            livesplit=self.app.livesplit, record=self.app.options.record, assists=assists,
            category=self.app.settings.speedrun_category,
        )  # fmt: skip
        self.session.writes = self.app.disk_writes
        self._start_pb_ghost()

    def _start_pb_ghost(self) -> None:
        """The personal best's ghost for the session's run: traced from its replay on a
        background thread, so it is ready within the first seconds and never holds a frame."""
        if self.pb_ghost is not None:
            self.pb_ghost.close()
        self.pb_ghost = PbGhost.for_bests(self.session.bests, (self.level, self.atlas))
        if self.pb_ghost is not None:
            self.pb_ghost.start()

    def _pb_mark(self, world, alpha: float) -> GhostMark | None:
        """Where the PB's Cage was at this moment of the same loop, on this map (None: nowhere
        to draw him, or the player turned him off)."""
        if self.pb_ghost is None or not self.app.settings.show_pb_ghost or self.run.completed:
            return None
        days = self.session.tracker.timer.days
        loop = days[-1].loop
        occurrence = sum(1 for day in days[:-1] if day.loop == loop)  # Day 0 played again
        tick = max(0.0, world.tick - 1 + alpha)  # the render clock (game.render.view)
        return self.pb_ghost.mark(loop, occurrence, tick, level_name(world.level))

    def _watch(self) -> MapWatcher:
        return MapWatcher(level.path for level in self.atlas.values())

    def _hot_reload(self) -> None:
        """The map was saved: rebuild the day from the new map, keeping what Cage knows (unless
        the validator finds an error in it: then the day goes on with the map as it was)."""
        from game.level.validate import checked_atlas

        found, maps = checked_atlas(self.level_path)
        # An Exit to a map that is not there yet is left out of the day (load_atlas skips it),
        # so a map being built can still be reloaded; every other error keeps the old map.
        errors = [e for e in found if not e.message.startswith("Exit.map ")]
        if errors or maps is None:
            self._report([e.line() for e in errors or found], "not reloaded: ")
            return
        level, atlas = maps
        self.level, self.atlas = level, atlas
        self._begin_session(self.run.memory, self.run.assists)
        self.titles = self.hud.titles = atlas_titles(atlas.values())
        self.views.clear()
        self.view = self._view_for(self.run.world)
        self.watcher = self._watch()
        self.notices.say(f"Reloaded {level_name(level)}")

    def _view_for(self, world) -> WorldView:
        """The view to draw `world` with from now on: one per map, kept for the run (a loop back
        to the beach reuses its tiles), taking over the screen from the one drawn until now."""
        key = map_key(world.level.path)
        view = self.views.get(key)
        if view is None:
            first = self.views[next(iter(self.views))] if self.views else None
            sheets = first.sheets if first is not None else SheetBank(mod=self.mod_assets)
            view = WorldView(world.level, self.app.screen.get_size(), sheets=sheets)
            view.show_death_markers = self.app.settings.show_death_markers
            view.shake_intensity = self.app.settings.shake_intensity
            view.effects.flash_intensity = self.app.settings.flash_intensity
            self.views[key] = view
        current = getattr(self, "view", None)  # (none yet as the scene is made)
        if current is not None:
            view.take_over(current)
        return view

    def apply_settings(self, settings) -> None:
        for view in self.views.values():
            view.show_death_markers = settings.show_death_markers
            view.shake_intensity = settings.shake_intensity
            view.effects.flash_intensity = settings.flash_intensity
        self.controls.set_bindings(settings.bindings)
        self.timer_mode = settings.timer_mode
        if hasattr(self, "run") and settings.assists != self.run.assists:
            if self.practice:
                self.notices.say("Assists change from your next run (not in practice).")
            elif self.run.world.tick > 0:
                self.notices.say("Assists change when the next day begins.")

    def _assists_due(self) -> bool:
        """The player changed the assists, and a day is about to begin (none of it played yet)."""
        world = self.run.world
        return (
            self.app.settings.assists != self.run.assists
            and not self.practice
            and world.tick == 0
            and world.death_tick is None
            and not self.run.completed
        )

    def _restart_with_assists(self) -> None:
        """The day about to begin is played with the new assists: a new recording from here, on
        the Memory the day begins with (as Continue would)."""
        assists = self.app.settings.assists
        self._begin_session(self.run.memory, assists)
        self.view = self._view_for(self.run.world)
        self.view.new_day(self.run.world)
        if assists.any:
            names = ", ".join(assists.names())
            self.notices.hint("ASSISTS ON", f"{names[:1].upper()}{names[1:]}. "
                              "This run is kept off personal bests.")  # fmt: skip
        else:
            self.notices.hint("ASSISTS OFF", "The day is as hard as it is.")

    def enter(self) -> None:
        self._use_mod_assets()
        self._music()
        if self.hint_due is None:
            self.hint_due = True  # the run's first day
        self._prepare_first_frame()
        pictures.preload()  # the story's pictures, read while the day plays (none waits for one)
        # So are the sheets of every map's Mimic kinds: a map's card then only converts them.
        self.view.sheets.preread(
            name for level in self.atlas.values() for name, _ in map_kinds(level)
        )
        # The crowd's arrays (numpy: a tenth of a second to import) come in now, behind the
        # loading, not on the frame a day's first crowd gathers.
        import game.sim.crowd  # noqa: F401

        # Everything is loaded (the maps, their art, the first day): one full settle on this,
        # the loading frame, freezes it out of every later collection, so the collections
        # behind the cards (light ones) walk only what each day makes.
        gc_policy.settle()

    def _prepare_first_frame(self) -> None:
        """Part of the loading: make what the scene's first frame would make on first sight (the
        chunks in view, the effects' art, the things in view, the HUD's panels and type) by
        drawing that frame once where nobody sees it. The first frame in sight then costs what
        any frame costs. The rest of the map's art is made as it always is, a slice a frame
        (WorldView.warm_some) or on first sight: made here, it doubled the loading (300 ms)."""
        unseen = pygame.Surface(self.app.screen.get_size())
        self.draw(unseen, 1.0)
        # And what the day's first blast and first death would make on their frame (the
        # claymore under Day 0's Alpha, that kills him too: 6 ms of a frame a player watches):
        # the effects' art at every blast's size, the toasts' type, the death's.
        for _ in self.view.effects.pieces():
            pass
        Notices.prepare()
        ui.font(KIA_SIZE, True)
        ui.font(CAUSE_SIZE)
        # The veils (a whole screen each, made once and kept) the death and the cards and the
        # recap after it fade in: each one's first frame made it (25 ms on a slow machine).
        for veil in (ui.DEATH_VEIL, (0, 0, 0), ui.RECAP_VEIL):
            ui.tint(unseen, veil, 1)
        self.finale.prepare(unseen.get_size())

    def _explain_markers(self, world) -> None:
        """The first time each kind of marker is on the map, one line says what it is (and the
        journal's legend keeps them all)."""
        shown = []
        if self.view.ghosts:
            shown.append("ghost")
        if world.ambush_forecast():
            shown.append("ambush")
        if world.known_mines():
            shown.append("mine")
        here = level_name(world.level)
        deaths = self.run.memory.deaths
        if self.app.settings.show_death_markers and any(d.level == here for d in deaths):
            shown.append("death")
        if self.view.pb_ghost is not None:
            shown.append("pb")
        for marker in shown:
            if marker not in self.explained:
                self.explained.add(marker)
                self.notices.hint(*MARKER_HINTS[marker])
                if self.persist:
                    self._remember_hint(marker)
                return  # one at a time

    def _remember_hint(self, marker: str) -> None:
        settings = self.app.settings
        if marker not in settings.hints_seen:
            settings.hints_seen.append(marker)
            try:
                save_settings(settings)
            except OSError:
                pass  # the hint shows again next launch; nothing else is lost

    def _day_hint(self, first_day: bool = False) -> None:
        """A word for a new player at the days that change the game: Day 0, and the first loop.
        In a mod the campaign's words never show: its starting map's `briefing`, if it has one,
        is the first day's hint (`first_day`: the run's first, or Day 0 begun again)."""
        memory = self.run.memory
        if self.bot is not None:
            return
        if not self.in_campaign:
            briefing = str(dict(self.level.properties).get("briefing", "") or "").strip()
            if first_day and briefing:
                self.notices.hint("BRIEFING", briefing)
            return
        if not memory.looping:
            self.notices.hint(
                "DAY 0",
                "Hold the beach. When the Alpha charges you, set off your claymore (E).",
            )
        elif memory.loop == 1 and not memory.knowledge:
            self.notices.hint(
                "THE SAME MORNING",
                "You remember. Rita trains in the yard west of the landing craft. Tab: journal.",
            )

    def _music(self) -> None:
        world = self.run.world
        if self.run.completed:
            return
        if world.final_act:
            self.app.audio.music("chamber")
        else:
            # The map's own `music` property; a map without one plays the beach's score.
            self.app.audio.music(world.level.music or str(campaign_dir().joinpath(*DEFAULT_MUSIC)))

    def resize(self, size: tuple[int, int]) -> None:
        for view in self.views.values():
            view.resize(size)

    def request_reset(self) -> None:
        self.reset_requested = True

    def handle_event(self, event: pygame.event.Event) -> None:
        self.controls.handle_event(event)
        pause = (
            event.type == pygame.KEYDOWN and self.controls.is_action_key("pause", event.key)
        ) or (
            event.type == pygame.CONTROLLERBUTTONDOWN
            and event.button == pygame.CONTROLLER_BUTTON_START
        )
        if pause:
            self._pause()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F2:
            self.timer_mode = self.app.settings.timer_mode = next_timer_mode(self.timer_mode)
            self.notices.say(f"Timers: {TIMER_LABELS.get(self.timer_mode, self.timer_mode)}")
        elif event.type == pygame.KEYDOWN and self.controls.is_action_key("journal", event.key):
            self.app.audio.play("ui_select", 0.5)
            self.app.open("journal", run=self.run)

    def _next_frame(self) -> InputFrame:
        if self.bot is not None:
            frame = self.bot.next_frame(self.run)
        else:
            cage_x, cage_y = self.run.world.cage.position
            mouse = pygame.mouse.get_pos()
            wx, wy = self.view.screen_to_world(mouse)
            # Aim is the direction from Cage to the point under the mouse, in map space.
            frame = self.controls.frame((cage_x, cage_y), (wx, wy))
        if self.reset_requested:
            self.reset_requested = False
            frame = InputFrame(
                frame.move_x, frame.move_y, frame.aim, frame.buttons | inputs.RESET_NOW
            )
        return frame

    def update(self) -> None:
        if self.arrival is not None:
            self._make_arrival_view()  # the card closed before a frame was drawn (headless)
        if self.watcher is not None:
            self.watch_clock += 1
            if self.watch_clock % WATCH_INTERVAL == 0 and self.watcher.poll():
                self._hot_reload()
        if self._assists_due():
            self._restart_with_assists()
        if self.hint_due is not None:
            self._day_hint(self.hint_due)
            self.hint_due = None
        if self.saver is not None and self.saver.problem != self.save_problem:
            self.save_problem = self.saver.problem  # the last write's word: a problem, or none
        world = self.run.world
        if world.tick % MARKER_CHECK == 0 and len(self.explained) < len(MARKER_HINTS):
            self._explain_markers(world)
        if self.run.completed:
            # The run is over and the day stands still (nothing steps it: what the replay holds
            # ends here); the blast plays out over it on screen, then the ending.
            self.ending_frames += 1
            if self.ending_frames == ENDING_DELAY:
                self._ending()
            return
        if self.hitstop > 0:
            # A heavy blow lands: the day holds for a few frames (the clock does not move).
            self.hitstop -= 1
            return
        if world.death_tick is not None:
            # The death beat: the day plays on in slow motion until the loop takes him back.
            self.slow_phase = (self.slow_phase + 1) % DEATH_SLOW_MOTION
            if self.slow_phase:
                return
        frame = self.session.input(self._next_frame())  # recorded, and read back from the record
        self.view.before_step(world)
        events = self.run.step(frame)
        for split in self.session.after_step(self.run, events):
            self.notices.split(split)
        if self.session.problem != self.said_problem:
            # Recording stopped (disk full, replays folder not writable): say so, play on.
            self.said_problem = self.session.problem
            if self.said_problem:
                self.notices.say(self.said_problem[:120])
        if self.bot is not None:
            self.bot.observe(events)
        self.view.observe(events)
        staged = self.finale.observe(events)  # the charge planted: the fuse is staged
        if staged or any(isinstance(e, FinalActBegun) for e in events):
            self.notices.clear()  # the beat, or the fuse, has the screen to itself
        self.notices.observe(events)
        if self.bot is None:
            self.hitstop = max(self.hitstop, hitstop_for(events))
        self.app.audio.observe(events, self.run.world.cage.position)
        self.app.audio.ambience(self.run.world)
        for event in events:
            reaction = SCENE_REACTIONS.get(type(event))
            if reaction is not None:
                reaction(self, event, world)
        world = self.run.world
        cage = world.cage
        if cage.moving and not cage.dead:
            self.footstep_clock += 1
            if self.footstep_clock >= FOOTSTEP_INTERVAL:
                self.footstep_clock = 0
                self.app.audio.footstep(world.level.surface_at(*cage.position))
        if world.tick % INTENSITY_EVERY == 0:
            hunting, boss = hunting_cage(world)
            self.app.audio.intensity(hunting, boss)

    # --- what the scene does on the sim's events (SCENE_REACTIONS) -----------------------------
    def _on_level_entered(self, event: LevelEntered, ended) -> None:
        self._music()
        # A short card between maps: where he is now (and it hides the loading).
        title = (self.run.world.level.title or event.level).upper()
        ticks = 30 if self.bot is not None else 75
        self.app.open(
            "card", title=title, subtitle="The same morning, farther on.", ticks=ticks,
            on_pause=self._pause, opaque_at_once=True, ready=lambda: self.arrival is None,
        )  # fmt: skip
        # This frame only puts the card up, so the old map's last frame is not held on screen
        # while the new one loads: the new map's view (its tiles built, the art its Mimics need
        # at first sight) is made on the card's next frame, behind it, and the collector runs
        # on that frame too, never on the map's in sight.
        self.arrival = ARRIVAL_CARD_UP
        self._preparing = None  # a map left before its view was whole: this one's from the start
        gc_policy.settle_soon(full=False)

    def _make_arrival_view(self, seconds: float | None = None) -> bool:
        """Make the new map's view behind the map card (see _on_level_entered): `seconds` of it
        (at least one piece), or all that is left when None. True once it is all made."""
        if self._preparing is None:
            self.view = self._view_for(self.run.world)
            self._preparing = self.view.preparation(self.run.world.cage.position)
        start = last = time.perf_counter()
        for _ in self._preparing:
            now = time.perf_counter()
            # No piece is begun that would not fit if it took as long as the last one did.
            if seconds is not None and (now - start) + (now - last) >= seconds:
                return False
            last = now
        self.arrival, self._preparing = None, None
        return True

    def _on_final_act(self, event: FinalActBegun, ended) -> None:
        self._music()
        # The beat that takes the loop from him (a short one for bots).
        self.app.audio.stinger("final")
        shaft = {"ticks": 30} if self.bot is not None else {}
        self.app.open("shaft", loop_number=self.run.loop, on_pause=self._pause, **shaft)

    def _on_knowledge(self, event: KnowledgeLearned, ended) -> None:
        if event.knowledge == VISION_OMEGA:
            self.vision_pending = True

    def _ending(self) -> None:
        self._save()
        # Written off the frame (app.disk_writes); the ending names the files once on disk.
        exported = self.session.export_summary()
        total = len(knowable(self.atlas.values()))
        self.app.go(
            "ending", run=self.run, knowledge_total=total, summary=self.session.summary,
            exported=exported, ended=self.session.ended,
        )  # fmt: skip

    def _new_day(self, event: LoopStarted, ended) -> None:
        """A new day has begun; `ended` is the World of the day that ended."""
        recap = self._recap(event, ended)
        if event.reason in ("new game", "restart") and not self.practice:
            self._new_attempt()
        self.view = self._view_for(self.run.world)
        self.view.new_day(self.run.world)
        self._music()
        self.app.audio.stinger("loop")
        self.finale.reset()
        # Behind the card: the old day is freed now, never mid-fight (a light settle: the level
        # and its art stay frozen since loading).
        gc_policy.settle_soon(full=False)
        self.notices.clear()
        memory = self.run.memory
        if event.reason == "restart":
            title, subtitle = "DAY 0", "You start the day over."
        elif event.reason == "new game":
            title, subtitle = "KILLED IN ACTION", "The war goes on without you. Day 0, again."
        elif event.reason == "alpha" and event.loop == 1:
            title, subtitle = "LOOP 1", "You wake up. On the same morning."
        elif event.reason == "alpha":
            title, subtitle = f"LOOP {event.loop}", "An Alpha fell. The Omega reset the day."
        elif event.reason == "reset":
            title, subtitle = f"LOOP {event.loop}", "You reset the day."
        elif recap is not None:
            title, subtitle = f"LOOP {event.loop}", "You wake up. The same morning, again."
        else:
            last = memory.deaths[-1] if memory.deaths else None
            cause = last.cause if last else "the beach"
            title, subtitle = f"LOOP {event.loop}", f"Killed by {cause}."
        if event.reason == "war lost":
            title, subtitle = f"LOOP {event.loop}", "You try the day again."
        self.hint_due = event.reason in ("new game", "restart")
        ticks = 30 if self.bot is not None else 100
        self.app.open("card", title=title, subtitle=subtitle, ticks=ticks, on_pause=self._pause)
        if recap is not None:
            # Over the card: the recap first, then "Loop N".
            self.app.open(
                "recap", recap=recap, on_pause=self._pause, on_assists=self._assists,
                auto_close=self.bot is not None,
            )  # fmt: skip
        if event.reason == "war lost":
            self.app.open("bad ending")
        if self.vision_pending:
            self.vision_pending = False
            self.app.open("vision")
        # This frame still shows the day that ended, as its last frame left it (his death under
        # its veil, the reset bar full): the recap or the card fades in over the new morning from
        # the next frame on, so the morning never shows bright for a frame between them. Only
        # under a card (an overlay): a story scene over the new day draws the whole screen itself.
        self.holding_last_picture = getattr(self.app.top, "overlay", False)
        self._save()

    def _recap(self, event: LoopStarted, ended) -> Recap | None:
        """The recap of a day that ended in a death and starts a new day (None otherwise)."""
        memory = self.run.memory
        day_start, self.day_start = self.day_start, JournalCounts.of(memory)
        if event.reason not in ("death", "new game") or not ended.cage.dead:
            return None
        deaths = None
        if event.reason == "new game":
            x, y = ended.cage.position
            tick = ended.death_tick if ended.death_tick is not None else ended.tick
            self.day0_deaths.append(
                DeathRecord(0, tick, x, y, ended.cage.death_cause, level_name(ended.level))
            )
            deaths = self.day0_deaths
        return build_recap(
            event.reason, max(0, event.loop - 1), ended, memory, day_start, self.titles, deaths,
            assists_on=self.app.settings.assists.any,
        )  # fmt: skip

    def _pause(self) -> None:
        self.app.open("pause", play_scene=self)

    def _assists(self) -> None:
        self.app.open("assists")

    def _save(self) -> None:
        """Memory goes to disk at the end of every loop (never over a save we cannot read)."""
        if not self.persist:
            return
        if self.saver is None:
            self.saver = save.SaveWriter()
        # Written on the saver's thread: the frame the day ends on never waits on the disk.
        self.saver.submit(self.run.memory, set_damaged_aside=self.fresh_save)
        self.fresh_save = False

    def _use_mod_assets(self) -> None:
        """The mod's own sprites and sounds from now until the scene is left. What of them is
        refused (the campaign's file is used instead) is printed, one line each, and the first
        shows on screen."""
        problems = self.view.sheets.load_mod_sheets() + self.app.audio.use_mod(self.mod_assets)
        if problems:
            self._report([p.line() for p in problems])

    def _report(self, lines: list[str], what: str = "") -> None:
        """Problems a modder must see: every one on the terminal (Tiled's console, when Tiled
        started the game), one line each; on screen the first (the notice wraps it), with how
        many more there are."""
        for line in lines:
            print(f"aynik: {what}{line}", file=sys.stderr)
        more = f" (and {len(lines) - 1} more: see the terminal)" if len(lines) > 1 else ""
        self.notices.say(f"{what.capitalize()}{lines[0]}{more}")

    def leave(self) -> None:
        self.app.audio.use_mod(None)  # the campaign's sounds again, wherever the game goes next
        # Leaving mid-loop keeps what was learned this loop too. The wait for it to be on disk
        # (and for the saver's thread to end) is the disk writer's, not this frame's: the title
        # settles it before it reads the save, and the game before it closes.
        self._save()
        if self.saver is not None:
            saver, self.saver = self.saver, None
            self.app.disk_writes.submit(saver.close, _unreachable)
        if self.pb_ghost is not None:
            self.pb_ghost.close()
        if not self.run.completed:
            self.session.abandon(self.run)

    def _draw_hud(self, layer: pygame.Surface, world, mouse: tuple[int, int]) -> list:
        """Everything fixed to the screen: drawn at the player's HUD size (see HudLayer).
        Returns where its panels are, in the layer's pixels."""
        # Beyond the loop the mark goes dark.
        self.hud.draw(layer, world, mouse, None if world.final_act else self.run.loop,
                      day_clock=shows_day_clock(self.timer_mode))  # fmt: skip
        panels = list(self.hud.panels)
        timer = draw_timer(layer, self.session.timer_view(self.timer_mode))
        if timer is not None:
            panels.append(timer)
        self.notices.draw(layer, world, timer)
        held = self.run.reset_held
        if held > 0 and world.death_tick is None:
            # Holding the reset key: a bar fills until the day starts over.
            w = layer.get_width()
            fraction = min(1.0, held / T.RESET_HOLD)
            bar = pygame.Rect(w // 2 - 150, 150, 300, 10)
            pygame.draw.rect(layer, (30, 30, 36), bar.inflate(6, 6))
            pygame.draw.rect(layer, (120, 190, 255), (bar.x, bar.y, int(300 * fraction), 10))
            label = "RESETTING THE DAY" if self.run.memory.looping else "STARTING OVER"
            ui.draw_text(layer, label, 24, (200, 220, 255), (w // 2, 120), "midtop")
        if self.save_problem:
            ui.draw_text(layer, self.save_problem[:140], 20, (255, 130, 110), (12, 56))
        return panels

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        if self.holding_last_picture:
            self.holding_last_picture = False
            return  # the frame the new day begins on (see _new_day)
        if self.arrival == ARRIVAL_CARD_UP:
            self.arrival = ARRIVAL_DUE
            return  # the map card covers this frame: the old map's last picture stays under it
        if self.arrival is not None:
            # Behind the card while it covers the screen, a slice a frame; once it fades, the
            # rest now (nothing half-made is ever seen).
            covered = getattr(self.app.top, "covers_screen", False)
            if not self._make_arrival_view(ARRIVAL_SLICE if covered else None):
                return
        world = self.run.world
        mouse = pygame.mouse.get_pos()
        # No ghosts on Day 0: its deaths were a new game's, not days he remembers.
        if self.app.settings.show_ghosts and self.run.memory.looping:
            self.view.ghosts = self.session.ghosts.paths(level_name(world.level))
        else:
            self.view.ghosts = []
        self.view.pb_ghost = self._pb_mark(world, alpha)
        self.view.draw(surface, world, alpha, mouse)
        self.finale.draw_bars(surface, world)
        layer = self.hud_layer.begin(surface, self.app.settings.ui_scale)
        panels = self._draw_hud(layer, world, self.hud_layer.to_layer(mouse))
        self.hud_layer.finish(surface)
        # Nothing he must see is lost under a panel: a hidden ambush is called out at its edge.
        panels = [self.hud_layer.to_screen(p) for p in panels]
        if self.view.things.show_ambush_markers:
            draw_hidden_ambushes(
                surface, world.ambush_forecast(), self.view.world_to_screen, panels
            )
        self.finale.draw_fuse(surface, world, self.view.world_to_screen)
        if world.completed_tick is not None:
            # The charge goes off: the staged blast, then the ending.
            flash = self.app.settings.flash_intensity
            self.finale.draw_blast(surface, self.ending_frames, flash, self.view.world_to_screen)
        elif world.death_tick is not None:
            beat = (world.tick - world.death_tick) / max(1, T.DEATH_SETTLE)
            ui.tint(surface, ui.DEATH_VEIL, int(ui.DEATH_VEIL_ALPHA * min(1.0, beat)))
            w, h = surface.get_size()
            ui.draw_text(
                surface, "KIA", KIA_SIZE, (240, 220, 210), (w // 2, h // 2 - 20), "center", True
            )
            ui.draw_text(
                surface,
                f"{world.cage.death_cause}",
                CAUSE_SIZE,
                (230, 180, 160),
                (w // 2, h // 2 + 50),
                "center",
            )


# How the play scene answers a tick's events, by the simulation's event class: a new day (the
# recap and the card), another map (its card), the shaft (its beat), the vision (its picture).
SCENE_REACTIONS = {
    LoopStarted: PlayScene._new_day,
    LevelEntered: PlayScene._on_level_entered,
    FinalActBegun: PlayScene._on_final_act,
    KnowledgeLearned: PlayScene._on_knowledge,
}


def _unreachable(exc: OSError) -> None:
    """SaveWriter.close never raises: its own write's problems are kept in its `problem`."""

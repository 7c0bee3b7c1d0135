"""Every gameplay number, in one place, with its unit.

Owns the tuning of the simulation: durations in ticks (written as seconds * TICK_RATE so they read
as time), distances in map pixels, speeds in pixels per second. Imports nothing from the game; the
simulation, renderer and tests read these names. Numbers start from GAME.md and are tuned by play.
"""

from __future__ import annotations

TICK_RATE = 60  # simulation ticks per second, fixed
DT = 1.0 / TICK_RATE  # seconds per tick (the constant pymunk step)


def seconds(s: float) -> int:
    """A duration in whole ticks."""
    return round(s * TICK_RATE)


# --- Cage and the exosuit -------------------------------------------------------------------
CAGE_RADIUS = 12.0  # px
CAGE_MASS = 90.0  # kg: suit and soldier
CAGE_TOP_SPEED = 180.0  # px/s on open ground
CAGE_DRIVE_GAIN = 14.0  # 1/s: how hard the suit's drive pulls velocity toward the wanted one
CAGE_MAX_DRIVE_FORCE = CAGE_MASS * 2400.0  # N (px/s^2 * kg): caps acceleration at 2400 px/s^2
CAGE_INTEGRITY = 100

# --- The rifle ------------------------------------------------------------------------------
RIFLE_INTERVAL = 6  # ticks between rounds: 10 rounds/s
RIFLE_MAGAZINE = 40
RIFLE_RELOAD = seconds(1.5)
RIFLE_RANGE = 480.0  # px
RIFLE_SPREAD_DEG = 2.5  # max deviation either side
RIFLE_DAMAGE = 1
RIFLE_KNOCKBACK = 900.0  # impulse (kg px/s) on a Mimic per hit

# --- Mimic drones ---------------------------------------------------------------------------
DRONE_RADIUS = 11.0
DRONE_MASS = 40.0
DRONE_HEALTH = 4  # rifle hits
DRONE_SPEED = 230.0  # px/s when closing in: faster than Cage
DRONE_ORBIT_SPEED = 200.0  # px/s while circling
DRONE_DRIVE_GAIN = 10.0
DRONE_MAX_DRIVE_FORCE = DRONE_MASS * 2200.0
DRONE_ORBIT_RADIUS = 120.0  # px: the distance it circles Cage at
DRONE_AGGRO_RANGE = 700.0  # px: it notices Cage within this
DRONE_TELEGRAPH = seconds(1.0)  # burrowed warning before it bursts from the sand
DRONE_EMERGE = seconds(0.35)  # the burst itself (not yet a threat)
DRONE_CIRCLE_MIN = seconds(0.9)  # circling before a lunge, minimum ...
DRONE_CIRCLE_JITTER = seconds(1.1)  # ... plus up to this much more (gameplay RNG)
DRONE_WINDUP = seconds(0.5)  # visible wind-up before the lunge
DRONE_LUNGE = seconds(0.4)  # the lunge itself
DRONE_LUNGE_SPEED = 520.0  # px/s at the start of the lunge
DRONE_LUNGE_DRAG = 1.5  # 1/s: how fast a lunge bleeds speed
DRONE_RECOVER = seconds(0.6)  # after a lunge, before it circles again
DRONE_CONTACT_DAMAGE = 18  # integrity lost per lunge hit
DRONE_TOUCH_DAMAGE = 6  # integrity lost when it merely bumps into Cage outside a lunge
DRONE_CONTACT_KNOCKBACK = 26000.0  # impulse on Cage (kg px/s): ~290 px/s for a 90 kg suit
DRONE_CONTACT_COOLDOWN = seconds(0.5)  # one drone cannot hurt Cage again sooner than this
DRONE_SPAWN_SCATTER = 40.0  # px: spread of a multi-count spawn around its point

# --- The Alpha ------------------------------------------------------------------------------
ALPHA_RADIUS = 20.0
ALPHA_MASS = 160.0
ALPHA_HEALTH = 40
ALPHA_SPEED = 250.0
ALPHA_ORBIT_SPEED = 210.0
ALPHA_MAX_DRIVE_FORCE = ALPHA_MASS * 2600.0
ALPHA_ORBIT_RADIUS = 150.0
ALPHA_WINDUP = seconds(0.35)
ALPHA_LUNGE = seconds(0.45)
ALPHA_LUNGE_SPEED = 640.0
ALPHA_CONTACT_DAMAGE = 40
ALPHA_CONTACT_KNOCKBACK = 60000.0

# --- The new kinds of Mimic (each a state table in game.sim.mimic) --------------------------
# Spitter: keeps its distance and spits acid that flies slowly enough to sidestep or dash through.
SPITTER_RADIUS = 11.0
SPITTER_MASS = 36.0
SPITTER_HEALTH = 3
SPITTER_SPEED = 170.0
SPITTER_RANGE = 250.0  # px: the distance it keeps from Cage
SPITTER_TOO_CLOSE = 150.0  # px: it backs away inside this
SPITTER_AIM = seconds(0.7)  # the sac swells: the wind-up before a spit
SPITTER_RELOAD = seconds(1.6)  # between spits, at least
SPIT_SPEED = 300.0  # px/s
SPIT_DAMAGE = 16
SPIT_RADIUS = 7.0
SPIT_LIFE = seconds(1.6)
SPIT_KNOCKBACK = 9000.0
# Burrower: swims under the sand (no round reaches it there), surfaces under Cage and erupts.
BURROWER_RADIUS = 14.0
BURROWER_MASS = 70.0
BURROWER_HEALTH = 6
BURROWER_TUNNEL_SPEED = 150.0  # px/s under the sand
BURROWER_SURFACE = seconds(0.8)  # the ground bulges: step away now
BURROWER_ERUPT_RADIUS = 52.0  # px: caught in the eruption
BURROWER_ERUPT_DAMAGE = 35
BURROWER_ERUPT_IMPULSE = 40000.0
BURROWER_EXPOSED = seconds(1.8)  # above ground after an eruption: the time to shoot it
BURROWER_TUNNEL_MAX = seconds(4.0)  # it surfaces after this long under the sand, wherever it is
# Carapace: a bone shield in front that rounds glance off; it must be flanked, cut or blasted.
CARAPACE_RADIUS = 16.0
CARAPACE_MASS = 130.0
CARAPACE_HEALTH = 8
CARAPACE_SPEED = 120.0
CARAPACE_ARMOR_ARC_DEG = 75.0  # either side of its heading: rounds from there glance off
CARAPACE_LUNGE_SPEED = 430.0
CARAPACE_CONTACT_DAMAGE = 30
# Mite: tiny, fast and fragile; it comes in swarms.
MITE_RADIUS = 6.0
MITE_MASS = 10.0
MITE_HEALTH = 1
MITE_SPEED = 250.0
MITE_CONTACT_DAMAGE = 7
# Hulk: the beachhead's mini-boss: an armoured brute whose charge ends in a slam.
HULK_RADIUS = 30.0
HULK_MASS = 400.0
HULK_HEALTH = 36
HULK_SPEED = 140.0
HULK_LUNGE_SPEED = 520.0
HULK_CONTACT_DAMAGE = 45
HULK_SLAM_RADIUS = 90.0
HULK_SLAM_DAMAGE = 22
HULK_SLAM_IMPULSE = 60000.0
# Brood: the dam's mini-boss: a shell that no round breaks; it births mites and spits.
BROOD_RADIUS = 28.0
BROOD_MASS = 600.0
BROOD_HEALTH = 30  # grenades (5 at the centre) and the blade (BLADE_BOSS_DAMAGE) only
BROOD_SPEED = 60.0
BROOD_BIRTH = 4  # mites per birth
BROOD_MITE_CAP = 10  # no birth while this many of its mites live
BLADE_BOSS_DAMAGE = 5  # the blade on an armoured mini-boss or an Alpha
MIMICS_ALIVE_CAP = 800  # Mimics alive at once in one day: a spawn beyond it brings out fewer
MIMIC_MINE_AVOID = 64.0  # px: Mimics sense the mines in the sand and keep this far off

# --- The day --------------------------------------------------------------------------------
CAGE_HURT_INVULNERABLE = seconds(0.25)  # grace after any hit so overlapping drones don't stack
DEATH_SETTLE = seconds(0.5)  # the sim runs on this long after Cage dies (shown at half speed)
DEATH_MIN_BEAT = seconds(0.25)  # the beat can be skipped after this much of it
RESET_HOLD = seconds(1.0)  # hold the reset key this long to restart the day
ALPHA_RESET_BEAT = seconds(1.0)  # an Alpha dies, the Omega resets the day this long after

# --- Abilities from Rita's training ------------------------------------------------------------
DASH_SPEED = 560.0  # px/s at the start of a dash
DASH_TICKS = seconds(0.2)  # the drive is off while the dash carries him
DASH_INVULNERABLE = seconds(0.3)  # i-frames
DASH_COOLDOWN = seconds(0.9)
FAST_RELOAD = seconds(0.75)
GRENADES_PER_DAY = 3
GRENADE_RANGE = 230.0  # px: where a throw lands along the aim (shorter if a wall is in the way)
GRENADE_FLIGHT = seconds(0.7)
GRENADE_COOLDOWN = seconds(0.6)
GRENADE_RADIUS = 95.0  # px
GRENADE_DAMAGE = 5  # at the centre (drones die), less toward the edge
GRENADE_IMPULSE = 38000.0  # at the centre, kg px/s
BLADE_REACH = 44.0  # px beyond Cage's radius
BLADE_ARC_DEG = 70.0  # either side of the aim
BLADE_DAMAGE = 99  # one-hit kill on drones
BLADE_ALPHA_DAMAGE = 6
BLADE_COOLDOWN = seconds(0.4)
BLADE_IMPULSE = 15000.0

# --- Day 0: the claymore -----------------------------------------------------------------------
CLAYMORE_REACH = 110.0  # px: the Alpha must be this close
CLAYMORE_RADIUS = 130.0
CLAYMORE_IMPULSE = 90000.0

# --- The map's things ----------------------------------------------------------------------------
INTERACT_REACH = 40.0  # px from Cage's centre to an Intel or Rita
MINE_TRIGGER = 18.0  # px: stepping this close sets it off
MINE_RADIUS = 80.0
MINE_DAMAGE = 160  # at the centre; still lethal at the distance that sets it off
MINE_IMPULSE = 70000.0
GATE_MESSAGE_COOLDOWN = seconds(3.0)
KEYPAD_LOCKOUT = seconds(2.0)  # a wrong code locks the pad this long

# --- Rita ----------------------------------------------------------------------------------------
RITA_RADIUS = 12.0
RITA_MASS = 80.0
RITA_INTEGRITY = 160
RITA_SPEED = 190.0
RITA_SIGHT = 430.0  # px: she engages Mimics this close to her
RITA_FIRE_INTERVAL = 8
RITA_MAGAZINE = 30
RITA_RELOAD = seconds(1.2)
RITA_SPREAD_DEG = 3.0
RITA_LEASH = 260.0  # px from her post when she is not following Cage
RITA_FOLLOW_DISTANCE = 90.0
RITA_TALK = seconds(9.0)  # the first meeting of a day, without the phrase: every line of it
RITA_INTRO_LINE_TICKS = seconds(1.75)

# --- Training drills -----------------------------------------------------------------------------
DRILL_TIME = {"move": seconds(15), "reload": seconds(14), "ordnance": seconds(18),
              "blade": seconds(15), "trust": seconds(20)}  # fmt: skip
DRILL_MARK_REACH = 22.0
DRILL_RING_RADIUS = 40.0
DRILL_TARGET_RADIUS = 10.0
DRILL_RELOAD_MAGAZINE = 6  # the reload drill hands him a short magazine: he must reload
DRILL_GRENADES = 4
DRILL_TRUST_DRONES = 6
DRILL_POPUP = seconds(1.4)  # a target stands up this long after the last went down

# --- The dam, the Omega and the charge -----------------------------------------------------------
OMEGA_RADIUS = 34.0  # px: the core; rounds stop on it and do nothing
OMEGA_WAVE_INTERVAL = seconds(9.0)
OMEGA_WAVE_SIZE = 3
OMEGA_WAVE_CAP = 12  # no new wave while this many Mimics are alive
OMEGA_WAVE_RADIUS = 150.0
PLANT_REACH = 80.0  # px from the core's centre
PLANT_TICKS = seconds(3.0)  # hold interact this long to plant the charge
CHARGE_FUSE = seconds(5.0)
CHARGE_IMPULSE = 160000.0
CHARGE_RADIUS = 2000.0  # the whole chamber: nobody walks away from this
PICKUP_REACH = 36.0
NO_RETURN_WARNING = 200.0  # px from the opened shaft: the warning that death below is final

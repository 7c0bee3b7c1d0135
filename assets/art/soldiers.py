"""The humans: Cage's and Rita's exosuits, poses and sheets (idle, walk, fire, reload or blade,
dash, hurt, dead), and the suits' palettes the scenes reuse for their figures.

Imports only `palette`, `shapes` and `output`; it must not import `tiles`, `mimics`, `fx` or
`scenes`.
"""

from __future__ import annotations

import math

import pygame

from .output import Anim, Files, save_sheet
from .palette import OUTLINE, RGB, Px, Shape, blend, fill, hexrgb, mix, new_surface, put, ramp
from .shapes import (
    Rim,
    bounds,
    capsule,
    ellipse,
    ghost,
    polygon,
    rim_outline,
    rotate_points,
    shade,
    tint_flash,
)

# Soldiers ------------------------------------------------------------------------------------


class Suit:
    """Everything that differs between Cage's and Rita's exosuits."""

    def __init__(self, **parts) -> None:
        self.armour: list[RGB] = parts["armour"]
        self.frame: list[RGB] = parts["frame"]
        self.head: list[RGB] = parts["head"]
        self.visor: list[RGB] | None = parts.get("visor")
        self.gun: list[RGB] = parts["gun"]
        self.stripe: RGB = parts["stripe"]
        self.lamp: RGB = parts["lamp"]
        self.thrust: RGB = parts["thrust"]
        self.hair: bool = parts.get("hair", False)
        self.blade: bool = parts.get("blade", False)
        self.heavy_gun: bool = parts.get("heavy_gun", True)
        # Bold bands of a signal colour across the shoulder plates (None: the plates stay plain).
        self.signal: list[RGB] | None = parts.get("signal")
        self.rim: Rim = parts["rim"]


# Cage's exosuit: blued steel plates over a gunmetal frame, hazard-amber bands on the shoulders
# (the campaign's accent) and a visor lit from inside. Cold metal and a hot signal colour: nothing
# on the beach is painted like it, not the sand, not the olive helmets the dead left behind.
CAGE = Suit(
    armour=ramp("#27303a", "#3a4653", "#52606f", "#6e8090", "#90a4b6", "#bccbd8"),
    frame=ramp("#1a1e24", "#282e36", "#39414b", "#4d5762", "#66717c", "#8a95a0"),
    head=ramp("#1d232a", "#2c353e", "#3f4a55", "#56636e", "#72808b", "#98a6b0"),
    visor=ramp("#0a4a66", "#138ec0", "#44d0ff", "#a8f0ff", "#f4feff"),
    gun=ramp("#1d2126", "#30363d", "#464e57", "#5f6973", "#7d8892", "#a4afb8"),
    stripe=hexrgb("#ffb02a"),
    signal=ramp("#7a3a06", "#c0640c", "#f08c14", "#ffae2e", "#ffd06a", "#ffeab0"),
    lamp=hexrgb("#ffb030"),
    thrust=hexrgb("#9fd8ff"),
    rim=Rim("#66798c", "#a4b8ca", "#eaf4ff"),
)

BLADE_STEEL = ramp("#2c3138", "#4b535d", "#727d89", "#a3afba", "#d3dce4", "#f4f8fb")
RITA = Suit(
    armour=ramp("#3a0a0e", "#5c1118", "#861c22", "#ad2c2c", "#cf4a3c", "#e97a5e"),
    frame=ramp("#141418", "#1f1f25", "#2c2c34", "#3d3d47", "#52525e", "#6e6e7c"),
    head=ramp("#3e150c", "#6a2612", "#97391a", "#bf5526", "#dc7a3c", "#f0a460"),
    gun=ramp("#141418", "#202027", "#2e2e37", "#41414c", "#575764", "#777785"),
    stripe=hexrgb("#d8403a"),
    lamp=hexrgb("#ff4030"),
    thrust=hexrgb("#ffb0a0"),
    rim=Rim("#b03a30", "#ff9274", "#ffc8b0"),
    hair=True,
    blade=True,
    heavy_gun=False,
)


class Pose:
    def __init__(self, **kw) -> None:
        self.stride: float = kw.get("stride", 0.0)
        self.breathe: float = kw.get("breathe", 0.0)
        self.twist: float = kw.get("twist", 0.0)
        self.shift: tuple[float, float] = kw.get("shift", (0.0, 0.0))
        self.gun_angle: float = kw.get("gun_angle", 0.0)
        self.recoil: float = kw.get("recoil", 0.0)
        self.left_hand: tuple[float, float] | None = kw.get("left_hand")
        self.mag: str = kw.get("mag", "in")  # in | out | hand
        self.flash: bool = kw.get("flash", False)
        self.swing: float | None = kw.get("swing")  # blade angle when Rita swings
        self.thrusters: int = kw.get("thrusters", 0)
        self.gun: bool = kw.get("gun", True)


class Body:
    """Maps the soldier's local frame (u forward/east, v to the right/south) onto the sprite."""

    def __init__(self, size: int, pose: Pose) -> None:
        self.c = size / 2
        self.cos, self.sin = math.cos(pose.twist), math.sin(pose.twist)
        # The body sits a little behind the sprite's centre so the gun has room in front.
        self.ox, self.oy = pose.shift[0] - 2.0, pose.shift[1]
        self.twist = pose.twist

    def at(self, u: float, v: float) -> tuple[float, float]:
        return (
            self.c + self.ox + u * self.cos - v * self.sin,
            self.c + self.oy + u * self.sin + v * self.cos,
        )

    def ellipse(self, u, v, ru, rv, angle=0.0) -> Shape:
        x, y = self.at(u, v)
        return ellipse(x, y, ru, rv, self.twist + angle)

    def capsule(self, a, b, r0, r1=None) -> Shape:
        return capsule(self.at(*a), self.at(*b), r0, r1)

    def polygon(self, pts) -> Shape:
        return polygon([self.at(u, v) for u, v in pts])


def gun_points(pts, pose: Pose, pivot=(1.0, 2.5)):
    """Gun outline points in body space, swung by pose.gun_angle about the right shoulder."""
    moved = [(u - pose.recoil, v) for u, v in pts]
    return rotate_points(moved, pose.gun_angle, pivot)


def draw_gun(surf, body: Body, suit: Suit, pose: Pose) -> tuple[float, float]:
    """The arm-mounted rifle; returns the muzzle in body space."""
    g = suit.gun
    # The barrel runs 2.5 px right of the body's centre line and its muzzle ends ~18.5 px ahead of
    # the sprite's centre: the renderer anchors muzzle flashes and tracers there.
    if suit.heavy_gun:
        receiver = [(1, 0.1), (13.5, 0.1), (13.5, 4.9), (1, 4.9)]
        barrel = [(13.5, 1.3), (20.4, 1.3), (20.4, 3.7), (13.5, 3.7)]
        brake = [(18.6, 0.6), (20.4, 0.6), (20.4, 4.4), (18.6, 4.4)]
        mag = [(5.5, 4.9), (9, 4.9), (9, 7.7), (5.5, 7.7)]
        muzzle = (20.4, 2.5)
    else:
        receiver = [(1, 0.6), (11.5, 0.6), (11.5, 4.4), (1, 4.4)]
        barrel = [(11.5, 1.6), (17.5, 1.6), (17.5, 3.4), (11.5, 3.4)]
        brake = [(16.3, 1.1), (17.7, 1.1), (17.7, 3.9), (16.3, 3.9)]
        mag = [(5, 4.4), (7.5, 4.4), (7.5, 6.5), (5, 6.5)]
        muzzle = (17.7, 2.5)
    if pose.mag == "in":
        shade(surf, body.polygon(gun_points(mag, pose)), g, "flat", sep=OUTLINE)
    shade(surf, body.polygon(gun_points(barrel, pose)), g, "flat", sep=OUTLINE, bias=-0.1)
    shade(surf, body.polygon(gun_points(brake, pose)), g, "flat", sep=OUTLINE)
    rec = body.polygon(gun_points(receiver, pose))
    shade(surf, rec, g, "sphere", sep=OUTLINE, bias=0.05)
    # Top rail and a painted stripe: long light lines tell the eye which way the gun points.
    a, b = gun_points([(2.5, 1.4), (12.5, 1.4)], pose)
    for x, y in capsule(body.at(*a), body.at(*b), 0.5):
        if (x, y) in rec:
            put(surf, x, y, g[5])
    a, b = gun_points([(3.5, 3.5), (8.5, 3.5)], pose)
    for x, y in capsule(body.at(*a), body.at(*b), 0.45):
        if (x, y) in rec:
            put(surf, x, y, suit.stripe)
    return gun_points([muzzle], pose)[0]


def draw_blade(surf, start, end, width, steel=BLADE_STEEL):
    """A huge single-edged blade from hilt `start` to tip `end` (sprite coordinates)."""
    (x0, y0), (x1, y1) = start, end
    length = math.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    nx, ny = -uy, ux
    grip_len = 4.0
    hx, hy = x0 + ux * grip_len, y0 + uy * grip_len
    # Blade: broad, straight spine, the cutting edge tapering into a clipped tip.
    pts = [
        (hx + nx * width * 0.5, hy + ny * width * 0.5),
        (x1 - ux * 2.5 + nx * width * 0.5, y1 - uy * 2.5 + ny * width * 0.5),
        (x1, y1),
        (x1 - ux * 1.0 - nx * width * 0.5, y1 - uy * 1.0 - ny * width * 0.5),
        (hx - nx * width * 0.5, hy - ny * width * 0.5),
    ]
    blade = polygon(pts)
    shade(surf, blade, steel, "flat", sep=OUTLINE, bias=0.05)
    # Fuller (dark groove) along the spine and a bright honed edge.
    for k in range(int(length - grip_len - 3)):
        t = grip_len + 1 + k
        put(
            surf, round(x0 + ux * t + nx * 0.3 - 0.5), round(y0 + uy * t + ny * 0.3 - 0.5), steel[1]
        )
        ex, ey = x0 + ux * t - nx * (width * 0.5 - 0.7), y0 + uy * t - ny * (width * 0.5 - 0.7)
        if (round(ex - 0.5), round(ey - 0.5)) in blade:
            put(surf, round(ex - 0.5), round(ey - 0.5), steel[5])
    guard = capsule(
        (hx + nx * (width * 0.5 + 1.5), hy + ny * (width * 0.5 + 1.5)),
        (hx - nx * (width * 0.5 + 1.5), hy - ny * (width * 0.5 + 1.5)),
        1.0,
    )
    shade(surf, guard, RITA.frame, "flat", sep=OUTLINE)
    grip = capsule((x0, y0), (hx - ux * 0.8, hy - uy * 0.8), 1.0)
    shade(surf, grip, RITA.armour[:4], "flat", sep=OUTLINE)
    return blade


def draw_head(surf, body: Body, suit: Suit) -> None:
    if suit.hair:
        # Rita goes bare-headed: copper hair combed back into a tail, a crimson band.
        tail = body.capsule((-3.0, 0.4), (-7.0, 1.2), 1.9, 1.1)
        shade(surf, tail, suit.head, "flat", sep=OUTLINE)
        head = body.ellipse(0.8, 0, 4.1, 3.9)
        shade(surf, head, suit.head, "sphere", sep=OUTLINE)
        for p in head:  # strands: darker lines running front to back
            if round(_local_v(body, p)) % 2 == 0 and _local_u(body, p) < 2.5:
                r, g, b, a = surf.get_at(p)
                surf.set_at(p, (*mix((r, g, b), suit.head[0], 0.35), a))
        for k in (-1, 0, 1):
            x, y = body.at(4.3, k * 1.1)
            put(surf, round(x - 0.5), round(y - 0.5), hexrgb("#e8b090"))  # brow and nose
        for k in range(-4, 5):
            x, y = body.at(2.9, k * 0.9)
            p = (round(x - 0.5), round(y - 0.5))
            if p in head:
                put(surf, *p, suit.stripe)
        return
    helmet = body.ellipse(0.8, 0, 5.0, 4.9)
    # Darker than the pauldrons, so head and shoulders read as separate masses.
    shade(surf, helmet, suit.head, "sphere", sep=OUTLINE, bias=-0.14)
    # The visor wraps the front of the helmet as a band; one white glint sells the glass.
    visor = {p for p in helmet if _local_u(body, p) > 2.6 and abs(_local_v(body, p)) < 3.8}
    for p in visor:
        lit = _local_v(body, p) < -0.5
        edge = (p[0] + 1, p[1]) not in helmet or (p[0], p[1] + 1) not in helmet
        put(surf, *p, suit.visor[1] if edge else suit.visor[3] if lit else suit.visor[2])
    x, y = body.at(4.2, -2.0)
    put(surf, round(x - 0.5), round(y - 0.5), suit.visor[-1])
    # A ridge down the crown.
    for k in range(-3, 3):
        x, y = body.at(k, 0)
        p = (round(x - 0.5), round(y - 0.5))
        if p in helmet and p not in visor:
            put(surf, *p, suit.head[4] if k < 0 else suit.head[2])


def _local_u(body: Body, p: Px) -> float:
    dx, dy = p[0] + 0.5 - body.c - body.ox, p[1] + 0.5 - body.c - body.oy
    return dx * body.cos + dy * body.sin


def _local_v(body: Body, p: Px) -> float:
    dx, dy = p[0] + 0.5 - body.c - body.ox, p[1] + 0.5 - body.c - body.oy
    return -dx * body.sin + dy * body.cos


def pauldron(body: Body, side: int, u: float, v: float) -> Shape:
    """A shoulder plate: a chamfered slab, flaring outward, lower at the back."""
    pts = [
        (-5.0, 5.2),
        (1.6, 5.2),
        (3.2, 6.6),
        (3.2, 9.6),
        (1.4, 11.2),
        (-4.0, 11.2),
        (-5.8, 9.8),
        (-5.8, 6.2),
    ]
    return body.polygon([(u + pu, side * (pv - 8.4) + v) for pu, pv in pts])


def draw_soldier(suit: Suit, pose: Pose, size: int = 40) -> pygame.Surface:
    s = new_surface(size, size)
    body = Body(size, pose)
    armour, frame = suit.armour, suit.frame
    torso_ramp = armour if not suit.hair else frame

    # Thruster jets behind the backpack (dash): drawn first so the pack sits on top.
    if pose.thrusters:
        for v in (-4.0, 4.0):
            length = 4 + pose.thrusters * 2
            jet = body.capsule((-11, v), (-11 - length, v), 2.0, 0.6)
            fill(s, jet, (*suit.thrust, 170))
            fill(s, body.capsule((-11, v), (-11 - length * 0.55, v), 1.0, 0.4), (255, 255, 255))

    # Boots stride under the body: from above, a walk shows as toes and heels poking out.
    for side in (-1, 1):
        step = pose.stride * 6.5 * side
        boot = body.capsule((-2.5 + step, side * 4.4), (2.5 + step, side * 4.4), 2.3)
        shade(s, boot, frame, "flat", sep=OUTLINE)
        tx, ty = body.at(3.0 + step, side * 4.4)
        put(s, round(tx - 0.5), round(ty - 0.5), frame[4])

    # Power pack on the back, with exhaust nozzles and a status lamp.
    pack = body.polygon([(-11.5, -5.5), (-9.5, -7), (-4, -7), (-4, 7), (-9.5, 7), (-11.5, 5.5)])
    shade(s, pack, frame, "sphere", sep=OUTLINE)
    for v in (-4.0, 4.0):
        shade(s, body.ellipse(-9.8, v, 1.7, 1.7), frame[:3], "flat", sep=OUTLINE)
    for k in range(-2, 3):  # vent slats
        x, y = body.at(-6.5, k * 1.5)
        put(s, round(x - 0.5), round(y - 0.5), frame[0])
    lx, ly = body.at(-5.5, -5.4)
    put(s, round(lx - 0.5), round(ly - 0.5), suit.lamp)

    torso = body.ellipse(-1.0, 0, 6.0, 8.0)
    shade(s, torso, torso_ramp, "sphere", sep=OUTLINE)
    if suit.blade and pose.swing is None:
        # Rita's blade rides on her back, hilt over the left shoulder.
        draw_blade(s, body.at(-8.0, -14.5), body.at(-8.0, 14.0), 4.4)
    collar = body.ellipse(0.6, 0, 5.6, 5.8)
    shade(s, collar, frame, "sphere", sep=OUTLINE)

    breathe = pose.breathe * 0.8
    shoulder_shift = -pose.stride * 0.8
    if pose.swing is not None:
        # Both hands on the grip; the blade sweeps around the body's centre.
        cx, cy = body.at(0, 0)
        ca, sa = math.cos(pose.swing), math.sin(pose.swing)
        hand = (cx + 5.5 * ca, cy + 5.5 * sa)
        for side in (1, -1):
            arm = capsule(body.at(0, side * 8.5), hand, 2.2, 1.8)
            shade(s, arm, frame, "flat", sep=OUTLINE)
    else:
        # Right arm: shoulder, elbow, and the forearm the gun is strapped to.
        right = body.capsule((0.5 + shoulder_shift, 8.5), (4.5, 8.0), 2.3, 2.0)
        right |= body.capsule((4.5, 8.0), (6.5, 5.5), 2.0, 1.8)
        shade(s, right, frame, "flat", sep=OUTLINE)
        if pose.gun:
            draw_gun(s, body, suit, pose)
        # Left arm reaches across to the fore-grip (or to a magazine when reloading).
        hand = pose.left_hand or gun_points([(11.5, 0.5)], pose)[0]
        upper = body.capsule((0.5 - shoulder_shift, -8.0), (4.5, -5.5), 2.1, 1.8)
        upper |= body.capsule((4.5, -5.5), hand, 1.8, 1.5)
        shade(s, upper, frame, "flat", sep=OUTLINE)
        shade(s, body.ellipse(hand[0], hand[1], 1.8, 1.8), armour, "sphere", sep=OUTLINE)
        if pose.mag == "hand":
            hu, hv = hand
            mag = body.polygon(
                [(hu - 1.5, hv - 1), (hu + 2, hv - 1), (hu + 2, hv + 1.8), (hu - 1.5, hv + 1.8)]
            )
            shade(s, mag, suit.gun, "flat", sep=OUTLINE)

    # Pauldrons: the widest part of the silhouette, in the suit's signature colour.
    for side in (-1, 1):
        u = shoulder_shift * side
        v = side * (8.4 + breathe)
        pad = pauldron(body, side, u, v)
        # A broad, gentle gradient (big radii): a hard plate, not a pillow.
        shade(s, pad, armour, "sphere", sep=OUTLINE, bias=0.08, radii=(9, 8))
        if suit.signal:
            # The signal colour along the plate's outer edge: the suit's shoulders are what the
            # eye finds first, on any ground.
            px0, py0, px1, py1 = bounds(pad)
            band = {p for p in pad if abs(_local_v(body, p)) > 8.9 + breathe}
            centre = ((px0 + px1 + 1) / 2, (py0 + py1 + 1) / 2)
            shade(s, band, suit.signal, "sphere", bias=0.1, centre=centre, radii=(9, 8))
        x0, y0 = body.at(u - 3.5, v - side * 1.6)
        x1, y1 = body.at(u + 0.5, v - side * 1.6)
        for p in capsule((x0, y0), (x1, y1), 0.5):
            if p in pad:
                put(s, *p, suit.stripe if side == -1 else armour[5])

    draw_head(s, body, suit)
    if pose.swing is not None:
        # The blade is held out in front of the body, so it goes over everything else.
        draw_blade(s, (cx + 2.5 * ca, cy + 2.5 * sa), (cx + 18.2 * ca, cy + 18.2 * sa), 6.0)
        shade(s, ellipse(hand[0], hand[1], 2.1, 2.1), armour, "sphere", sep=OUTLINE)
    rim_outline(s, suit.rim)
    if pose.flash:
        s = tint_flash(s, (255, 196, 180), 0.7)
    return s


def draw_fallen(suit: Suit, progress: float, size: int = 40) -> pygame.Surface:
    """The soldier lying on their back, head to the west. `progress` < 1 is mid-fall: the legs
    are still foreshortened and the body has not slid all the way back."""
    s = new_surface(size, size)
    body = Body(size, Pose(shift=(-2 * progress, 0), twist=0.12 * (1 - progress)))
    armour = suit.armour if not suit.hair else RITA.frame
    frame = suit.frame
    if progress >= 1:
        cx, cy = body.at(-4, 0)
        pool = ellipse(cx + 1, cy - 2, 10.5, 9) | ellipse(cx + 8, cy - 7, 5, 3.5)
        for x, y in pool:
            edge = (x + 1, y) not in pool or (x, y + 1) not in pool
            put(s, x, y, (70, 8, 10, 200) if edge else (96, 12, 14, 220))
    leg_len = 6 + 6 * progress
    for side in (-1, 1):
        spread = side * (3 + 2.2 * progress)
        leg = body.capsule((1, side * 2.6), (1 + leg_len, spread), 2.6, 2.2)
        shade(s, leg, frame, "flat", sep=OUTLINE)
        boot = body.ellipse(2.5 + leg_len, spread, 2.4, 2.0)
        shade(s, boot, frame[:4], "sphere", sep=OUTLINE)
        arm = body.capsule(
            (-7, side * 8), (-3 + 2 * progress, side * (11 + 2 * progress)), 2.1, 1.8
        )
        shade(s, arm, frame, "flat", sep=OUTLINE)
    pack_edge = body.polygon([(-10, -7.5), (1, -7.5), (1, 7.5), (-10, 7.5)])
    shade(s, pack_edge, frame[:3], "flat", sep=OUTLINE)
    torso = body.ellipse(-4.5, 0, 6.8, 7.0)
    shade(s, torso, armour, "sphere", sep=OUTLINE)
    chest = body.capsule((-7, 0), (-1, 0), 1.0)
    shade(s, chest, frame, "flat")
    for side in (-1, 1):
        pad = body.ellipse(-8.5, side * 7.5, 3.6, 4.2)
        shade(s, pad, suit.armour, "sphere", sep=OUTLINE)
    if suit.hair:
        hair = body.ellipse(-15, 0, 3.6, 5.2) | body.capsule((-16, 0), (-18, 2), 1.6)
        shade(s, hair, suit.head, "sphere", sep=OUTLINE)
        face = body.ellipse(-13.2, 0, 2.4, 3.2)
        shade(s, face, ramp("#8a5a44", "#b9806a", "#e0ae90", "#f4d2b8"), "sphere")
    else:
        helmet = body.ellipse(-13.5, 0, 4.6, 5.0)
        shade(s, helmet, suit.head, "sphere", sep=OUTLINE)
        visor = {p for p in helmet if _local_u(body, p) > -13}
        shade(s, visor, suit.visor[:3], "flat", rim=False)
    if suit.blade:
        draw_blade(s, body.at(-6, 15.5), body.at(14, 12.5), 3.6)
    else:
        gun = Pose(gun_angle=0.08)
        gun_body = Body(size, Pose(shift=(-1 + progress, 8 + progress)))
        draw_gun(s, gun_body, suit, gun)
    rim_outline(s, suit.rim)
    return s


def soldier_sheet(name: str, suit: Suit) -> Files:
    idle = [draw_soldier(suit, Pose(breathe=b)) for b in (0.0, 1.0)]
    walk = [draw_soldier(suit, Pose(stride=st, twist=-st * 0.06)) for st in (1.0, 0.0, -1.0, 0.0)]
    fire = [
        draw_soldier(suit, Pose(recoil=2.0, twist=-0.03)),
        draw_soldier(suit, Pose(recoil=0.0)),
    ]
    anims = [Anim("idle", idle, 20, True), Anim("walk", walk, 8, True)]
    # The muzzle flash belongs to fx_muzzle; the recoil frame gets a spark of its own so a single
    # shot still reads when effects are busy elsewhere.
    muzzle = Body(40, Pose()).at(*gun_points([(20.4 if suit.heavy_gun else 17.7, 2.5)], Pose())[0])
    for dx, dy, c in (
        (0, 0, (255, 250, 210)),
        (1, 0, (255, 210, 90)),
        (0, -1, (255, 200, 80)),
        (0, 1, (255, 200, 80)),
    ):
        put(fire[0], round(muzzle[0] - 2.5) + dx, round(muzzle[1] - 0.5) + dy, c)
    anims.append(Anim("fire", fire, 4, False))
    if name == "cage":
        reload = [
            draw_soldier(suit, Pose(gun_angle=0.35, left_hand=(6, 2))),
            draw_soldier(suit, Pose(gun_angle=0.45, mag="out", left_hand=(-1, -10))),
            draw_soldier(suit, Pose(gun_angle=0.45, mag="hand", left_hand=(4, 9))),
            draw_soldier(suit, Pose(gun_angle=0.2, left_hand=(8, 5))),
        ]
        # The spent magazine drops away in the second frame.
        mag = capsule((28, 33), (31, 34), 1.2)
        shade(reload[1], mag, suit.gun, "flat", sep=OUTLINE)
        anims.append(Anim("reload", reload, 10, False))
        dash = []
        for k, (lean, trail) in enumerate(((2.0, 2), (1.5, 2), (0.5, 1))):
            solid = draw_soldier(suit, Pose(shift=(lean, 0), stride=-0.8, thrusters=3 - k))
            frame = new_surface(40, 40)
            for t in range(trail, 0, -1):
                faded = ghost(solid, suit.thrust, 0.22 + 0.12 * (trail - t))
                frame.blit(faded, (-5 * t, 0))
            frame.blit(solid, (0, 0))
            dash.append(frame)
        anims.append(Anim("dash", dash, 4, False))
    else:
        swings = [-1.9, -0.9, 0.45, 1.55]
        blade = []
        for k, angle in enumerate(swings):
            frame = new_surface(40, 40)
            pose = Pose(swing=angle, twist=angle * 0.3)
            if k:
                swing_smear(frame, Body(40, pose).at(0, 0), swings[k - 1], angle, strong=k == 2)
            frame.blit(draw_soldier(suit, pose), (0, 0))
            blade.append(frame)
        anims.append(Anim("blade", blade, 5, False))
    hurt = [draw_soldier(suit, Pose(shift=(-1.5, 0), twist=0.12, flash=True))]
    anims.append(Anim("hurt", hurt, 8, False))
    dead = [
        draw_soldier(suit, Pose(shift=(-2, 0), twist=0.25, gun_angle=-0.5)),
        draw_soldier(suit, Pose(shift=(-3, 1), twist=0.45, gun_angle=0.5, stride=0.5)),
        draw_fallen(suit, 0.45),
        draw_fallen(suit, 1.0),
    ]
    anims.append(Anim("dead", dead, 10, False))
    return save_sheet(name, (40, 40), anims)


def swing_smear(surf, centre, a0, a1, strong: bool) -> None:
    """The blade's motion arc: a pale crescent between the last and the current angle."""
    cx, cy = centre
    lo, hi = min(a0, a1), max(a0, a1)
    for y in range(40):
        for x in range(40):
            dx, dy = x + 0.5 - cx, y + 0.5 - cy
            r = math.hypot(dx, dy)
            a = math.atan2(dy, dx)
            if lo <= a <= hi and 7 <= r <= 18.8:
                t = (a - lo) / (hi - lo)  # brighter toward the blade's current position
                if a1 < a0:
                    t = 1 - t
                outer = r > 13.5
                alpha = (0.3 + 0.6 * t) * (1.0 if strong else 0.6) * (1.0 if outer else 0.55)
                edge = r > 17.5
                color = (255, 255, 255) if edge else (255, 228, 216) if outer else (240, 130, 110)
                blend(surf, x, y, color, min(0.95, alpha * (1.3 if edge else 1.0)))

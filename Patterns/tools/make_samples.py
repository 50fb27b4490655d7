#!/usr/bin/env python3
"""Generate the shipped sample data in Patterns/ (pattern, hides, roll, jobs).

Usage:  python3 Patterns/tools/make_samples.py [--check-only]

Dependencies: Python 3 standard library + shapely (2.x).

Every shape is described by a handful of hand-placed control points that are
joined by a smooth cubic Hermite spline (chord-scaled Catmull-Rom tangents);
control points flagged as corners get a sharp corner.  The curve is then
sampled into a few dozen vertices, scaled to the nominal size of the piece,
rounded to 0.1 mm and validated with shapely.  Hides additionally get a small
deterministic "organic" wobble along their edge.

All coordinates are millimetres.  Outlines are open rings (first point not
repeated), counter-clockwise; holes are clockwise.
"""

import json
import math
import os
import random
import sys

from shapely.geometry import Point, Polygon
from shapely.ops import unary_union
from shapely.validation import explain_validity

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)  # .../Patterns

# --------------------------------------------------------------------------
# geometry helpers
# --------------------------------------------------------------------------


def _norm(vx, vy):
    d = math.hypot(vx, vy)
    return (vx / d, vy / d) if d > 1e-12 else (0.0, 0.0)


def smooth_ring(ctrl, corners=(), n=60, dense=80, bend=12.0):
    """Closed smooth curve through `ctrl` (list of (x, y)).

    `corners` is a collection of control-point indices that get a sharp corner.
    Returns a list of about `n` points; every control point is kept as a
    vertex.  Vertices are spread evenly over "arc length + bend * turning
    angle", so tight curves get more vertices than gentle ones.
    """
    m = len(ctrl)
    corners = set(corners)
    P = [tuple(map(float, p)) for p in ctrl]
    seglen = [math.dist(P[i], P[(i + 1) % m]) for i in range(m)]

    def tangent_dir(i, outgoing):
        prv, nxt = P[(i - 1) % m], P[(i + 1) % m]
        if i in corners:
            if outgoing:
                return _norm(nxt[0] - P[i][0], nxt[1] - P[i][1])
            return _norm(P[i][0] - prv[0], P[i][1] - prv[1])
        return _norm(nxt[0] - prv[0], nxt[1] - prv[1])

    spans = []
    for i in range(m):
        p0, p1 = P[i], P[(i + 1) % m]
        L = seglen[i]
        d0 = tangent_dir(i, True)
        d1 = tangent_dir((i + 1) % m, False)
        m0 = (d0[0] * L, d0[1] * L)
        m1 = (d1[0] * L, d1[1] * L)
        # dense sampling of the cubic Hermite span
        pts = []
        for k in range(dense + 1):
            t = k / dense
            h00 = 2 * t**3 - 3 * t**2 + 1
            h10 = t**3 - 2 * t**2 + t
            h01 = -2 * t**3 + 3 * t**2
            h11 = t**3 - t**2
            pts.append((h00 * p0[0] + h10 * m0[0] + h01 * p1[0] + h11 * m1[0],
                        h00 * p0[1] + h10 * m0[1] + h01 * p1[1] + h11 * m1[1]))
        spans.append(pts)
    metrics = [_metric(pts, bend) for pts in spans]
    total = sum(mt[-1] for mt in metrics)
    out = []
    for pts, mt in zip(spans, metrics):
        k = max(1, round(n * mt[-1] / total))
        out.extend(resample_open(pts, k, mt))
    return out


def _metric(pts, bend):
    """Cumulative arc length + bend * |turning angle| along a polyline."""
    acc = [0.0]
    prev_dir = None
    for a, b in zip(pts, pts[1:]):
        d = math.dist(a, b)
        ang = math.atan2(b[1] - a[1], b[0] - a[0])
        turn = 0.0
        if prev_dir is not None:
            turn = abs((ang - prev_dir + math.pi) % (2 * math.pi) - math.pi)
        prev_dir = ang
        acc.append(acc[-1] + d + bend * turn)
    return acc


def resample_open(pts, k, acc=None):
    """k points evenly spaced by arc length (or by the cumulative measure
    `acc`) along polyline pts, starting at pts[0], excluding the last point."""
    if acc is None:
        acc = [0.0]
        for a, b in zip(pts, pts[1:]):
            acc.append(acc[-1] + math.dist(a, b))
    L = acc[-1]
    res = []
    j = 0
    for s in range(k):
        target = L * s / k
        while j < len(acc) - 2 and acc[j + 1] < target:
            j += 1
        seg = acc[j + 1] - acc[j]
        t = 0.0 if seg <= 0 else (target - acc[j]) / seg
        a, b = pts[j], pts[j + 1]
        res.append((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t))
    return res


def resample_ring(pts, k):
    return resample_open(list(pts) + [pts[0]], k)


def signed_area(ring):
    s = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        s += x0 * y1 - x1 * y0
    return s / 2


def orient(ring, ccw=True):
    a = signed_area(ring)
    if (a > 0) != ccw:
        ring = ring[::-1]
    return ring


def bbox(ring):
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def fit_box(rings, w, h):
    """Scale/translate a group of rings (outline first) so that the outline's
    bbox is exactly w x h with its min corner at (0, 0)."""
    x0, y0, x1, y1 = bbox(rings[0])
    sx, sy = w / (x1 - x0), h / (y1 - y0)
    return [[((x - x0) * sx, (y - y0) * sy) for x, y in r] for r in rings]


def translate(ring, dx, dy):
    return [(x + dx, y + dy) for x, y in ring]


def mirror_y(ring, axis):
    return [(x, 2 * axis - y) for x, y in ring]


def circle(cx, cy, r, n=16, phase=0.0):
    return [(cx + r * math.cos(phase + 2 * math.pi * i / n),
             cy + r * math.sin(phase + 2 * math.pi * i / n)) for i in range(n)]


def blob(cx, cy, rx, ry, rng, n=14, rough=0.18, rot=0.0):
    """Irregular closed blob (insect bite, hole, brand ...)."""
    ctrl = []
    k = rng.randint(5, 7)
    for i in range(k):
        a = 2 * math.pi * i / k + rng.uniform(-0.25, 0.25)
        f = 1 + rng.uniform(-rough, rough)
        x, y = rx * f * math.cos(a), ry * f * math.sin(a)
        ctrl.append((cx + x * math.cos(rot) - y * math.sin(rot),
                     cy + x * math.sin(rot) + y * math.cos(rot)))
    return smooth_ring(ctrl, n=n)


def bent_strip(centre_pts, width, n=40):
    """Thin bent strip (a scar) around a smooth centre polyline."""
    c = smooth_open(centre_pts, 40)
    left, right = [], []
    for i, p in enumerate(c):
        a = c[max(i - 1, 0)]
        b = c[min(i + 1, len(c) - 1)]
        tx, ty = _norm(b[0] - a[0], b[1] - a[1])
        # taper towards the ends
        s = i / (len(c) - 1)
        w = width / 2 * (0.35 + 0.65 * math.sin(math.pi * s))
        left.append((p[0] - ty * w, p[1] + tx * w))
        right.append((p[0] + ty * w, p[1] - tx * w))
    ring = right + left[::-1]
    return resample_ring(ring, n)


def smooth_open(pts, k):
    """Catmull-Rom through an open list of points, k samples."""
    P = [pts[0]] + list(pts) + [pts[-1]]
    dense = []
    for i in range(1, len(P) - 2):
        p0, p1, p2, p3 = P[i - 1], P[i], P[i + 1], P[i + 2]
        for s in range(20):
            t = s / 20
            dense.append(tuple(
                0.5 * ((2 * p1[j]) + (-p0[j] + p2[j]) * t +
                       (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t * t +
                       (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t ** 3)
                for j in range(2)))
    dense.append(tuple(pts[-1]))
    return resample_open(dense, k - 1) + [tuple(pts[-1])]


def wobble(ring, rng, amp, waves=((140, 0.3), (260, 0.45), (520, 0.25)),
           weight=None):
    """Displace a dense ring along its normals by a sum of sinusoids in arc
    length: gives hide edges a natural, slightly irregular look."""
    acc = [0.0]
    for a, b in zip(ring, ring[1:] + ring[:1]):
        acc.append(acc[-1] + math.dist(a, b))
    L = acc[-1]
    comps = []
    for wl, w in waves:
        k = max(1, round(L / wl))  # whole number of waves -> closes smoothly
        comps.append((k, w, rng.uniform(0, 2 * math.pi)))
    out = []
    n = len(ring)
    for i, p in enumerate(ring):
        a, b = ring[i - 1], ring[(i + 1) % n]
        tx, ty = _norm(b[0] - a[0], b[1] - a[1])
        nx, ny = ty, -tx  # outward normal for a CCW ring
        s = acc[i] / L
        d = sum(w * math.sin(2 * math.pi * k * s + ph) for k, w, ph in comps)
        f = weight(p, (nx, ny)) if weight else 1.0
        out.append((p[0] + nx * amp * d * f, p[1] + ny * amp * d * f))
    return out


def r1(ring):
    """Round to 0.1 mm and drop consecutive duplicates."""
    res = []
    for x, y in ring:
        q = (round(x, 1) + 0.0, round(y, 1) + 0.0)
        if not res or q != res[-1]:
            res.append(q)
    if len(res) > 1 and res[0] == res[-1]:
        res.pop()
    return [[x, y] for x, y in res]


def poly_ring(geom, simplify=0.6):
    """Exterior of a shapely polygon as an open CCW ring."""
    if geom.geom_type != "Polygon":
        geom = max(geom.geoms, key=lambda g: g.area)
    geom = geom.simplify(simplify, preserve_topology=True)
    ring = list(geom.exterior.coords)[:-1]
    return orient(ring, True)


# --------------------------------------------------------------------------
# pattern: Trail Runner TR-1 (base size US 9)
# --------------------------------------------------------------------------
# Convention for every panel: x runs heel -> toe (rear -> front) along the
# pattern's length, y is the height/width of the flattened piece.  Grain is
# along x.  Pieces are drawn for the left shoe; the right shoe is mirrored.


def panel_vamp():
    # One-piece vamp, flattened.  Toe at +x, wings at x=0 go under the
    # quarters, U-shaped throat in between where the tongue/eyestays sit.
    # Lateral wing (bottom) slightly longer/lower than the medial one.
    c = [
        (0, 24),                                     # 0 lateral wing, rear/lasting corner
        (70, 7), (150, 0), (220, 8), (266, 30),      # lasting edge, lateral side
        (292, 64), (300, 102), (294, 140),           # toe
        (268, 174), (210, 201), (136, 210),          # lasting edge, medial side
        (64, 205), (12, 193),                        # 12 medial wing, rear/lasting corner
        (24, 170), (44, 148),                        # medial wing back edge
        (66, 132),                                   # 15 throat corner (medial)
        (94, 129), (112, 125), (124, 116),           # U throat
        (129, 106), (123, 95), (110, 87), (92, 84),
        (68, 82),                                    # 22 throat corner (lateral)
        (46, 66), (22, 46),                          # lateral wing back edge
    ]
    ring = smooth_ring(c, corners={0, 12, 15, 22}, n=84)
    return fit_box([ring], 300, 210)


def panel_vamp_lining():
    # Lining of the vamp: same idea, a bit smaller, shallower throat, no
    # separate wing steps (it is cut to sit under the quarters' linings).
    c = [
        (0, 26), (60, 10), (140, 0), (210, 8), (258, 32),
        (288, 70), (296, 106), (288, 144), (258, 176), (202, 198),
        (132, 205), (62, 200), (10, 188),            # 12 corner
        (22, 165), (46, 145),                        # 14 corner
        (80, 134), (108, 121), (118, 104), (106, 86), (78, 75),
        (48, 66),                                    # 20 corner
        (22, 48),
    ]
    ring = smooth_ring(c, corners={0, 12, 14, 20}, n=76)
    return fit_box([ring], 290, 200)


def panel_toe_cap():
    # Crescent: convex front wraps the toe, concave back (cap line) faces the
    # throat, blunt horns at the rear.
    c = [
        (5, 0),                                      # 0 lateral horn
        (52, 4), (100, 14), (134, 32), (150, 52),
        (141, 73), (110, 88), (60, 95),
        (8, 93),                                     # 8 medial horn (outer)
        (0, 85),                                     # 9 medial horn (inner)
        (24, 76), (44, 60), (50, 44), (40, 24), (22, 12),
        (0, 8),                                      # 15 lateral horn (inner)
    ]
    ring = smooth_ring(c, corners={0, 8, 9, 15}, n=62)
    return fit_box([ring], 150, 95)


def _quarter(c, corners, w, h, n=78):
    ring = smooth_ring(c, corners=corners, n=n)
    return fit_box([ring], w, h)


def panel_quarter_lateral():
    # Heel at x=0, front (under the vamp wing) at +x.  Top line dips below the
    # ankle bone (concave), rises to the collar at the heel.
    c = [
        (14, 0),                                     # 0 heel / lasting corner
        (90, 2), (170, 5), (234, 9),
        (262, 13),                                   # 4 front lasting corner
        (265, 36), (258, 62), (244, 86),             # front edge under the vamp
        (226, 104),                                  # 8 throat corner
        (196, 108), (166, 100),                      # facing
        (130, 84), (96, 79), (62, 87), (36, 104),    # top line (ankle dip)
        (18, 125),                                   # 15 collar / heel-seam corner
        (11, 110), (5, 84), (2, 54), (5, 24),        # heel seam
    ]
    return _quarter(c, {0, 4, 8, 15}, 265, 125)


def panel_quarter_medial():
    # Medial side: lower arch line, the dip sits further forward and is
    # shallower, front edge more upright.
    c = [
        (12, 0),
        (80, 3), (150, 8), (214, 8),
        (250, 6),                                    # 4
        (255, 30), (250, 58), (236, 82),
        (218, 101),                                  # 8
        (190, 104), (162, 96),
        (134, 84), (104, 82), (70, 88), (40, 102),
        (20, 120),                                   # 15
        (12, 104), (5, 78), (2, 50), (4, 22),
    ]
    return _quarter(c, {0, 4, 8, 15}, 255, 120)


def panel_quarter_lining():
    # Full-length quarter lining from the centre-back seam (x=0) to the
    # front; high collar at the back, ankle dip, facing at the front.
    c = [
        (4, 0),                                      # 0 heel bottom corner
        (90, 4), (190, 8), (280, 10),
        (322, 14),                                   # 4 front lasting corner
        (330, 40), (324, 70), (308, 96),
        (288, 116),                                  # 8 throat corner
        (256, 118), (226, 108),
        (186, 94), (140, 92), (96, 104), (52, 122),
        (8, 130),                                    # 15 centre-back top corner
        (6, 100), (2, 66), (0, 34),
    ]
    ring = smooth_ring(c, corners={0, 4, 8, 15}, n=86)
    return fit_box([ring], 330, 130)


def panel_eyestay():
    # Curved strip along the throat; wide squared-off end at the collar
    # (x=0), tapering rounded tip at the vamp.  Six eyelets along the
    # lacing edge (the upper, convex edge).
    def centre(x):       # bowed centre line
        u = x / 210.0
        return 15 + 19 * math.sin(math.pi * u) * (1.0 - 0.15 * u)

    def halfw(x):
        u = x / 210.0
        return 16 - 6 * u

    xs = [0, 30, 60, 95, 130, 165, 192]
    upper = [(x, centre(x) + halfw(x)) for x in xs]
    lower = [(x, centre(x) - halfw(x)) for x in xs]
    tip = [(203, centre(203) - 0.7 * halfw(203)), (210, centre(208)),
           (203, centre(203) + 0.7 * halfw(203))]
    # decorative outer edge: gentle scallop towards the collar end
    upper[1] = (upper[1][0], upper[1][1] + 3)
    c = lower + tip + upper[::-1]
    # lower[0] and upper[0] are the two corners of the squared collar end
    corners = {0, len(c) - 1}
    ring = smooth_ring(c, corners=corners, n=64)
    holes = []
    for i in range(6):
        x = 34 + i * 29.5
        y = centre(x) + halfw(x) - 9.5   # ~9.5 mm in from the lacing edge
        holes.append(circle(x, y, 2.5, n=16, phase=math.pi / 16))
    rings = fit_box([ring] + holes, 210, 45)
    # fit_box scales the holes too; re-centre perfect 5 mm circles
    out = [rings[0]]
    for h in rings[1:]:
        cx = sum(p[0] for p in h) / len(h)
        cy = sum(p[1] for p in h) / len(h)
        out.append(circle(cx, cy, 2.5, n=16, phase=math.pi / 16))
    return out


def panel_heel_counter():
    # Banana: curved lasting edge (ends up), tallest at the centre back,
    # tapering towards the front ends, small dip at the Achilles.
    def base(x):
        u = (x - 115) / 115
        return 46 * u * u

    def height(x):
        u = abs(x - 115) / 115
        return 58 - 30 * u ** 1.6

    xs_low = [8, 40, 75, 115, 155, 190, 222]
    lower = [(x, base(x)) for x in xs_low]
    xs_up = [220, 185, 150, 128, 115, 102, 80, 45, 10]
    upper = []
    for x in xs_up:
        y = base(x) + height(x)
        if x == 115:
            y -= 4             # Achilles dip
        upper.append((x, y))
    c = lower + [(230, base(230) + 14)] + upper + [(0, base(0) + 14)]
    ring = smooth_ring(c, corners={0, 6, 8, len(c) - 2}, n=72)
    return fit_box([ring], 230, 85)


def panel_collar():
    # Padded collar strip: smile-shaped, lateral end (x=0) lower and cut at
    # an angle, medial end squarer.
    def base(x):
        u = (x - 125) / 120
        return 30 * u * u - 2 * (x / 240)

    def width(x):
        u = abs(x - 125) / 125
        return 31 - 7 * u

    xs = [14, 50, 90, 125, 160, 200, 232]
    lower = [(x, base(x)) for x in xs]
    upper = [(x, base(x) + width(x)) for x in xs[::-1]]
    c = lower + [(240, base(240) + 14)] + upper[:-1] + [(26, base(26) + width(26) - 1), (0, base(0) + 8)]
    ring = smooth_ring(c, corners={0, 6, len(c) - 1}, n=60)
    return fit_box([ring], 240, 60)


def _tongue(notched_sides=True):
    # Tongue: throat end at x=0 (sewn under the vamp), waisted near the
    # throat, widest near the top, shaped top end with a centre notch.
    lower = [(0, 22), (36, 15)]
    upper_side = [(36, 90), (0, 83)]
    if notched_sides:
        lower += [(63, 12.4), (67, 16.2), (71, 11.6)]      # balance notch
        mid_up = [(71, 93.4), (67, 88.8), (63, 92.6)]
    else:
        lower += [(67, 11.5)]
        mid_up = [(67, 93.5)]
    lower += [(110, 6), (160, 1), (196, 0), (221, 9), (233, 27),
              (235, 42)]                                    # top notch starts
    notch = [(224, 47), (218, 52.5), (224, 58)]
    upper = [(235, 63), (233, 78), (221, 96), (196, 105), (160, 104),
             (110, 99)]
    c = lower + notch + upper + mid_up + upper_side + [(3, 52.5)]
    corners = {0, c.index((235, 42)), c.index((235, 63)), c.index((0, 83))}
    if notched_sides:
        for p in [(63, 12.4), (67, 16.2), (71, 11.6), (71, 93.4), (67, 88.8), (63, 92.6)]:
            corners.add(c.index(p))
    return smooth_ring(c, corners=corners, n=76)


def panel_tongue():
    return fit_box([_tongue(True)], 235, 105)


def panel_tongue_lining():
    return fit_box([_tongue(False)], 225, 100)


LEATHER_GRAIN = {"direction_deg": 0, "reversible": True}

PANELS = [
    # name, builder, material, qty, mirrored, tol, reversible, grade
    ("vamp", panel_vamp, "leather", 2, True, 5, False, "A"),
    ("toe_cap", panel_toe_cap, "leather", 2, True, 5, True, "A"),
    ("quarter_lateral", panel_quarter_lateral, "leather", 2, True, 10, True, "B"),
    ("quarter_medial", panel_quarter_medial, "leather", 2, True, 10, True, "B"),
    ("eyestay", panel_eyestay, "leather", 2, True, 15, True, "B"),
    ("heel_counter", panel_heel_counter, "leather", 2, True, 15, True, "B"),
    ("collar", panel_collar, "leather", 2, True, 15, True, "C"),
    ("tongue", panel_tongue, "leather", 2, False, 15, True, "C"),
    ("vamp_lining", panel_vamp_lining, "mesh", 2, True, 3, True, "C"),
    ("quarter_lining", panel_quarter_lining, "mesh", 4, True, 3, True, "C"),
    ("tongue_lining", panel_tongue_lining, "mesh", 2, False, 3, True, "C"),
]

SIZES = ["7", "7.5", "8", "8.5", "9", "9.5", "10", "10.5", "11", "11.5", "12"]


def build_pattern():
    panels = []
    for name, fn, mat, qty, mir, tol, rev, grade in PANELS:
        rings = fn()
        outline = r1(orient(rings[0], True))
        holes = [r1(orient(h, False)) for h in rings[1:]]
        panels.append({
            "name": name,
            "material": mat,
            "outline": outline,
            "holes": holes,
            "quantity": qty,
            "mirrored_pairs": mir,
            "grain": {"direction_deg": 0, "tolerance_deg": tol, "reversible": rev},
            "min_grade": grade,
        })
    return {
        "format": "nest-pattern/1",
        "model": "Trail Runner TR-1",
        "units": "mm",
        "size_system": "US",
        "sizes": SIZES,
        "base_size": "9",
        "grading": {"length_percent_per_step": 1.5, "width_percent_per_step": 0.8},
        "panels": panels,
    }


# --------------------------------------------------------------------------
# hides
# --------------------------------------------------------------------------


def _scale_to_area(ring, target):
    a = abs(signed_area(ring))
    s = math.sqrt(target / a)
    return [(x * s, y * s) for x, y in ring], s


def _zone(hide_poly, region, simplify=0.5):
    g = hide_poly.buffer(2, join_style="mitre").intersection(region)
    return poly_ring(g, simplify)


def _below(curve, bottom=-200):
    """Region below an open polyline curve (list of (x, y), x increasing)."""
    return Polygon([(curve[0][0], bottom)] + list(curve) + [(curve[-1][0], bottom)])


def _above(curve, top=5000):
    return Polygon([(curve[0][0], top)] + list(curve) + [(curve[-1][0], top)])


def build_cow_side():
    rng = random.Random(20240601)
    # Side of a cow, neck/shoulder at x=0, butt at +x; backbone along the top
    # edge (y max, a straight knife cut), belly below; the fore shank points
    # down and forward (bottom-left), the hind shank down and back
    # (bottom-right); armpit and flank cut in next to them.
    c = [
        (10, 720),                                   # neck, lower part
        (90, 640), (180, 560), (222, 470),           # brisket (concave)
        (196, 380), (136, 276), (70, 170),           # fore shank, front edge
        (22, 80), (30, 10), (96, 0), (152, 30),      # fore shank tip
        (218, 120), (292, 206), (380, 252),          # back of shank -> armpit
        (470, 262),
        (580, 246), (700, 266), (820, 236), (950, 256),   # wavy belly edge
        (1080, 222), (1210, 244), (1340, 214), (1470, 236),
        (1590, 212), (1700, 232),
        (1800, 254), (1900, 256),                    # flank cut-in
        (2000, 224), (2090, 164), (2170, 96),        # hind shank, front edge
        (2236, 28), (2300, 0), (2350, 30),           # hind shank tip
        (2340, 110), (2300, 206), (2272, 300),       # hind shank, back edge
        (2268, 400), (2288, 520),
        (2302, 660), (2292, 840),                    # butt (rump)
        (2262, 984), (2220, 1074),
        (2192, 1108), (2172, 1128), (2140, 1144),    # tail head
        (1900, 1152), (1500, 1150), (1100, 1147),    # backbone (straight cut)
        (700, 1143), (400, 1140),
        (250, 1132), (150, 1106), (84, 1040),        # neck end
        (42, 946), (14, 840), (0, 780),
    ]
    dense = smooth_ring(c, n=1000)

    def weight(p, nrm):
        # backbone is a straight knife cut: almost no wobble there
        return 0.15 if nrm[1] > 0.85 else 1.0

    dense = wobble(dense, rng, 6.0, weight=weight)
    ring = resample_ring(dense, 220)
    ring, s = _scale_to_area(ring, 2.2e6)
    x0, y0, _, _ = bbox(ring)
    ring = translate(ring, -x0, -y0)
    ring = orient(ring, True)
    hide = Polygon(ring)
    X = lambda v: v * s  # control-space -> hide space (approx)

    holes = [
        blob(X(760), X(470), 11, 8, rng, rot=0.6),          # belly-side hole
        blob(X(1500), X(930), 8, 7, rng, rot=1.1),          # small cut near back
    ]
    defects = [
        {"kind": "scar", "outline": bent_strip(
            [(X(520), X(640)), (X(580), X(700)), (X(660), X(730)), (X(740), X(725))], 7)},
        {"kind": "scar", "outline": bent_strip(
            [(X(1180), X(420)), (X(1230), X(470)), (X(1260), X(540)),
             (X(1250), X(600))], 6)},
        {"kind": "insect_bite", "outline": blob(X(1050), X(1010), 9, 7, rng)},
        {"kind": "insect_bite", "outline": blob(X(1700), X(1040), 7, 7, rng)},
        {"kind": "brand", "outline": _brand(X(2040), X(760), 60, 40, rng)},
    ]
    # B: belly band (~250 mm in from the belly edge) plus the neck/shoulder.
    belly_curve = smooth_open([(-60, X(560)), (X(300), X(530)), (X(700), X(500)),
                               (X(1100), X(470)), (X(1500), X(460)),
                               (X(1900), X(500)), (X(2400), X(560))], 30)
    neck = Polygon(smooth_open([(X(250), X(1200)), (X(270), X(1000)), (X(300), X(800)),
                                (X(330), X(600)), (X(380), X(400))], 14)
                   + [(-60, X(400)), (-60, X(1200))])
    b_zone = _zone(hide, unary_union([_below(belly_curve), neck]))
    # C: the shanks and the outermost belly edge
    c_curve = smooth_open([(-60, X(330)), (X(200), X(345)), (X(380), X(335)),
                           (X(560), X(315)), (X(900), X(315)), (X(1300), X(290)),
                           (X(1700), X(295)), (X(1880), X(330)), (X(2120), X(345)),
                           (X(2400), X(320))], 30)
    c_zone = _zone(hide, _below(c_curve))
    return {
        "format": "nest-hide/1",
        "name": "cow-side-01",
        "material": "leather",
        "units": "mm",
        "grain_deg": 0,
        "outline": r1(ring),
        "holes": [r1(orient(h, False)) for h in holes],
        "defects": [{"kind": d["kind"], "outline": r1(orient(d["outline"], True))}
                    for d in defects],
        "zones": [{"grade": "B", "outline": r1(b_zone)},
                  {"grade": "C", "outline": r1(c_zone)}],
    }


def _brand(cx, cy, w, h, rng):
    # Brand mark: rounded, slightly irregular rectangle-ish burn.
    c = [(-0.5, -0.45), (0, -0.52), (0.5, -0.42), (0.52, 0), (0.47, 0.48),
         (0, 0.5), (-0.48, 0.46), (-0.52, 0.02)]
    c = [(cx + x * w * (1 + rng.uniform(-0.05, 0.05)),
          cy + y * h * (1 + rng.uniform(-0.05, 0.05))) for x, y in c]
    return smooth_ring(c, n=22)


def build_calf():
    rng = random.Random(77031)
    # Whole calf skin, backbone along y = 475, neck/head at x = 0, tail at +x.
    # Forelegs point forward (towards the head), hind legs backward.
    top = [  # upper half, right -> left (CCW order)
        (1490, 483), (1478, 497), (1446, 503), (1428, 522),   # tail stub
        (1424, 560), (1438, 640), (1440, 730),       # rump
        (1448, 800), (1470, 860),                    # hind leg, rear edge
        (1482, 918), (1446, 952), (1394, 932),       # hind leg tip
        (1344, 878), (1284, 846),                    # inner edge -> flank
        (1160, 862), (1020, 878), (870, 866),        # wavy belly
        (720, 880), (590, 866),
        (500, 872), (430, 900),                      # foreleg, rear edge
        (376, 946), (312, 940),                      # foreleg tip
        (284, 884), (254, 830),                      # inner edge -> armpit
        (200, 800), (152, 752), (116, 700),          # neck
        (72, 662), (30, 622), (6, 562), (0, 500),    # cheek / head end
    ]
    bottom = [(x, 950 - y) for x, y in top[::-1]]
    # make it "symmetric-ish"
    bottom = [(x + rng.uniform(-12, 12), y + rng.uniform(-12, 12))
              if abs(y - 475) > 100 else (x, y) for x, y in bottom]
    c = bottom + top
    dense = smooth_ring(c, n=1000)
    dense = wobble(dense, rng, 5.0)
    ring = resample_ring(dense, 200)
    ring, s = _scale_to_area(ring, 1.2e6)
    x0, y0, _, _ = bbox(ring)
    ring = translate(ring, -x0, -y0)
    ring = orient(ring, True)
    hide = Polygon(ring)
    X = lambda v: v * s
    holes = [blob(X(980), X(250), 10, 7, rng, rot=0.3)]
    defects = [
        {"kind": "scar", "outline": bent_strip(
            [(X(600), X(560)), (X(660), X(600)), (X(740), X(610)), (X(800), X(590))], 6)},
        {"kind": "insect_bite", "outline": blob(X(880), X(470), 7, 6, rng)},
        {"kind": "insect_bite", "outline": blob(X(1180), X(520), 6, 6, rng)},
        {"kind": "vein", "outline": bent_strip(
            [(X(330), X(300)), (X(380), X(330)), (X(440), X(340))], 5)},
    ]
    # B: both belly bands + the neck; C: the four legs and the head end.
    band_lo = smooth_open([(-60, X(215)), (X(300), X(230)), (X(700), X(205)),
                           (X(1100), X(200)), (X(1350), X(215)), (X(1560), X(230))], 24)
    band_hi = [(x, X(950) - y) for x, y in band_lo]
    neck = Polygon(smooth_open([(X(200), X(1010)), (X(215), X(800)), (X(240), X(475)),
                                (X(215), X(150)), (X(200), X(-60))], 14)
                   + [(-60, X(-60)), (-60, X(1010))])
    b_zone = _zone(hide, unary_union([_below(band_lo), _above(band_hi), neck]))
    legs = [  # (upper leg region, in control space), mirrored for the lower legs
        [(X(230), X(1010)), (X(230), X(840)), (X(330), X(850)), (X(520), X(860)),
         (X(520), X(1010))],
        [(X(1290), X(1010)), (X(1310), X(830)), (X(1390), X(790)), (X(1520), X(760)),
         (X(1520), X(1010))],
    ]
    c_regions = []
    for leg in legs:
        c_regions.append(Polygon(leg))
        c_regions.append(Polygon([(x, X(950) - y) for x, y in leg]))
    head = Polygon([(-60, X(300)), (X(60), X(330)), (X(90), X(475)), (X(60), X(620)),
                    (-60, X(650))])
    c_zones = [_zone(hide, r) for r in c_regions + [head]]
    return {
        "format": "nest-hide/1",
        "name": "calf-01",
        "material": "leather",
        "units": "mm",
        "grain_deg": 0,
        "outline": r1(ring),
        "holes": [r1(orient(h, False)) for h in holes],
        "defects": [{"kind": d["kind"], "outline": r1(orient(d["outline"], True))}
                    for d in defects],
        "zones": [{"grade": "B", "outline": r1(b_zone)}] +
                 [{"grade": "C", "outline": r1(z)} for z in c_zones],
    }


# --------------------------------------------------------------------------
# rolls and jobs
# --------------------------------------------------------------------------

ROLL = {"format": "nest-roll/1", "name": "mesh-1400", "material": "mesh",
        "units": "mm", "width": 1400, "max_length": 15000}

HIDE_JOB = {
    "format": "nest-job/1",
    "name": "hide",
    "units": "mm",
    "stock": {"hides": ["hides/cow-side-01.json", "hides/calf-01.json"]},
    "order": [{"pattern": "runner.json",
               "sizes": {"7.5": 1, "8": 1, "8.5": 1, "9": 1, "10": 1, "11": 1}}],
    "spacing": 2.0,
    "margin": 3.0,
    "seed": 1,
    "samples": 400,
    "iterations": 1000,
}

ROLL_JOB = {
    "format": "nest-job/1",
    "name": "mesh-roll",
    "units": "mm",
    "stock": {"roll": "rolls/mesh-1400.json"},
    "order": [{"pattern": "runner.json",
               "sizes": {"7": 1, "7.5": 1, "8": 2, "8.5": 2, "9": 3, "9.5": 2,
                         "10": 2, "10.5": 1, "11": 1, "12": 1}}],
    "spacing": 2.0,
    "margin": 5.0,
    "seed": 1,
    "samples": 400,
    "iterations": 1000,
}


# --------------------------------------------------------------------------
# output
# --------------------------------------------------------------------------


def _fmt_num(v):
    if isinstance(v, float):
        s = repr(round(v, 1))
        return s
    return json.dumps(v)


def _is_point(v):
    return (isinstance(v, list) and len(v) == 2 and
            all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in v))


def _is_ring(v):
    return isinstance(v, list) and v and all(_is_point(p) for p in v)


def to_json(v, indent=0, per_line=8):
    """JSON with points written inline, several per line."""
    pad = "  " * indent
    pad1 = "  " * (indent + 1)
    if _is_point(v):
        return "[" + ", ".join(_fmt_num(c) for c in v) + "]"
    if _is_ring(v):
        pts = [to_json(p) for p in v]
        lines = [", ".join(pts[i:i + per_line]) for i in range(0, len(pts), per_line)]
        return "[\n" + ",\n".join(pad1 + ln for ln in lines) + "\n" + pad + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        simple = all(not isinstance(x, (dict, list)) for x in v.values())
        if simple and len(v) <= 12:
            return "{" + ", ".join(json.dumps(k) + ": " + to_json(x) for k, x in v.items()) + "}"
        items = [pad1 + json.dumps(k) + ": " + to_json(x, indent + 1) for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(v, list):
        if not v:
            return "[]"
        if all(not isinstance(x, (dict, list)) for x in v):
            return "[" + ", ".join(to_json(x) for x in v) + "]"
        items = [pad1 + to_json(x, indent + 1) for x in v]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    if isinstance(v, float):
        return _fmt_num(v)
    return json.dumps(v)


def write(rel, obj):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = to_json(obj) + "\n"
    assert json.loads(text) == json.loads(json.dumps(obj))
    with open(path, "w") as f:
        f.write(text)
    print("wrote", os.path.relpath(path, os.path.dirname(OUT)))


# --------------------------------------------------------------------------
# checks
# --------------------------------------------------------------------------


class CheckError(Exception):
    pass


def _need(cond, msg):
    if not cond:
        raise CheckError(msg)


def _ring_poly(ring, what):
    _need(len(ring) >= 3, f"{what}: fewer than 3 points")
    _need(ring[0] != ring[-1], f"{what}: ring must be open")
    p = Polygon(ring)
    _need(p.is_valid, f"{what}: invalid ({explain_validity(p)})")
    return p


def check_pattern(pat):
    print("\nPattern %s (base size US %s)" % (pat["model"], pat["base_size"]))
    print("  %-16s %-8s %5s %9s %8s %8s %s" % ("panel", "material", "verts", "area cm2",
                                                "bbox w", "bbox h", "qty"))
    per_pair = {}
    for pnl in pat["panels"]:
        name = pnl["name"]
        o = pnl["outline"]
        poly = _ring_poly(o, name)
        _need(signed_area(o) > 0, f"{name}: outline not CCW")
        x0, y0, x1, y1 = bbox(o)
        _need(abs(x0) < 0.05 and abs(y0) < 0.05, f"{name}: bbox min not at origin")
        _need(30 <= len(o) <= 90, f"{name}: {len(o)} vertices")
        _need(poly.convex_hull.area - poly.area > 0.01 * poly.area,
              f"{name}: not (visibly) concave")
        hp = []
        for k, h in enumerate(pnl["holes"]):
            q = _ring_poly(h, f"{name} hole {k}")
            _need(signed_area(h) < 0, f"{name} hole {k}: not CW")
            _need(poly.contains(q), f"{name} hole {k}: not inside")
            _need(poly.exterior.distance(q) >= 3.0, f"{name} hole {k}: < 3 mm to outline")
            for j, q2 in enumerate(hp):
                _need(q.distance(q2) >= 3.0, f"{name} holes {j},{k}: < 3 mm apart")
            hp.append(q)
        area = poly.area - sum(q.area for q in hp)
        per_pair[pnl["material"]] = per_pair.get(pnl["material"], 0) + area * pnl["quantity"]
        extra = ""
        if hp:
            d = min(2 * math.sqrt(q.area / math.pi) for q in hp)
            extra = f"  {len(hp)} holes (~{d:.1f} mm)"
        print("  %-16s %-8s %5d %9.1f %8.1f %8.1f %d%s%s" % (
            name, pnl["material"], len(o), area / 100, x1 - x0, y1 - y0, pnl["quantity"],
            " mirrored" if pnl["mirrored_pairs"] else "", extra))
    for m, a in per_pair.items():
        print("  per pair of shoes, %-7s: %8.1f cm2 = %.4f m2" % (m, a / 100, a / 1e6))
    return per_pair


def check_hide(h):
    name = h["name"]
    hide = _ring_poly(h["outline"], name)
    _need(signed_area(h["outline"]) > 0, f"{name}: outline not CCW")
    x0, y0, x1, y1 = bbox(h["outline"])
    print(f"\nHide {name}: area {hide.area / 1e6:.3f} m2, bbox {x1 - x0:.0f} x {y1 - y0:.0f} mm, "
          f"{len(h['outline'])} vertices")
    marks = []
    for k, r in enumerate(h["holes"]):
        q = _ring_poly(r, f"{name} hole {k}")
        _need(hide.contains(q), f"{name} hole {k} not inside")
        b = q.bounds
        print(f"  hole {k}: {b[2] - b[0]:.0f} x {b[3] - b[1]:.0f} mm")
        marks.append(("hole", q))
    for k, d in enumerate(h["defects"]):
        q = _ring_poly(d["outline"], f"{name} defect {k}")
        _need(hide.contains(q), f"{name} defect {k} not inside")
        b = q.bounds
        print(f"  defect {k} {d['kind']}: {b[2] - b[0]:.0f} x {b[3] - b[1]:.0f} mm, "
              f"area {q.area:.0f} mm2")
        marks.append((d["kind"], q))
    for i in range(len(marks)):
        for j in range(i + 1, len(marks)):
            _need(marks[i][1].distance(marks[j][1]) > 5,
                  f"{name}: {marks[i][0]} and {marks[j][0]} overlap/touch")
    for k, z in enumerate(h["zones"]):
        q = _ring_poly(z["outline"], f"{name} zone {k}")
        inside = q.intersection(hide).area / q.area
        _need(inside > 0.93, f"{name} zone {k}: only {inside:.0%} inside")
        print(f"  zone {k} grade {z['grade']}: {len(z['outline'])} vertices, "
              f"{q.intersection(hide).area / 1e6:.3f} m2 on the hide ({inside:.1%} of zone inside)")
    worst = {}
    for z in h["zones"]:
        worst.setdefault(z["grade"], []).append(Polygon(z["outline"]))
    cz = unary_union(worst.get("C", [])).intersection(hide)
    bz = unary_union(worst.get("B", [])).intersection(hide).difference(cz)
    az = hide.difference(bz).difference(cz)
    print(f"  effective grades: A {az.area / 1e6:.3f} m2, B {bz.area / 1e6:.3f} m2, "
          f"C {cz.area / 1e6:.3f} m2")


def main():
    pat = build_pattern()
    cow = build_cow_side()
    calf = build_calf()
    check_pattern(pat)
    check_hide(cow)
    check_hide(calf)
    for job in (HIDE_JOB, ROLL_JOB):
        pairs = sum(job["order"][0]["sizes"].values())
        for s in job["order"][0]["sizes"]:
            _need(s in SIZES, f"job {job['name']}: unknown size {s}")
        print(f"\nJob {job['name']}: {pairs} pairs")
    if "--check-only" in sys.argv:
        return
    print()
    write("runner.json", pat)
    write("hides/cow-side-01.json", cow)
    write("hides/calf-01.json", calf)
    write("rolls/mesh-1400.json", ROLL)
    write("hide.json", HIDE_JOB)
    write("mesh-roll.json", ROLL_JOB)


if __name__ == "__main__":
    try:
        main()
    except CheckError as e:
        sys.exit("check failed: %s" % e)

#!/usr/bin/env python3
"""Is there room left? Searches the free leather of a finished hide nest for every panel
that is still waiting, by brute force — or the free length of a roll cut short by its
`max_length` (the whole roll, not just the length the report used).

For each sheet of REPORT (a report.json that nest wrote for JOB), and each distinct
unplaced part (panel, size, side), it tries every pose on a grid of GRID mm at the
rotations the panel's grain allows (the band's ends and middle, the half turn where the
panel is reversible), with the right part mirrored as nest mirrors it. A pose counts when
the part lies inside the hide less the margin, clear of holes and defects (margin
included), clear of every zone worse than the part's grade, and at least the spacing away
from every placed part. It prints, per waiting part, how many poses fit, and, when none
fits anywhere, that the nest is maximal for the waiting parts (at this grid): no part can
be added without moving others.

The free leather left in zones where no waiting panel may lie (e.g. grade C leather when
only A and B panels wait) is reported too.

The hides of JOB that the nest left empty are searched too, as free leather (read from the
job: JSON hides; a DXF hide is named and left out). Under `same_hide: shoe` a waiting pair of
shoes needs every panel of its size (with its mirrored partner) to have room on one hide:
when on every hide some panel of each waiting size has none, or a pair of shoes of that size
covers more than the hide's free leather, no shoe can be added. A part
with more than 400 poses that fit has its pair room looked for among 400 of them, evenly
spread (a free hide holds hundreds of thousands): the last line says so when it did.

Usage:
  python3 Benchmarks/hide_room.py Output/hide-open-order/report.json Patterns/hide-open-order.json [--grid 8]
Needs: python3 -m pip install shapely. Grading: percent per step only (what the shipped
patterns use); other grading rules are refused with a message.
"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np
import shapely
from shapely import affinity
from shapely.geometry import Polygon
from shapely.ops import unary_union
from shapely.prepared import prep

GRADES = "ABCD"


MM_PER_UNIT = {"mm": 1.0, "cm": 10.0, "m": 1000.0, "in": 25.4}


def load_panels(job_path):
    """(panel name, size) -> (outline, panel) for every order line's pattern."""
    with open(job_path) as f:
        job = json.load(f)
    panels = {}
    for line in job["order"]:
        path = os.path.join(os.path.dirname(job_path), line["pattern"])
        if path.lower().endswith(".json"):
            with open(path) as f:
                pattern = json.load(f)
        else:
            # A DXF or SVG pattern: read as nest reads it (`nest import` writes its JSON).
            nest = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".build", "release", "nest")
            pattern = json.loads(subprocess.run([nest, "import", path], check=True, capture_output=True, text=True).stdout)
        # Reports are in millimetres; a pattern drawn in other units (its own, or the order
        # line's for a DXF or SVG) is scaled to them.
        unit = MM_PER_UNIT[line.get("units") or pattern.get("units", "mm")]
        sizes = pattern["sizes"]
        base = sizes.index(pattern["base_size"])
        for panel in pattern["panels"]:
            grading = panel.get("grading", pattern.get("grading", {}))
            unknown = set(grading) - {"length_percent_per_step", "width_percent_per_step"}
            if unknown:
                sys.exit(f"{line['pattern']}: panel {panel['name']}: grading {sorted(unknown)} is not supported here")
            for size in line["sizes"]:
                drawn = (panel.get("graded") or {}).get(size)
                if drawn:
                    # A size drawn in the file (a CAD pattern's graded block) is its outline.
                    outline = Polygon(drawn["outline"], drawn.get("holes") or [])
                    panels[(panel["name"], size)] = (affinity.scale(outline, unit, unit, origin=(0, 0)), panel)
                    continue
                k = sizes.index(size) - base
                sx = 1 + k * grading.get("length_percent_per_step", 0) / 100
                sy = 1 + k * grading.get("width_percent_per_step", 0) / 100
                outline = Polygon(panel["outline"], panel.get("holes") or [])
                panels[(panel["name"], size)] = (affinity.scale(outline, sx * unit, sy * unit, origin=(0, 0)), panel)
    return panels


def orientations(outline, panel, side, stock_grain):
    """The part's outline in every orientation nest samples: mirrored across its grain
    axis for the right side (nest mirrors x and turns it half round: the same shape)."""
    if side == "R" and panel.get("mirrored_pairs", False):
        outline = affinity.scale(outline, 1, -1, origin=(0, 0))
    grain = panel.get("grain", {"direction_deg": 0, "tolerance_deg": 180, "reversible": True})
    tol = min(grain.get("tolerance_deg", 0), 180)
    turn = stock_grain - grain.get("direction_deg", 0)
    if tol >= 180:
        angles = [15 * k for k in range(24)]
    else:
        angles = [turn - tol, turn, turn + tol]
        if grain.get("reversible", False):
            angles += [a + 180 for a in angles]
    return [affinity.rotate(outline, a, origin=(0, 0)) for a in angles]


def roll_outline(job_path):
    """The whole roll of JOB as a ring in millimetres, or None for a roll of open length
    (nothing is left out for want of length there)."""
    with open(job_path) as f:
        job = json.load(f)
    roll = job["stock"]["roll"]
    if isinstance(roll, str):
        with open(os.path.join(os.path.dirname(job_path), roll)) as f:
            roll = json.load(f)
    if roll.get("max_length") is None:
        return None
    unit = MM_PER_UNIT[roll.get("units", "mm")]
    length, width = roll["max_length"] * unit, roll["width"] * unit
    return [[0, 0], [length, 0], [length, width], [0, width]]


def job_hides(job_path):
    """Every hide of JOB as a report's sheet (millimetres, nothing placed), read from the job
    itself as the README's hide format says: a critical defect (the default) blocks every
    part, grown by its clearance; a major one is grade D leather and a minor one grade C,
    grown by theirs; zones grade the leather inside them. Hides given as DXF are left out
    (listed in the second value)."""
    with open(job_path) as f:
        job = json.load(f)
    stock = job.get("stock") or {}
    sheets, unread = [], []
    for entry in stock.get("hides") or []:
        if isinstance(entry, str):
            path = os.path.join(os.path.dirname(job_path), entry)
            if not path.lower().endswith(".json"):
                unread.append(entry)
                continue
            with open(path) as f:
                entry = json.load(f)
        unit = MM_PER_UNIT[entry.get("units", "mm")]

        def mm(ring):
            return [[x * unit, y * unit] for x, y in ring]

        defects, zones = [], []
        for d in entry.get("defects") or []:
            shape = Polygon(mm(d["outline"])).buffer(d.get("clearance", 0) * unit)
            severity = d.get("severity", "critical").strip().lower()
            if severity == "critical":
                defects.append(shape)
            else:
                zones.append({"grade": "D" if severity == "major" else "C",
                              "outline": shape, "defect_kind": d.get("kind", "defect")})
        for z in entry.get("zones") or []:
            zones.append({"grade": z["grade"].strip().upper(), "outline": mm(z["outline"])})
        sheets.append({"stock": entry["name"], "kind": "hide", "grain_deg": entry.get("grain_deg", 0),
                       "outline": mm(entry["outline"]), "holes": [mm(h) for h in entry.get("holes") or []],
                       "defects": defects, "zones": zones, "placements": []})
    return sheets, unread


def polygon(shape):
    """A ring from a report, or a shapely shape already (a hide read from the job)."""
    return shape if hasattr(shape, "area") else Polygon(shape)


def free_leather(sheet, margin, spacing):
    """Per grade, the leather a part of that grade may still use (placed parts grown by
    the spacing taken out)."""
    hide = Polygon(sheet["outline"], sheet["holes"])
    blocked = [polygon(d) for d in sheet["defects"]]
    inner = hide.difference(unary_union(blocked)) if blocked else hide
    inner = inner.buffer(-margin)
    parts = unary_union([Polygon(p["outline"], p.get("holes") or []) for p in sheet["placements"]])
    taken = parts.buffer(spacing) if sheet["placements"] else Polygon()
    free = {}
    for g in GRADES:
        # A minor or major defect (listed as a zone of its grade, with its kind) keeps the
        # parts it blocks the margin away, as the hide's edge and holes do.
        worse = [polygon(z["outline"]).buffer(margin if z.get("defect_kind") else 0)
                 for z in sheet["zones"] if z["grade"] > g]
        region = inner.difference(unary_union(worse)) if worse else inner
        free[g] = region.difference(taken)
    return free, hide, parts


POSE_SAMPLE = 400


def shoe_area(panels, ordered, size):
    """The area of one pair of shoes of SIZE: every panel of the order at that size, as
    many times as the pattern's quantity (a pair of shoes' parts, both sides of a mirrored
    panel counted)."""
    total = 0.0
    for (name, panel_size), (outline, panel) in panels.items():
        if panel_size == size and (name, size) in ordered:
            total += outline.area * panel.get("quantity", 1)
    return total


def sampled_poses(poses):
    """At most POSE_SAMPLE of POSES (shape, x, y), evenly spread over the grid order, placed."""
    step = max(1, -(-len(poses) // POSE_SAMPLE))
    return [affinity.translate(shape, x, y) for shape, x, y in poses[::step]]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("report")
    ap.add_argument("job")
    ap.add_argument("--grid", type=float, default=8.0, help="grid step in mm (default 8)")
    args = ap.parse_args()
    with open(args.report) as f:
        report = json.load(f)
    panels = load_panels(args.job)
    waiting = sorted({(u["part"], u["size"], u["side"], u["min_grade"]) for u in report["unplaced"]})
    if not waiting:
        print("nothing waits: every ordered part is placed")
        return
    with open(args.job) as f:
        shoe_rule = json.load(f).get("same_hide", "pair") == "shoe"
    on_roll = any(sheet["kind"] == "roll" for sheet in report["sheets"])
    if on_roll:
        whole = roll_outline(args.job)
        if whole is None:
            print("the roll's length is open: nothing is left out for want of room")
            return
        # The parts wait for want of length: the whole roll is searched, not the length used.
        report["sheets"] = [dict(sheet, outline=whole) for sheet in report["sheets"]]
    else:
        # A hide of the job the nest left empty is free leather too (a cutting session's
        # hide where nothing went, the third hide of three when two were used).
        used = {sheet["stock"] for sheet in report["sheets"]}
        hides, unread = job_hides(args.job)
        report["sheets"] += [sheet for sheet in hides if sheet["stock"] not in used]
        for name in unread:
            print(f"hide {name}: a DXF hide, not read here (only the hides in the report are searched for it)")
        if not report["sheets"]:
            print("the job has no hide this script can read: nothing to search")
            return
    anything, units_fit, pairs_sampled = False, False, False
    # Under the shoe rule a pair of shoes goes onto one hide whole: per hide, the sizes one
    # of whose waiting panels (with its mirrored partner) has no room there.
    shoe_sizes = {w[1] for w in waiting}
    ordered_panels = {(p["part"], p["size"]) for sheet in report["sheets"] for p in sheet["placements"]} \
        | {(u["part"], u["size"]) for u in report["unplaced"]}
    sizes_blocked = []
    for index, sheet in enumerate(report["sheets"]):
        if sheet["kind"] not in ("hide", "roll"):
            continue
        free, hide, parts = free_leather(sheet, report["margin_mm"], report["spacing_mm"])
        empty = " (left empty by the nest)" if not sheet["placements"] else ""
        print(f"sheet {index + 1} ({sheet['stock']}){empty}: free leather {100 * free['D'].area / hide.area:.2f} % of the hide")
        worst_waiting = max(w[3] for w in waiting)
        for g in GRADES:
            if g > worst_waiting:
                own = [polygon(z["outline"]) for z in sheet["zones"] if z["grade"] == g]
                if own:
                    dead = unary_union(own).intersection(hide).difference(parts)
                    print(f"  grade {g} leather uncovered, where no waiting part may lie: "
                          f"{100 * dead.area / hide.area:.2f} % of the hide")
        prepared = {g: prep(region) for g, region in free.items()}
        print("  | waiting part | poses that fit |\n  | --- | ---: |")
        poses, found = {}, {}
        for name, size, side, grade in waiting:
            if (name, size) not in panels:
                continue
            outline, panel = panels[(name, size)]
            region, fits = free[grade], 0
            fx0, fy0, fx1, fy1 = region.bounds
            for shape in orientations(outline, panel, side, sheet.get("grain_deg", 0)):
                x0, y0, x1, y1 = shape.bounds
                xs = np.arange(fx0 - x0, fx1 - x1 + 1e-9, args.grid)
                ys = np.arange(fy0 - y0, fy1 - y1 + 1e-9, args.grid)
                if len(xs) == 0 or len(ys) == 0:
                    continue
                gx, gy = (a.ravel() for a in np.meshgrid(xs, ys))
                # Cheap first: every 4th vertex of the outline must lie inside; then the
                # exact containment of the whole part.
                keep = np.ones(len(gx), dtype=bool)
                for vx, vy in list(shape.exterior.coords)[::4]:
                    keep &= shapely.contains_xy(region, gx + vx, gy + vy)
                for x, y in zip(gx[keep], gy[keep]):
                    placed = affinity.translate(shape, x, y)
                    if prepared[grade].contains(placed):
                        fits += 1
                        found.setdefault((name, size, side), []).append((shape, x, y))
            anything = anything or fits > 0
            poses[(name, size, side)] = fits
            print(f"  | {name} {size} {side} (grade {grade}) | {fits} |")
        # A left/right pair goes onto a hide whole (the pair rule): both sides need room,
        # in places at least the spacing apart.
        spacing = report["spacing_mm"]
        unit_room = set()
        for (name, size, side), fits in poses.items():
            # A roll keeps no parts together: a part that fits on it is enough.
            mirrored = panels[(name, size)][1].get("mirrored_pairs", False) and not on_roll
            if not fits or (mirrored and side != "L"):
                continue
            if not mirrored:
                units_fit = True
                unit_room.add((name, size))
                continue
            # Apart by the spacing, and never overlapping (at spacing 0 the distance of two
            # overlapping poses is 0 as well). A large free hide holds hundreds of thousands
            # of poses per part: the pairs are looked for among an even sample of each side's.
            lefts = sampled_poses(found[(name, size, side)])
            rights = sampled_poses(found.get((name, size, "R"), []))
            both = None
            if len(found[(name, size, side)]) > POSE_SAMPLE or len(found.get((name, size, "R"), [])) > POSE_SAMPLE:
                pairs_sampled = True
            if rights:
                right_array = np.array(rights, dtype=object)
                for a in lefts:
                    apart = (shapely.distance(a, right_array) >= spacing) & \
                        (shapely.area(shapely.intersection(a, right_array)) <= 1e-6)
                    if apart.any():
                        both = (a, rights[int(np.argmax(apart))])
                        break
            if both:
                units_fit = True
                unit_room.add((name, size))
                print(f"  room for the pair {name} {size}: L at {tuple(round(v) for v in both[0].centroid.coords[0])}, "
                      f"R at {tuple(round(v) for v in both[1].centroid.coords[0])}")
        kinds = {(w[0], w[1]) for w in waiting if (w[0], w[1]) in panels}
        blocked = {size for size in shoe_sizes if any(k[1] == size and k not in unit_room for k in kinds)}
        if shoe_rule:
            # A pair of shoes whose parts cover more than the free leather cannot go in,
            # whatever room each of its panels has on its own.
            for size in sorted(shoe_sizes - blocked):
                need = shoe_area(panels, ordered_panels, size)
                if need > free["D"].area:
                    blocked.add(size)
                    print(f"  a pair of shoes of size {size} covers {need / 1e6:.3f} m², "
                          f"more than the hide's free leather ({free['D'].area / 1e6:.3f} m²)")
        sizes_blocked.append(blocked)
    if not anything:
        print(f"\nno waiting part fits anywhere: the nest is maximal for them (grid {args.grid:g} mm)")
    elif shoe_rule and all(blocked == shoe_sizes for blocked in sizes_blocked):
        print(f"\nno waiting pair of shoes fits: on every hide one of its panels (with its partner) has no room, "
              f"so no shoe can be added without moving others (grid {args.grid:g} mm)")
    elif shoe_rule:
        print("\nsome waiting parts fit on their own, and every panel of some waiting size has room on one hide "
              "(whether the whole shoe fits there together, this script cannot say)")
    elif units_fit:
        print("\nsome waiting parts fit, with room for their pair partners too: the nest is not maximal at this grid")
    else:
        print(f"\nsome single parts fit, but no pair has room for both its parts: no unit can be added without "
              f"moving others (grid {args.grid:g} mm"
              + (f"; pairs looked for among {POSE_SAMPLE} poses a side" if pairs_sampled else "") + ")")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Random roll jobs unlike the shipped ones, nested and checked: a robustness sweep.

Each job (seeded: job N is the same on every run) is one roll — 250 to 2 200 mm wide, in
mm, cm, m or inches, with or without `max_length` (sometimes too short for the order) —
and a pattern of its own: two to seven panels drawn as smooth blobs, L and U shapes,
stars, thin strips, tiny tabs, rectangles, some with holes (perforations), some of 600
outline points; some nearly as wide as the roll, one now and then wider than it; grain
tolerances of 0, 2, 10, 45, 90 and 180° either way round or not; mirrored pairs or single
parts, quantities 1–6, graded over up to five sizes; a panel of another material now and
then (left out with a note). The pattern is written as JSON, or as the DXF or SVG
`nest import` writes. Spacing 0–4 mm, margin 0–10 mm.

Every job is nested at a small budget (`--iterations`, default 300, on one thread; or
`--iterations default`: as a user runs it, at the job's own budget on every core with every
output) and must exit 0 with a
report that `check_report.py` accepts, every part placed or unplaced with a reason; or, for a
part that fits the roll (its width, its `max_length`) in no allowed orientation — checked here with
shapely — exit 1 saying so. One line a job, the failures at the end; exit 1 on any.

Usage (release build first):
  python3 Benchmarks/random_rolls.py [--jobs 1-40] [--iterations 300|default] [--nest .build/release/nest] [--twin] [--room]
      [--toolpaths]
With --room, `hide_room.py` searches the whole roll of each job that leaves parts off a
roll too short for them: does a waiting part still fit?
Needs shapely.
"""
import argparse
import json
import math
import os
import random
import subprocess

from shapely import affinity
from shapely.geometry import Point, Polygon, box

from peer_runs import NEST, ROOT
from random_jobs import budget, blob, checked, finish, job_numbers, nest_quietly, ring, room_says, toolpaths_say, twin_says

OUT = os.path.join(ROOT, "Output", "bench", "random-rolls")


def panel_shape(rng, size):
    """One outline about `size` mm across, of a kind picked at random."""
    kind = rng.choice(["blob", "blob", "ell", "you", "star", "strip", "tab", "rect"])
    s = size
    if kind == "blob":
        shape = blob(rng, 0, 0, s / 2, s * rng.uniform(0.2, 0.5), rng.choice([24, 80, 600]), rng.uniform(0.05, 0.2))
    elif kind == "ell":
        a = s * rng.uniform(0.2, 0.4)
        shape = Polygon([(0, 0), (s, 0), (s, a), (a, a), (a, s * 0.8), (0, s * 0.8)])
    elif kind == "you":
        a = s * rng.uniform(0.15, 0.3)
        shape = Polygon([(0, 0), (s, 0), (s, s * 0.7), (s - a, s * 0.7), (s - a, a), (a, a), (a, s * 0.7), (0, s * 0.7)])
    elif kind == "star":
        n, points = rng.choice([5, 6, 8]), []
        for i in range(2 * n):
            r = s / 2 if i % 2 == 0 else s * rng.uniform(0.18, 0.35)
            t = math.pi * i / n
            points.append((r * math.cos(t), r * math.sin(t)))
        shape = Polygon(points)
    elif kind == "strip":
        shape = box(0, 0, s, max(3, s * rng.uniform(0.03, 0.1)))
    elif kind == "tab":
        shape = box(0, 0, max(6, s * 0.08), max(6, s * 0.06))
    else:
        shape = box(0, 0, s, s * rng.uniform(0.3, 1))
    if not shape.is_valid:
        shape = shape.buffer(0)
    if shape.geom_type != "Polygon":
        shape = max(shape.geoms, key=lambda g: g.area)
    holes = []
    if kind in ("blob", "rect") and rng.random() < 0.3:
        inner = shape.buffer(-max(6, s * 0.1))
        for _ in range(rng.choice([1, 4, 12])):
            if inner.is_empty:
                break
            b = inner.bounds
            c = Point(rng.uniform(b[0], b[2]), rng.uniform(b[1], b[3]))
            h = c.buffer(rng.uniform(1, 3), 4)
            if inner.contains(h) and not any(h.buffer(1).intersects(o) for o in holes):
                holes.append(h)
    turn, centre = rng.uniform(0, 360), shape.centroid
    shape = affinity.rotate(shape, turn, origin=centre)
    holes = [affinity.rotate(h, turn, origin=centre) for h in holes]
    return shape, holes


def make_job(seed, folder, nest):
    rng = random.Random(seed)
    unit, scale = rng.choice([("mm", 1), ("mm", 1), ("cm", 10), ("in", 25.4), ("m", 1000)])
    width = rng.uniform(250, 2200)
    material = rng.choice(["mesh", "textile", "Lining"])
    roll = {"format": "nest-roll/1", "name": f"roll-{seed}", "material": material, "units": unit,
            "width": round(width / scale, 4)}
    panels, area = [], 0.0
    for k in range(rng.randint(2, 7)):
        size = rng.choice([rng.uniform(20, 120), rng.uniform(100, 400), rng.uniform(0.4, 0.9) * width])
        if rng.random() < 0.04:
            size = width * rng.uniform(1.05, 1.4)
        shape, holes = panel_shape(rng, size)
        # Now and then a leather panel (left out of a roll job with a note), never the first
        # nor longer than leather is (the units check refuses a 3 m leather panel).
        other = k > 0 and size < 1200 and rng.random() < 0.1
        p = {"name": f"panel-{k}", "material": "leather" if other else material,
             "outline": ring(shape, scale), "quantity": rng.randint(1, 6)}
        if rng.random() < 0.3:
            p["outline"].reverse()
        if holes:
            p["holes"] = [ring(h, scale) for h in holes]
        if rng.random() < 0.5:
            p["mirrored_pairs"] = True
            p["quantity"] = 2 * rng.randint(1, 3)
        p["grain"] = {"direction_deg": rng.choice([0, 0, 90, 33]), "tolerance_deg": rng.choice([0, 2, 10, 45, 90, 180]),
                      "reversible": rng.random() < 0.7}
        panels.append(p)
        area += shape.area * p["quantity"]
    sizes = ["5", "6", "7", "8", "9"]
    pattern = {"format": "nest-pattern/1", "model": f"random {seed}", "units": unit, "sizes": sizes, "base_size": "7",
               "grading": {"length_percent_per_step": rng.choice([0, 1.5, 3]), "width_percent_per_step": rng.choice([0, 0.8])},
               "panels": panels}
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "pattern.json"), "w") as f:
        json.dump(pattern, f)
    kind = rng.choice(["json", "dxf", "svg"])
    if kind != "json":
        subprocess.run([nest, "import", os.path.join(folder, "pattern.json"), "--to", kind,
                        "-o", os.path.join(folder, f"pattern.{kind}")], check=True, capture_output=True)
    chosen = rng.sample(sizes, rng.randint(1, 5))
    pairs = {s: rng.randint(1, 4) for s in chosen}
    if rng.random() < 0.7:
        # Long enough for the order at 40 % density, or a fifth of that: parts left out.
        need = area * sum(pairs.values()) / 0.4 / width
        # Never past the 1 km of roll a marker may take (`nest` refuses a longer one).
        roll["max_length"] = round(min(need * (0.2 if rng.random() < 0.25 else rng.uniform(1, 4)), 990_000) / scale, 4)
    job = {"format": "nest-job/1", "name": f"random-roll-{seed}", "units": "mm", "stock": {"roll": roll},
           "order": [{"pattern": f"pattern.{kind}", "sizes": pairs}],
           "spacing": rng.choice([0, 1, 2, 4]), "margin": rng.choice([0, 5, 10]), "seed": seed}
    path = os.path.join(folder, "job.json")
    with open(path, "w") as f:
        json.dump(job, f)
    return path, width


def too_large(folder, message):
    """True when the panel and size a refusal names fits the roll inside its margins (its
    width across, its `max_length` along) in no orientation its grain allows (checked here
    with shapely, 0.05° apart)."""
    import re
    m = re.search(r'panel "([^"]+)" size (\S+) ', message)
    if not m or "larger than every piece of stock" not in message:
        return False
    with open(os.path.join(folder, "pattern.json")) as f:
        pattern = json.load(f)
    with open(os.path.join(folder, "job.json")) as f:
        job = json.load(f)
    units = {"mm": 1, "cm": 10, "in": 25.4, "m": 1000}
    scale = units[pattern["units"]]
    panel = next(p for p in pattern["panels"] if p["name"] == m.group(1))
    steps = pattern["sizes"].index(m.group(2)) - pattern["sizes"].index(pattern["base_size"])
    g = pattern["grading"]
    shape = Polygon([(x * scale * (1 + g["length_percent_per_step"] / 100 * steps),
                      y * scale * (1 + g["width_percent_per_step"] / 100 * steps)) for x, y in panel["outline"]])
    roll = job["stock"]["roll"]
    across = roll["width"] * units[roll["units"]] - 2 * job["margin"]
    along = roll["max_length"] * units[roll["units"]] - 2 * job["margin"] if "max_length" in roll else math.inf
    grain = panel["grain"]
    for k in range(-int(grain["tolerance_deg"] * 20), int(grain["tolerance_deg"] * 20) + 1):
        for reverse in ([0, 180] if grain.get("reversible", True) else [0]):
            b = affinity.rotate(shape, -grain["direction_deg"] + k / 20 + reverse, origin=(0, 0)).bounds
            if b[3] - b[1] <= across + 1e-6 and b[2] - b[0] <= along + 1e-6:
                return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", default="1-40", help="job numbers, e.g. 1-40 or 3,7")
    ap.add_argument("--iterations", type=budget, default=300,
                    help="optimizer budget on one thread (default 300), or `default`: the job's own "
                         "budget on every core with every output, as a user runs it, timed")
    ap.add_argument("--nest", default=NEST)
    ap.add_argument("--twin", action="store_true",
                    help="also nest each job whose pattern is DXF or SVG from its pattern.json, and compare")
    ap.add_argument("--room", action="store_true",
                    help="also run hide_room.py on each job that leaves parts off a roll too short for them")
    ap.add_argument("--toolpaths", action="store_true",
                    help="also write the toolpaths (HPGL, G-code, DXF) and read them back with toolpath_check.py")
    args = ap.parse_args()
    numbers = job_numbers(args.jobs)
    failures = []
    for n in numbers:
        folder = os.path.join(OUT, str(n))
        job, width = make_job(n, folder, args.nest)
        out = os.path.join(folder, "out")
        run = nest_quietly(args.nest, job, out, args.iterations, toolpaths=args.toolpaths)
        if run.returncode == 1 and too_large(folder, run.stderr):
            print(f"job {n}: refused, a panel larger than the roll in every allowed orientation (checked): "
                  f"{run.stderr.strip()[-140:]}", flush=True)
            continue
        if run.returncode != 0:
            failures.append(f"job {n}: exit {run.returncode}: {run.stderr.strip()[:400]}")
            print(failures[-1], flush=True)
            continue
        r, line, failure = checked(n, out)
        line += f", {run.seconds:.1f} s"
        if failure:
            failures.append(failure)
        reasons = sorted({u["reason"][:60] for u in r["unplaced"]})
        line += f" | {reasons}" if reasons else ""
        if args.room and r["unplaced"]:
            line += room_says(os.path.join(out, "report.json"), job)
        if args.toolpaths:
            said, failure = toolpaths_say(n, out)
            line += said
            if failure:
                failures.append(failure)
        with open(job) as f:
            spec = json.load(f)
        if args.twin and not spec["order"][0]["pattern"].endswith(".json"):
            spec["order"][0]["pattern"] = "pattern.json"
            with open(os.path.join(folder, "job-json.json"), "w") as f:
                json.dump(spec, f)
            line += twin_says(args.nest, os.path.join(folder, "job-json.json"), out, args.iterations, r)
        print(line, flush=True)
    finish(numbers, failures)


if __name__ == "__main__":
    main()

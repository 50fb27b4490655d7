#!/usr/bin/env python3
"""Random hide jobs unlike the shipped ones, nested and checked: a robustness sweep.

Each job (seeded: job N is the same on every run) has one to three hides drawn as smooth
blobs of 40 to 2 000 outline points, 0.7 to 2.6 m long, turned anyhow, in mm, cm, m or
inches, with grain along, across or at 37.5°; holes; defects as scars and bites, some on the
hide's edge and half outside it, of every severity (in either case) and clearance; quality
zones B, C and D (some "c") in the middle, on the edges, overlapping, some clipped to the
hide; the outline written clockwise in a third of them. The order is the shipped runner
pattern (as JSON, or as the DXF and SVG `nest import` writes) at one to six random sizes,
sometimes a second order line; spacing 0–3 mm, margin 0–8 mm, either `same_hide` rule,
either hide order.

Every job is nested at a small budget (`--iterations`, default 300, on one thread; or
`--iterations default`: as a user runs it, at the job's own budget on every core with every
output) and must exit 0 with a
report that `check_report.py` accepts; every part placed or unplaced with a reason. The
script prints one line a job and, at the end, the failures; it exits 1 when there are any.

Usage (release build first):
  python3 Benchmarks/random_jobs.py [--jobs 1-40] [--iterations 300|default] [--nest .build/release/nest]
      [--room]   also run hide_room.py on each report: is a waiting pair's room left?
      [--toolpaths]   also write the HPGL, G-code and DXF toolpaths and read them back
                 with toolpath_check.py: every contour of the report cut once, closed
      [--dxf-hides]   each hide read from the DXF `nest import` writes of it (the same
                 jobs otherwise: compare with a run without it)
      [--own-patterns]   a random pattern per job (the shapes random_rolls.py draws, leather,
                 grades A–D, tolerances 0–180°) instead of the runner; into random-jobs-own/
Needs shapely.
"""
import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import time

from shapely import affinity
from shapely.geometry import LineString, Point, Polygon

from peer_runs import CHECKER, NEST, ROOT

OUT = os.path.join(ROOT, "Output", "bench", "random-jobs")


def blob(rng, cx, cy, rx, ry, n, rough):
    """A smooth closed outline of n points about (cx, cy): an ellipse with random harmonics."""
    harmonics = [(rng.uniform(0, rough / k), rng.uniform(0, 2 * math.pi)) for k in range(2, 7)]
    points = []
    for i in range(n):
        t = 2 * math.pi * i / n
        r = 1 + sum(a * math.cos(k * t + p) for k, (a, p) in enumerate(harmonics, start=2))
        points.append((cx + rx * r * math.cos(t), cy + ry * r * math.sin(t)))
    shape = Polygon(points)
    if not shape.is_valid:
        shape = shape.buffer(0)
    if shape.geom_type != "Polygon":
        shape = max(shape.geoms, key=lambda g: g.area)
    return shape


def ring(shape, scale):
    """The exterior in file units, rounded to 0.1 µm of them."""
    return [[round(x / scale, 4), round(y / scale, 4)] for x, y in list(shape.exterior.coords)[:-1]]


def hide(rng, name, unit, scale):
    width = rng.uniform(700, 2600)
    height = width * rng.uniform(0.45, 0.9)
    outline = blob(rng, width / 2, height / 2, width / 2, height / 2, rng.choice([40, 120, 400, 2000]),
                   rng.uniform(0.05, 0.25))
    outline = affinity.rotate(outline, rng.uniform(0, 360), origin="centroid")
    b = outline.bounds
    outline = affinity.translate(outline, -b[0] + rng.uniform(-500, 500), -b[1] + rng.uniform(-500, 500))
    inner = outline.buffer(-60)
    corners = list(outline.exterior.coords)[:-1]

    def inside():
        b = outline.bounds
        for _ in range(200):
            p = Point(rng.uniform(b[0], b[2]), rng.uniform(b[1], b[3]))
            if inner.contains(p):
                return p
        return outline.representative_point()

    data = {"format": "nest-hide/1", "name": name, "material": rng.choice(["leather", "Leather", "leather "]),
            "units": unit, "grain_deg": rng.choice([0, 0, 90, 37.5]), "outline": ring(outline, scale)}
    if rng.random() < 0.3:
        data["outline"].reverse()
    holes = []
    for _ in range(rng.choice([0, 0, 1, 3])):
        c = inside()
        h = blob(rng, c.x, c.y, rng.uniform(5, 25), rng.uniform(5, 25), 16, 0.1)
        if inner.contains(h) and not any(h.intersects(other) for other in holes):
            holes.append(h)
    defects = []
    for _ in range(rng.choice([0, 2, 5, 9])):
        c = inside() if rng.random() < 0.8 else Point(corners[rng.randrange(len(corners))])
        if rng.random() < 0.5:
            a, length = rng.uniform(0, math.pi), rng.uniform(30, 300)
            dx, dy = length / 2 * math.cos(a), length / 2 * math.sin(a)
            shape, kind = LineString([(c.x - dx, c.y - dy), (c.x + dx, c.y + dy)]).buffer(rng.uniform(1, 4)), "scar"
        else:
            shape = blob(rng, c.x, c.y, rng.uniform(3, 30), rng.uniform(3, 30), 12, 0.1)
            kind = rng.choice(["insect_bite", "brand", "tick"])
        defect = {"kind": kind, "outline": ring(shape, scale)}
        if rng.random() < 0.6:
            defect["severity"] = rng.choice(["minor", "major", "critical", "Minor"])
        if rng.random() < 0.4:
            defect["clearance"] = rng.choice([2, 5, 10]) / scale
        defects.append(defect)
    zones = []
    for _ in range(rng.choice([0, 1, 2, 4])):
        c = inside() if rng.random() < 0.6 else Point(corners[rng.randrange(len(corners))])
        zone = blob(rng, c.x, c.y, rng.uniform(80, 0.5 * width), rng.uniform(80, 0.4 * height), 60, 0.2)
        if rng.random() < 0.3:
            zone = zone.intersection(outline).buffer(0)
        if zone.geom_type == "Polygon" and zone.area >= 100:
            zones.append({"grade": rng.choice(["B", "C", "D", "c"]), "outline": ring(zone, scale)})
    if holes:
        data["holes"] = [ring(h, scale) for h in holes]
    if defects:
        data["defects"] = defects
    if zones:
        data["zones"] = zones
    return data


def own_pattern(rng, folder, unit, scale, smallest):
    """A pattern of its own, written as runner.json: two to seven leather panels of the
    kinds `random_rolls.py` draws (blobs, L and U shapes, stars, strips, tabs, rectangles,
    some perforated), none longer than 60 % of the smallest hide's narrower side; grain
    tolerances 0–180°, minimum grades A–D, mirrored pairs or not."""
    from random_rolls import panel_shape
    panels = []
    for k in range(rng.randint(2, 7)):
        shape, holes = panel_shape(rng, rng.choice([rng.uniform(20, 120), rng.uniform(100, 0.6 * smallest)]))
        p = {"name": f"panel-{k}", "material": "leather", "outline": ring(shape, scale), "quantity": rng.randint(1, 4),
             "grain": {"direction_deg": rng.choice([0, 90, 33]), "tolerance_deg": rng.choice([0, 5, 15, 45, 180]),
                       "reversible": rng.random() < 0.7},
             "min_grade": rng.choice(["A", "B", "C", "D", "D"])}
        if holes:
            p["holes"] = [ring(h, scale) for h in holes]
        if rng.random() < 0.6:
            p["mirrored_pairs"] = True
            p["quantity"] = 2 * rng.randint(1, 2)
        panels.append(p)
    pattern = {"format": "nest-pattern/1", "model": "random", "units": unit,
               "sizes": ["7", "7.5", "8", "8.5", "9", "9.5", "10", "10.5", "11", "11.5", "12"], "base_size": "7",
               "grading": {"length_percent_per_step": 1.0, "width_percent_per_step": 0.5}, "panels": panels}
    with open(os.path.join(folder, "runner.json"), "w") as f:
        json.dump(pattern, f)


def write_dxf_hide(h, folder):
    """Writes hide `h` (a nest-hide/1 dict) as a DXF by layer — OUTLINE, HOLE, DEFECT-KIND
    [-SEVERITY], ZONE-G, GRAIN, the name and material as texts — with ezdxf, in the hide's
    units ($INSUNITS); returns the file's name."""
    import ezdxf
    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = {"mm": 4, "cm": 5, "m": 6, "in": 1}[h["units"]]
    msp = doc.modelspace()
    msp.add_lwpolyline(h["outline"], close=True, dxfattribs={"layer": "OUTLINE"})
    for ring_ in h.get("holes", []):
        msp.add_lwpolyline(ring_, close=True, dxfattribs={"layer": "HOLE"})
    for d in h.get("defects", []):
        layer = "DEFECT-" + d["kind"].upper() + ("-" + d["severity"].upper() if "severity" in d else "")
        msp.add_lwpolyline(d["outline"], close=True, dxfattribs={"layer": layer})
    for z in h.get("zones", []):
        msp.add_lwpolyline(z["outline"], close=True, dxfattribs={"layer": "ZONE-" + z["grade"].upper()})
    xs = [p[0] for p in h["outline"]]
    ys = [p[1] for p in h["outline"]]
    cx, cy, r = sum(xs) / len(xs), sum(ys) / len(ys), (max(xs) - min(xs)) / 8
    g = math.radians(h["grain_deg"])
    msp.add_line((cx, cy), (cx + r * math.cos(g), cy + r * math.sin(g)), dxfattribs={"layer": "GRAIN"})
    msp.add_text("Name: " + h["name"], dxfattribs={"layer": "OUTLINE", "insert": (cx, cy)})
    msp.add_text("Material: " + h["material"].strip(), dxfattribs={"layer": "OUTLINE", "insert": (cx, cy - r / 4)})
    name = h["name"] + ".dxf"
    doc.saveas(os.path.join(folder, name))
    return name


def make_job(seed, folder, nest, own=False, dxf_hides=False):
    rng = random.Random(seed)
    unit, scale = rng.choice([("mm", 1), ("mm", 1), ("cm", 10), ("in", 25.4), ("m", 1000)])
    hides = [hide(rng, f"hide-{seed}-{k}", unit, scale) for k in range(rng.choice([1, 1, 2, 3]))]
    os.makedirs(folder, exist_ok=True)
    stock = hides
    if dxf_hides:
        # Each hide drawn as a scanner's DXF (ezdxf, by layer), the job naming that file.
        # DXF has no defect clearance: it is left out of the hide.
        for h in hides:
            for d in h.get("defects", []):
                d.pop("clearance", None)
        stock = [write_dxf_hide(h, folder) for h in hides]
    runner = os.path.join(folder, "runner.json")
    if own:
        smallest = min(min(b[2] - b[0], b[3] - b[1]) for b in (Polygon(h["outline"]).bounds for h in hides)) * scale
        own_pattern(rng, folder, unit, scale, smallest)
    else:
        shutil.copy(os.path.join(ROOT, "Patterns", "runner.json"), runner)
    pattern = rng.choice(["json", "dxf", "svg"])
    if pattern != "json":
        subprocess.run([nest, "import", runner, "--to", pattern, "-o", os.path.join(folder, f"runner.{pattern}")],
                       check=True, capture_output=True)
    sizes = ["7", "7.5", "8", "8.5", "9", "9.5", "10", "10.5", "11", "11.5", "12"]
    order = [{"pattern": f"runner.{pattern}", "sizes": {s: rng.randint(1, 3) for s in rng.sample(sizes, rng.randint(1, 6))}}]
    if rng.random() < 0.3:
        order.append({"pattern": "runner.json", "sizes": {"9": 1}})
    job = {"format": "nest-job/1", "name": f"random-{seed}", "units": "mm", "stock": {"hides": stock}, "order": order,
           "spacing": rng.choice([0, 1, 2, 3]), "margin": rng.choice([0, 3, 8]), "seed": seed,
           "same_hide": rng.choice(["pair", "pair", "shoe"]), "hide_order": rng.choice(["largest_first", "as_listed"])}
    path = os.path.join(folder, "job.json")
    with open(path, "w") as f:
        json.dump(job, f)
    if dxf_hides:
        # The twin: the same job with the hides inline as JSON, to compare the nests.
        with open(os.path.join(folder, "job-json.json"), "w") as f:
            json.dump(dict(job, stock={"hides": hides}), f)
    return path


def job_numbers(spec):
    """`1-40` or `3,7,10-12` as a list of job numbers."""
    numbers = []
    for part in spec.split(","):
        a, _, b = part.partition("-")
        numbers += list(range(int(a), int(b or a) + 1))
    return numbers


def nest_quietly(nest, job, out, iterations, toolpaths=False):
    """`nest JOB` at `iterations` on one thread, without tickets, and without toolpaths
    unless asked for (then all three formats). `iterations` None: as a user runs it — the
    job's default budget, every core, every output. The run's wall seconds are set on the
    result as `seconds`."""
    if iterations is None:
        command = [nest, job, "-o", out, "-q"]
    else:
        command = [nest, job, "-o", out, "-q", "--iterations", str(iterations), "--threads", "1",
                   "--toolpath", "plt,nc,dxf" if toolpaths else "none", "--tickets", "none"]
    started = time.monotonic()
    run = subprocess.run(command, capture_output=True, text=True)
    run.seconds = time.monotonic() - started
    return run


def budget(text):
    """--iterations: a whole number, or `default` (the job's own budget, as a user runs it)."""
    return None if text == "default" else int(text)


def toolpaths_say(n, out):
    """toolpath_check.py on the toolpath files in `out`: ("", None) when they match the
    report, else a note for the job's line and the failure."""
    check = subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "toolpath_check.py"), out],
                           capture_output=True, text=True)
    if check.returncode == 0:
        return " | toolpaths OK", None
    said = (check.stdout + check.stderr).strip().splitlines()
    return f" | toolpaths: {len(said)} problems", f"job {n}: toolpaths: {said[0][:200] if said else 'checker failed'}"


def checked(n, out, stock_word=None):
    """The report in `out` checked by check_report.py: (report, one-line summary, failure or None)."""
    report = os.path.join(out, "report.json")
    check = subprocess.run([sys.executable, CHECKER, report], capture_output=True, text=True)
    with open(report) as f:
        r = json.load(f)
    placed = sum(len(s["placements"]) for s in r["sheets"])
    silent = [u for u in r["unplaced"] if not u.get("reason")]
    line = (f"job {n}: " + (f"{len(r['sheets'])} {stock_word}, " if stock_word else "")
            + f"{placed} placed, {len(r['unplaced'])} unplaced, {r['yield_percent']:.2f} %, "
            + f"check {'OK' if check.returncode == 0 else 'FAILED'}")
    failure = None
    if check.returncode != 0 or silent:
        failure = line + ("; unplaced without a reason" if silent else "") + ": " + (check.stdout + check.stderr).strip()[-300:]
    return r, line, failure


def twin_says(nest, twin_job, out, iterations, r):
    """Nests `twin_job` (the same job with its files as JSON) and says whether it gave the
    same nest as report `r` (zones, and defects with their kinds, compared as sets: a DXF
    lists them by grade and by layer)."""
    twin = nest_quietly(nest, twin_job, out + "-json", iterations)
    if twin.returncode != 0:
        return f" | JSON twin: exit {twin.returncode}"
    with open(os.path.join(out + "-json", "report.json")) as f:
        t = json.load(f)

    def canonical(sheets):
        def defects(s):
            return sorted(zip(s.get("defects", []), s.get("defect_kinds", [])), key=json.dumps)
        return [dict(s, zones=sorted(s["zones"], key=json.dumps), defects=defects(s), defect_kinds=None) for s in sheets]
    same = canonical(t["sheets"]) == canonical(r["sheets"]) and t["unplaced"] == r["unplaced"]
    return " | JSON twin: " + ("the same nest" if same else
                               f"{sum(len(s['placements']) for s in t['sheets'])} placed, {t['yield_percent']:.2f} %")


def finish(numbers, failures):
    print(f"\n{len(numbers) - len(failures)} of {len(numbers)} jobs nested and checked")
    for f in failures:
        print("FAILED", f)
    sys.exit(1 if failures else 0)


def room_says(report, job):
    """hide_room.py's verdict on REPORT of JOB (is a waiting part's room left?), for a job's line."""
    room = subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "hide_room.py"), report, job],
                          capture_output=True, text=True)
    said = room.stdout.strip().splitlines()
    return " | " + (said[-1][:90] if room.returncode == 0 and said else "hide_room.py failed: " + room.stderr.strip()[-90:])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", default="1-40", help="job numbers, e.g. 1-40 or 3,7")
    ap.add_argument("--iterations", type=budget, default=300,
                    help="optimizer budget on one thread (default 300), or `default`: the job's own "
                         "budget on every core with every output, as a user runs it, timed")
    ap.add_argument("--nest", default=NEST)
    ap.add_argument("--room", action="store_true", help="also run hide_room.py on every report")
    ap.add_argument("--toolpaths", action="store_true",
                    help="also write the toolpaths (HPGL, G-code, DXF) and read them back with toolpath_check.py")
    ap.add_argument("--dxf-hides", action="store_true",
                    help="each hide written as DXF by nest import and read from that file (into random-jobs-dxf/)")
    ap.add_argument("--own-patterns", action="store_true",
                    help="a random pattern of its own per job instead of the shipped runner")
    args = ap.parse_args()
    numbers = job_numbers(args.jobs)
    failures = []
    for n in numbers:
        folder = os.path.join(OUT + ("-own" if args.own_patterns else "") + ("-dxf" if args.dxf_hides else ""), str(n))
        job = make_job(n, folder, args.nest, own=args.own_patterns, dxf_hides=args.dxf_hides)
        out = os.path.join(folder, "out")
        run = nest_quietly(args.nest, job, out, args.iterations, toolpaths=args.toolpaths)
        if run.returncode != 0:
            failures.append(f"job {n}: exit {run.returncode}: {run.stderr.strip()[:300]}")
            print(failures[-1])
            continue
        report = os.path.join(out, "report.json")
        r, line, failure = checked(n, out, "hide(s)")
        line += f", {run.seconds:.1f} s"
        unplaced = r["unplaced"]
        if failure:
            failures.append(failure)
        if args.dxf_hides:
            line += twin_says(args.nest, os.path.join(folder, "job-json.json"), out, args.iterations, r)
        if args.room and unplaced:
            line += room_says(report, job)
        if args.toolpaths:
            said, failure = toolpaths_say(n, out)
            line += said
            if failure:
                failures.append(failure)
        print(line, flush=True)
    finish(numbers, failures)


if __name__ == "__main__":
    main()

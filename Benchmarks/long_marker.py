#!/usr/bin/env python3
"""Long markers: yield reached after 5, 15 and 60 s on a day's roll order, on 1 and 2 threads.

Two jobs, written into the output folder by this script (nothing beside the repository):
  mesh16  the shipped mesh job's order (Patterns/mesh-roll.json) sixteen times over:
          2 048 runner panels on the 1 400 mm mesh roll, 80 m long at most;
  lining  100 pairs of linings (a quarter lining and a vamp lining, graded over ten
          sizes, grain +/-45 deg and reversible): 200 panels on a 1 500 mm lining roll.
          The same panels are written as strip-packing instances allowed 0/180 deg, and
          0/+-15/+-30/+-45 deg and their reverses (what sparrow takes: a list of angles), and
          with --peer sparrow it is run on both for the same time. The same job at 0 deg
          ("lining at 0 deg") is run beside it: the wider band must never nest worse.
  mesh    the shipped mesh job (128 parts, grain +-3 deg) without spacing or margins, and
          its panels as a 0/180 strip instance for sparrow.
  mesh16t the same sixteen times over (2 048 parts, no spacing or margins) and its sparrow
          instance: the long marker side by side with sparrow.
  mesh40  the shipped mesh job's order forty times over (5 120 parts, 200 m roll at most).

For each job, thread count and time limit, `nest JOB --time-limit S --threads T --seed 1`
is run and its report checked with Tests/ReportChecker/check_report.py; the table gives
the yield (placed area over roll width x used length), the used length, the optimizer's
iterations and the parts placed. The time limit covers the whole search, first nest
included (a first nest stopped by it leaves parts out, and the table says so); writing the
outputs comes on top.

Usage (release build first: swift build -c release):
  python3 Benchmarks/long_marker.py [--jobs mesh16,lining,mesh] [--seconds 5,15,60] [--threads 1,2]
                                    [--peer sparrow]
"""
import argparse
import copy
import json
import math
import os
import sys

from density_plot import write_svg
from peer_runs import ROOT, NEST, run_nest, run_sparrow

OUT = os.path.join(ROOT, "Output", "bench", "long-marker")
SIZES = ["6", "6.5", "7", "7.5", "8", "8.5", "9", "9.5", "10", "11"]
GRADING = (1.6, 0.9)  # length, width percent per size step


def mesh16(folder, times=16):
    """The mesh job's order `times` over on a roll long enough (80 m for x16); returns the
    job's path."""
    with open(os.path.join(ROOT, "Patterns", "mesh-roll.json")) as f:
        job = json.load(f)
    with open(os.path.join(ROOT, "Patterns", "rolls", "mesh-1400.json")) as f:
        roll = json.load(f)
    metres = 5 * times
    roll["max_length"] = 1000 * metres
    roll["name"] = f"mesh-1400-{metres}m"
    write(os.path.join(folder, f"mesh-{metres}m.json"), roll)
    job["name"] = f"mesh-roll-x{times}"
    job["stock"] = {"roll": f"mesh-{metres}m.json"}
    for line in job["order"]:
        line["pattern"] = os.path.join(ROOT, "Patterns", line["pattern"])
        line["sizes"] = {size: times * n for size, n in line["sizes"].items()}
    for key in ("iterations", "samples"):
        job.pop(key, None)
    path = os.path.join(folder, f"mesh-x{times}.json")
    write(path, job)
    return path


def lining_outlines():
    """Two lining panels at the base size (mm), counter-clockwise, as smooth closed curves:
    a quarter lining (long, with a curved heel end and a collar dip) and a vamp lining
    (a D shape with a throat cut-out on its straight side)."""
    quarter, vamp = [], []
    n = 48
    for k in range(n):
        t = 2 * math.pi * k / n
        # A superellipse 250 x 105 with its top edge dipped towards the heel (the collar).
        c, s = math.cos(t), math.sin(t)
        x = 125 + 125 * math.copysign(abs(c) ** 0.6, c)
        y = 52 + 52 * math.copysign(abs(s) ** 0.7, s)
        if s > 0:
            y -= 18 * math.exp(-((x - 70) / 45) ** 2) * s
        quarter.append((round(x, 2), round(y, 2)))
    for k in range(n):
        t = math.pi * k / (n - 1) - math.pi / 2
        vamp.append((round(110 * math.cos(t), 2), round(95 + 95 * math.sin(t), 2)))
    # The straight side at x = 0, with a throat notch 60 deep between y = 55 and y = 135.
    vamp += [(0.0, 135.0), (-20.0, 128.0), (-60.0, 95.0), (-20.0, 62.0), (0.0, 55.0)]
    vamp = [(x + 60, y) for x, y in vamp]
    return {"quarter_lining": quarter, "vamp_lining": vamp}


def lining(folder):
    """The lining job (nest) and the same panels as a 0/180 strip instance; returns both paths."""
    outlines = lining_outlines()
    pattern = {
        "format": "nest-pattern/1", "model": "Lining LN-2", "units": "mm", "size_system": "US",
        "sizes": SIZES, "base_size": "8",
        "grading": {"length_percent_per_step": GRADING[0], "width_percent_per_step": GRADING[1]},
        "panels": [{
            "name": name, "material": "lining", "outline": [list(p) for p in points], "holes": [],
            "quantity": 1, "mirrored_pairs": False,
            "grain": {"direction_deg": 0, "tolerance_deg": 45, "reversible": True}, "min_grade": "D",
        } for name, points in outlines.items()],
    }
    write(os.path.join(folder, "lining.json"), pattern)
    write(os.path.join(folder, "lining-1500.json"), {
        "format": "nest-roll/1", "name": "lining-1500", "material": "lining", "units": "mm",
        "width": 1500, "max_length": 30000})
    counts = {"6": 4, "6.5": 6, "7": 10, "7.5": 12, "8": 16, "8.5": 16, "9": 14, "9.5": 10, "10": 8, "11": 4}
    job = {"format": "nest-job/1", "name": "lining-roll", "units": "mm",
           "stock": {"roll": "lining-1500.json"},
           "order": [{"pattern": "lining.json", "sizes": counts}],
           "spacing": 0.0, "margin": 0.0, "seed": 1}
    path = os.path.join(folder, "lining-roll.json")
    write(path, job)
    base = SIZES.index("8")
    items = []
    for name, points in outlines.items():
        for size, n in counts.items():
            k = SIZES.index(size) - base
            sx, sy = 1 + k * GRADING[0] / 100, 1 + k * GRADING[1] / 100
            ring = [[round(x * sx, 4), round(y * sy, 4)] for x, y in points]
            items.append({"id": len(items), "demand": n, "allowed_orientations": [0.0, 180.0],
                          "shape": {"type": "simple_polygon", "data": ring + [ring[0]]}})
    # No spacing and no margins in either, as sparrow's parts may touch each other and the
    # strip's edges: both solve the same problem but for the orientations allowed.
    instance = os.path.join(folder, "lining-strip.json")
    write(instance, {"name": "lining-roll", "strip_height": 1500.0, "items": items})
    # The same panels allowed the band's angles in 15 deg steps (and their reverses).
    steps = [a for a in (0, 15, 30, 45, 315, 330, 345)]
    stepped = copy.deepcopy(items)
    for item in stepped:
        item["allowed_orientations"] = [float(a) for a in steps] + [float((a + 180) % 360) for a in steps]
    instance15 = os.path.join(folder, "lining-strip-15.json")
    write(instance15, {"name": "lining-roll-15", "strip_height": 1500.0, "items": stepped})
    # The job at 0 deg: what the wider band must never do worse than.
    aligned = copy.deepcopy(pattern)
    for panel in aligned["panels"]:
        panel["grain"]["tolerance_deg"] = 0
    write(os.path.join(folder, "lining-0.json"), aligned)
    job0 = dict(job, name="lining-roll-0", order=[{"pattern": "lining-0.json", "sizes": counts}])
    path0 = os.path.join(folder, "lining-roll-0.json")
    write(path0, job0)
    return path, [("0/180", instance), ("0/±15/±30/±45", instance15)], path0


def mesh(folder, nest, times=1):
    """The shipped mesh job (its order `times` over) without spacing or margins (as sparrow
    nests) and its panels as a 0/180 strip instance: the outlines are read back from a quick
    nest of the job (each placed outline turned back by its rotation), one item per panel,
    size and side."""
    with open(os.path.join(ROOT, "Patterns", "mesh-roll.json")) as f:
        job = json.load(f)
    with open(os.path.join(ROOT, "Patterns", "rolls", "mesh-1400.json")) as f:
        roll = json.load(f)
    suffix = "" if times == 1 else f"-x{times}"
    job["name"] = f"mesh-roll-touching{suffix}"
    if times == 1:
        job["stock"] = {"roll": os.path.join(ROOT, "Patterns", "rolls", "mesh-1400.json")}
    else:
        write(os.path.join(folder, f"mesh-touching-roll{suffix}.json"), dict(roll, max_length=5000 * times))
        job["stock"] = {"roll": f"mesh-touching-roll{suffix}.json"}
    for line in job["order"]:
        line["pattern"] = os.path.join(ROOT, "Patterns", line["pattern"])
        line["sizes"] = {size: times * n for size, n in line["sizes"].items()}
    job["spacing"], job["margin"] = 0.0, 0.0
    for key in ("iterations", "samples"):
        job.pop(key, None)
    path = os.path.join(folder, f"mesh-touching{suffix}.json")
    write(path, job)
    out = os.path.join(folder, f"mesh-shapes{suffix}")
    r, _, _, _ = run_nest(nest, path, out, ["--iterations", "0", "--samples", "20", "--toolpath", "none",
                                           "--tickets", "none"])
    shapes = {}
    for p in r["sheets"][0]["placements"]:
        key = (p["part"], p["size"], p["side"])
        if key not in shapes:
            a = -math.radians(p["rotation_deg"])
            ring = [[round((x - p["x"]) * math.cos(a) - (y - p["y"]) * math.sin(a), 4),
                     round((x - p["x"]) * math.sin(a) + (y - p["y"]) * math.cos(a), 4)] for x, y in p["outline"]]
            shapes[key] = [ring, 0]
        shapes[key][1] += 1
    items = [{"id": k, "demand": n, "allowed_orientations": [0.0, 180.0],
              "shape": {"type": "simple_polygon", "data": ring + [ring[0]]}}
             for k, (ring, n) in enumerate(shapes.values())]
    instance = os.path.join(folder, f"mesh-strip{suffix}.json")
    write(instance, {"name": f"mesh-roll{suffix}", "strip_height": float(roll["width"]), "items": items})
    return path, [("0/180", instance)], None


def write(path, value):
    with open(path, "w") as f:
        json.dump(value, f, indent=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jobs", default="mesh16,lining",
                    help="mesh16, mesh40 (x40: 5 120 parts), mesh16t (mesh16 without spacing or margins, "
                         "with a sparrow instance), lining, mesh (the shipped mesh job)")
    ap.add_argument("--seconds", default="5,15,60")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--peer", choices=["none", "sparrow"], default="none")
    ap.add_argument("--nest", default=NEST)
    ap.add_argument("--plot", default=None,
                    help="also write density against time as SVG charts: PLOT with the job's name before .svg")
    args = ap.parse_args()
    results = {}  # job -> {series label: [(seconds, density)]}
    os.makedirs(OUT, exist_ok=True)
    jobs = {}
    for name in args.jobs.split(","):
        if name == "mesh16":
            jobs[name] = (mesh16(OUT), [], None)
        elif name == "mesh40":
            jobs[name] = (mesh16(OUT, 40), [], None)
        elif name == "mesh16t":
            jobs[name] = mesh(OUT, args.nest, 16)
        elif name == "lining":
            jobs[name] = lining(OUT)
        elif name == "mesh":
            jobs[name] = mesh(OUT, args.nest)
        else:
            raise SystemExit(f"unknown job {name}")
    print("| job | parts | threads | time limit s | placed | yield % | length mm | iterations | wall s | report checked |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, (job, instances, aligned) in jobs.items():
        for threads in [int(t) for t in args.threads.split(",")]:
            runs = [(name, job)] + ([(f"{name} at 0°", aligned)] if aligned else [])
            for label, path in runs:
                for seconds in [float(s) for s in args.seconds.split(",")]:
                    out = os.path.join(OUT, f"{os.path.basename(path)[:-5]}-t{threads}-{int(seconds)}s")
                    options = ["--time-limit", str(seconds), "--threads", str(threads), "--seed", "1",
                               "--toolpath", "none", "--tickets", "none"]
                    r, wall, ok, _ = run_nest(args.nest, path, out, options)
                    sheet = r["sheets"][0]
                    parts = r["parts_ordered"]
                    results.setdefault(name, {}).setdefault(f"nest {label[len(name):].strip() or 'as ordered'}, "
                                                            f"{threads} thread(s)", []).append((seconds, r["yield_percent"]))
                    print(f"| {label} | {parts} | {threads} | {seconds:g} | {r['parts_placed']} | {r['yield_percent']:.2f} | "
                          f"{sheet.get('length_mm', 0):.0f} | {r['statistics']['optimizer_iterations']} | "
                          f"{wall:.1f} | {'OK' if ok else 'FAIL'} |", flush=True)
            if args.peer != "sparrow":
                continue
            for orientations, instance in instances:
                for seconds in [float(s) for s in args.seconds.split(",")]:
                    s = run_sparrow(instance, seconds, threads, 1)
                    length, density = s["strip_length"], 100 * s["density"]
                    results.setdefault(name, {}).setdefault(f"sparrow {orientations}, {threads} thread(s)", []).append(
                        (seconds, density))
                    print(f"| {name} (sparrow, {orientations}) | {s['items_total']} | {threads} | {seconds:g} | "
                          f"{s['items_placed']} | {density:.2f} | {length:.0f} | | {s['seconds']:.1f} | "
                          f"{'feasible' if s['feasible'] else 'INFEASIBLE'} (largest overlap "
                          f"{s.get('worst_overlap_mm2', 0):.3g} mm², outside {s.get('worst_outside_mm2', 0):.3g} mm²) |",
                          flush=True)
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    if args.plot:
        for name, series in results.items():
            if all(len(points) > 1 for points in series.values()):
                path = args.plot[:-4] + f"-{name}.svg" if args.plot.endswith(".svg") else f"{args.plot}-{name}.svg"
                write_svg(series, path, f"{name}: density against time, seed 1")
                print(f"wrote {path}")


if __name__ == "__main__":
    main()

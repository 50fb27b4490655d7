#!/usr/bin/env python3
"""A cutting session hide after hide, measured: is the remainder left balanced?

Drives the command as a cutting room would (`nest JOB.json --remaining STATE.json`, see the
README's "cutting sessions"): the shipped open order (Patterns/hide-open-order.json, 20
pairs of the runner) is cut from the shipped hides in turn (cow-side-01, calf-01,
cow-side-01, ...), one hide per run, until the order is complete or --max-hides runs.
After each hide it prints the parts placed, the yield, and what is left: its area, and
the share of that area in grade-A parts (panels with min_grade A, which only the best
leather takes) and in large parts (the order's panels whose area is at least
--large-factor times the order's mean part area), side by side with the same shares in
the whole order. A remainder much more demanding than the order (shares well above the
order's) means the last hides are left the large, demanding parts.

Outside the tests: it uses the clock only to report run times.

    python3 Benchmarks/cutting_session.py [--nest .build/release/nest] [--iterations 500]
        [--hides cow-side-01,calf-01] [--max-hides 8] [--keep DIR]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ring_area(ring):
    """Shoelace area of a ring of [x, y] points (open or closed), absolute."""
    a = 0.0
    for i in range(len(ring)):
        x0, y0 = ring[i]
        x1, y1 = ring[(i + 1) % len(ring)]
        a += x0 * y1 - x1 * y0
    return abs(a) / 2


def part_areas(pattern):
    """Area (mm², outline less holes) and min grade of each leather panel at each size, by
    the pattern's percent-per-step grading (the shipped runner's rule)."""
    sizes, base = pattern["sizes"], pattern["base_size"]
    units = {"mm": 1, "cm": 10, "m": 1000, "in": 25.4}[pattern.get("units", "mm")]
    out = {}
    for panel in pattern["panels"]:
        if panel.get("material") != "leather":
            continue
        g = panel.get("grading") or pattern.get("grading") or {}
        lp, wp = g.get("length_percent_per_step", 0), g.get("width_percent_per_step", 0)
        base_area = ring_area(panel["outline"]) - sum(ring_area(h) for h in panel.get("holes", []))
        for size in sizes:
            k = sizes.index(size) - sizes.index(base)
            sx, sy = 1 + k * lp / 100, 1 + k * wp / 100
            out[(panel["name"], size)] = (base_area * units * units * sx * sy, panel.get("min_grade", "D"))
    return out


def composition(remaining, areas, large):
    """Total area (cm²), grade-A share and large share of a state's `remaining` entries."""
    total = a = big = 0.0
    count = 0
    for e in remaining:
        area, grade = areas[(e["panel"], e["size"])]
        total += area * e["count"]
        count += e["count"]
        if grade == "A":
            a += area * e["count"]
        if area >= large:
            big += area * e["count"]
    if total == 0:
        return count, 0.0, 0.0, 0.0
    return count, total / 100, 100 * a / total, 100 * big / total


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nest", default=os.path.join(ROOT, ".build/debug/nest"),
                    help="the command (default: the tests' build, swift build -Xswiftc -O)")
    ap.add_argument("--iterations", type=int, default=500)
    ap.add_argument("--samples", type=int, default=None)
    ap.add_argument("--hides", default="cow-side-01,calf-01")
    ap.add_argument("--max-hides", type=int, default=8)
    ap.add_argument("--large-factor", type=float, default=1.5)
    ap.add_argument("--keep", help="keep each hide's output folder and the state file here")
    args = ap.parse_args()

    job = json.load(open(os.path.join(ROOT, "Patterns/hide-open-order.json")))
    pattern = json.load(open(os.path.join(ROOT, "Patterns", job["order"][0]["pattern"])))
    areas = part_areas(pattern)
    work = args.keep or tempfile.mkdtemp(prefix="nest-session-")
    os.makedirs(work, exist_ok=True)
    state = os.path.join(work, "state.json")
    if os.path.exists(state):
        os.remove(state)

    # The whole order, as the first run opens it: every leather part of every line.
    whole = []
    for size, pairs in job["order"][0]["sizes"].items():
        for panel in pattern["panels"]:
            if panel.get("material") == "leather":
                whole.append({"panel": panel["name"], "size": size, "count": pairs * panel["quantity"]})
    mean = sum(areas[(e["panel"], e["size"])][0] * e["count"] for e in whole) / sum(e["count"] for e in whole)
    large = args.large_factor * mean
    bigs = sorted({p for (p, s), (area, _) in areas.items() if area >= large})
    n0, area0, a0, big0 = composition(whole, areas, large)
    print(f"order: {n0} parts, {area0:.0f} cm²; grade-A parts {a0:.1f} % of the area; large parts "
          f"(≥ {args.large_factor} × the mean {mean / 100:.0f} cm²: {', '.join(bigs)}) {big0:.1f} %")
    print(f"{'hide':>4} {'stock':<12} {'placed':>6} {'yield %':>7} {'left':>5} {'left cm²':>8} "
          f"{'mean cm² (order)':>16} {'A % (order)':>12} {'large % (order)':>16} {'s':>5}")

    hides = args.hides.split(",")
    for k in range(args.max_hides):
        name = hides[k % len(hides)]
        j = dict(job)
        j["stock"] = {"hides": [os.path.join(ROOT, "Patterns/hides", name + ".json")]}
        j["order"] = [dict(job["order"][0], pattern=os.path.join(ROOT, "Patterns", job["order"][0]["pattern"]))]
        j["iterations"] = args.iterations
        if args.samples:
            j["samples"] = args.samples
        path = os.path.join(work, f"hide-{k + 1}.json")
        json.dump(j, open(path, "w"))
        out = os.path.join(work, f"out-{k + 1}")
        t = time.monotonic()
        run = subprocess.run([args.nest, path, "--remaining", state, "-o", out, "--quiet", "--threads", "1",
                              "--toolpath", "none", "--tickets", "none"], capture_output=True, text=True)
        seconds = time.monotonic() - t
        if run.returncode != 0:
            print(f"hide {k + 1}: nest failed ({run.returncode}): {run.stderr.strip()}", file=sys.stderr)
            return 1
        report = json.load(open(os.path.join(out, "report.json")))
        placed = sum(len(s.get("placements", [])) for s in report["sheets"])
        left = json.load(open(state))
        n, area, a, big = composition(left["remaining"], areas, large)
        mean_left = area / n if n else 0
        print(f"{k + 1:>4} {name:<12} {placed:>6} {report['yield_percent']:>7.2f} {n:>5} {area:>8.0f} "
              f"{mean_left:>9.0f} ({area0 / n0:.0f}) {a:>5.1f} ({a0:.1f}) {big:>8.1f} ({big0:.1f}) {seconds:>5.1f}")
        if n == 0:
            break
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Leather benchmark: the Baldacci instances and the shipped open-order hide job.

For each Baldacci instance (../shared/datasets/baldacci), runs
`nest INSTANCE --time-limit S` and compares the hides used with the area lower bound
(total piece area / mean hide area, rounded up) and the target (lower bound + 1), with the
gross yield of the hides used. For Patterns/hide-open-order.json (more parts than fit on
one cow side) it reports the gross yield and its upper bound, the hide's usable area
(outline less holes, defects and margin) over its area. Every report is checked with
../shared/tools/verify_report.py, zone check included.

Usage (release build first: swift build -c release):
  python3 Benchmarks/leather.py --seconds 60
Needs: python3 -m pip install shapely
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time

from shapely.geometry import Polygon

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")


def shape_area(shape):
    if shape["type"] == "simple_polygon":
        return Polygon(shape["data"]).area
    data = shape["data"]
    return Polygon(data["outer"], data.get("inner", [])).area


def lower_bound(instance):
    with open(instance) as f:
        d = json.load(f)
    pieces = sum(shape_area(i["shape"]) * i["demand"] for i in d["items"])
    hides = [shape_area(b["shape"]) for b in d["bins"] for _ in range(b["stock"])]
    return math.ceil(pieces / (sum(hides) / len(hides)))


def run(nest, job, seconds, seed, out):
    start = time.time()
    subprocess.run([nest, job, "--time-limit", str(seconds), "--seed", str(seed), "--quiet", "--output", out],
                   check=True)
    elapsed = time.time() - start
    report = os.path.join(out, "report.json")
    check = subprocess.run([sys.executable, os.path.join(SHARED, "tools", "verify_report.py"), report],
                           capture_output=True, text=True)
    with open(report) as f:
        r = json.load(f)
    return r, elapsed, check.returncode == 0, (check.stdout + check.stderr).strip().splitlines()[-1:]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--nest", default=os.path.join(ROOT, ".build", "release", "nest"))
    ap.add_argument("--out", default=os.path.join(ROOT, "Output", "bench-leather"))
    args = ap.parse_args()

    print(f"Baldacci instances, {args.seconds:g} s each, seed {args.seed}\n")
    print("| instance | pieces | lower bound | target | hides used | met | gross yield of hides used | wall s | verified |")
    print("| --- | ---: | ---: | ---: | ---: | :---: | ---: | ---: | :---: |")
    failures = 0
    for k in (1, 2, 3):
        instance = os.path.join(SHARED, "datasets", "baldacci", f"baldacci{k}.json")
        lb = lower_bound(instance)
        r, elapsed, ok, last = run(args.nest, instance, args.seconds, args.seed, os.path.join(args.out, f"baldacci{k}"))
        used = len(r["sheets"])
        placed = r["parts_placed"]
        met = used <= lb + 1 and not r["unplaced"]
        failures += 0 if ok else 1
        print(f"| baldacci{k} | {placed}/{r['parts_ordered']} | {lb} | ≤ {lb + 1} | {used} | {'yes' if met else 'no'} "
              f"| {r['yield_percent']:.2f} % | {elapsed:.1f} | {'OK' if ok else 'FAILED: ' + ' '.join(last)} |")

    print(f"\nOpen order on one hide (Patterns/hide-open-order.json), {args.seconds:g} s\n")
    print("| job | parts placed | gross yield | upper bound (usable ÷ hide area) | yield of usable area | wall s | verified |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | :---: |")
    job = os.path.join(ROOT, "Patterns", "hide-open-order.json")
    r, elapsed, ok, last = run(args.nest, job, args.seconds, args.seed, os.path.join(args.out, "hide-open-order"))
    failures += 0 if ok else 1
    for s in r["sheets"]:
        usable = s["placed_area_mm2"] / (s["usable_yield_percent"] / 100) if s["usable_yield_percent"] > 0 else 0
        bound = 100 * usable / s["area_mm2"]
        print(f"| {s['stock']} | {len(s['placements'])}/{r['parts_ordered']} | {s['yield_percent']:.2f} % | {bound:.2f} % "
              f"| {s['usable_yield_percent']:.2f} % | {elapsed:.1f} | {'OK' if ok else 'FAILED: ' + ' '.join(last)} |")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

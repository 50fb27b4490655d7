#!/usr/bin/env python3
"""Leather benchmark: the Baldacci instances and the shipped open-order hide job.

For each Baldacci instance (Benchmarks/datasets/baldacci), runs
`nest INSTANCE --time-limit S` and compares the hides used with the area lower bound
(total piece area / mean hide area, rounded up) and the target (lower bound + 1), with the
gross yield of the hides used. For Patterns/hide-open-order.json (more parts than fit on
one cow side) it reports the gross yield and its upper bound, the hide's usable area
(outline less holes, defects and margin) over its area. Every report is checked with
Tests/ReportChecker/check_report.py, zone check included.

Then a reference for the open-order figure: how densely can the state of the art pack
those very parts with no hide at all? The parts nest placed on the hide (as placed, grown
by half the spacing) go into a plain rectangle as tall as the hide's bounding box less the
margins, and sparrow (Benchmarks/sparrow_strip.py, which installs spyrrow from PyPI when it is missing) and nest each strip-pack them for
the same time; the densities count the parts' own area (without the spacing halo) over
the rectangle used. A hide with an irregular edge, legs and quality zones cannot be filled
more densely than this rectangle by the same solver.

Usage (release build first: swift build -c release):
  python3 Benchmarks/leather.py --seconds 60
Needs: python3 -m pip install shapely
"""
import argparse
import json
import math
import os
import sys

from shapely import affinity
from shapely.geometry import Polygon

from peer_runs import DATASETS, ROOT, run_nest, run_sparrow


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
    return run_nest(nest, job, out, ["--time-limit", str(seconds), "--seed", str(seed)])


def reversible_panels(job):
    """Panel names whose grain allows the half turn, from the job's pattern files."""
    with open(job) as f:
        j = json.load(f)
    names = set()
    for line in j["order"]:
        with open(os.path.join(os.path.dirname(job), line["pattern"])) as f:
            for panel in json.load(f)["panels"]:
                if panel.get("grain", {}).get("reversible", True):
                    names.add(panel["name"])
    return names


def rectangle_instance(report, reversible, path):
    """The report's placed parts as a strip-packing instance (jagua-rs JSON): each part as
    placed, grown by half the spacing, at 0° or also 180° where its panel allows the half
    turn; the strip as tall as the sheet's bounding box less both margins. Returns the
    parts' own area."""
    sheet = report["sheets"][0]
    half = report["spacing_mm"] / 2
    ys = [y for _, y in sheet["outline"]]
    height = max(ys) - min(ys) - 2 * report["margin_mm"]
    items, area = [], 0.0
    for k, p in enumerate(sheet["placements"]):
        own = Polygon(p["outline"], p.get("holes") or [])
        area += own.area
        grown = Polygon(own.exterior).buffer(half, join_style=2).simplify(0.05 * half)
        grown = affinity.translate(grown, -grown.bounds[0], -grown.bounds[1])
        ring = list(grown.exterior.coords)
        if not grown.exterior.is_ccw:
            ring.reverse()
        items.append({"id": k, "demand": 1,
                      "allowed_orientations": [0.0, 180.0] if p["part"] in reversible else [0.0],
                      "shape": {"type": "simple_polygon", "data": [list(v) for v in ring]}})
    with open(path, "w") as f:
        json.dump({"name": "hide-open-order-parts", "strip_height": height, "items": items}, f)
    return area, height


def sparrow_length(instance, seconds, seed):
    r = run_sparrow(instance, seconds, 1, seed)
    return r["strip_length"], r.get("feasible", False)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--nest", default=os.path.join(ROOT, ".build", "release", "nest"))
    ap.add_argument("--out", default=os.path.join(ROOT, "Output", "bench-leather"))
    ap.add_argument("--open-order-only", action="store_true", help="skip the Baldacci instances")
    args = ap.parse_args()
    failures = 0
    if not args.open_order_only:
        failures += baldacci(args)
    failures += open_order(args)
    sys.exit(1 if failures else 0)


def baldacci(args):
    """The Baldacci instances against their area bound; the number of failed runs."""
    print(f"Baldacci instances, {args.seconds:g} s each, seed {args.seed}\n")
    print("| instance | pieces | lower bound | target | hides used | met | hide area used (10⁶ units²) | gross yield of hides used | wall s | verified |")
    print("| --- | ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: | :---: |")
    failures = 0
    for k in (1, 2, 3):
        instance = os.path.join(DATASETS, "baldacci", f"baldacci{k}.json")
        lb = lower_bound(instance)
        r, elapsed, ok, last = run(args.nest, instance, args.seconds, args.seed, os.path.join(args.out, f"baldacci{k}"))
        used = len(r["sheets"])
        placed = r["parts_placed"]
        met = used <= lb + 1 and not r["unplaced"]
        failures += 0 if ok else 1
        print(f"| baldacci{k} | {placed}/{r['parts_ordered']} | {lb} | ≤ {lb + 1} | {used} | {'yes' if met else 'no'} "
              f"| {r['stock_area_mm2'] / 1e6:.2f} | {r['yield_percent']:.2f} % | {elapsed:.1f} | {'OK' if ok else 'FAILED: ' + ' '.join(last)} |")
    return failures


def open_order(args):
    """The shipped open order, and its parts in a rectangle by sparrow and nest; the number of failed runs."""
    failures = 0
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

    print(f"\nReference: the same {len(r['sheets'][0]['placements'])} parts strip-packed in a plain rectangle as tall as "
          f"the hide, {args.seconds:g} s each\n")
    print("| solver | rectangle height mm | length used mm | density of the parts' own area | verified |")
    print("| --- | ---: | ---: | ---: | :---: |")
    instance = os.path.join(args.out, "hide-open-order-parts.json")
    area, height = rectangle_instance(r, reversible_panels(job), instance)
    sparrow_len, feasible = sparrow_length(instance, args.seconds, args.seed)
    print(f"| sparrow | {height:.1f} | {sparrow_len:.1f} | {100 * area / (height * sparrow_len):.2f} % | "
          f"{'OK' if feasible else 'FAILED'} |", flush=True)
    rn, _, ok, last = run(args.nest, instance, args.seconds, args.seed, os.path.join(args.out, "hide-open-order-parts"))
    failures += 0 if ok else 1
    length = rn["sheets"][0]["length_mm"]
    print(f"| nest | {height:.1f} | {length:.1f} | {100 * area / (height * length):.2f} % | "
          f"{'OK' if ok else 'FAILED: ' + ' '.join(last)} |")
    sparrow_density = 100 * area / (height * sparrow_len)
    print(f"\nopen order on the hide / sparrow's rectangle: {r['yield_percent']:.2f} / {sparrow_density:.2f} = "
          f"{r['yield_percent'] / sparrow_density:.4f}")
    return failures


if __name__ == "__main__":
    main()

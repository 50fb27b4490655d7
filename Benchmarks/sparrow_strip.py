#!/usr/bin/env python3
"""sparrow, the peer `nest` is measured against, on one strip-packing instance.

Usage: python3 Benchmarks/sparrow_strip.py INSTANCE.json --seconds S [--workers W] [--seed N]

sparrow (Gardeyn & Vanden Berghe 2025) is run through its PyPI wrapper `spyrrow`, which this
script installs itself (`python3 -m pip install spyrrow==0.9.0`) when it is missing; shapely is
needed too (`python3 -m pip install shapely`). The instance is in the jagua-rs / sparrow JSON
(`Benchmarks/datasets/esicup/README.md`). spyrrow takes whole seconds; early termination is
off, so the whole time is used.

Prints one JSON line: instance, strip_length, density (placed item area over strip height x
length, computed here from the input polygons, not taken from the solver), items placed and
ordered, seconds, workers, seed, and whether shapely finds the solution feasible (inside the
strip, no two items overlapping by more than 1e-6 of the strip height squared).
"""
import argparse
import importlib
import json
import math
import subprocess
import sys
import time

SPYRROW = "spyrrow==0.9.0"


def import_spyrrow():
    """spyrrow, installed from PyPI first if this Python does not have it."""
    try:
        return importlib.import_module("spyrrow")
    except ImportError:
        print(f"sparrow_strip.py: installing {SPYRROW} from PyPI", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", SPYRROW], check=True)
        importlib.invalidate_caches()
        return importlib.import_module("spyrrow")


def read_instance(path):
    """(name, strip height, {item id: (points without the closing repeat, demand, angles or None)})."""
    with open(path) as f:
        data = json.load(f)
    items = {}
    for item in data["items"]:
        if item["shape"]["type"] != "simple_polygon":
            raise SystemExit(f"{path}: item {item['id']}: only simple_polygon shapes are supported")
        points = [(float(x), float(y)) for x, y in item["shape"]["data"]]
        if points[0] == points[-1]:
            points.pop()
        angles = item.get("allowed_orientations")
        items[str(item["id"])] = (points, int(item["demand"]), None if angles is None else [float(a) for a in angles])
    return data.get("name", path), float(data["strip_height"]), items


def placed(points, degrees, dx, dy):
    """The points rotated about the origin, then moved (spyrrow's placement convention)."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return [(c * x - s * y + dx, s * x + c * y + dy) for x, y in points]


def overlaps(polygons, height, length):
    """Whether shapely finds the solution feasible (inside the strip and no two polygons
    overlapping by more than (1e-6 height)^2), and the largest overlap of two polygons and
    the farthest a polygon sticks out of the strip (area, mm^2), to tell rounding from a
    real overlap."""
    from shapely import STRtree
    from shapely.geometry import Polygon, box
    shapes = [Polygon(p) for p in polygons]
    slack = 1e-6 * height
    strip = box(-slack, -slack, length + slack, height + slack)
    outside = max([s.difference(strip).area for s in shapes if not strip.contains(s)], default=0.0)
    tree = STRtree(shapes)
    worst = 0.0
    for i, s in enumerate(shapes):
        for j in tree.query(s, predicate="intersects"):
            if j > i:
                worst = max(worst, s.intersection(shapes[j]).area)
    return outside == 0 and worst <= slack * slack, worst, outside


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("instance")
    ap.add_argument("--seconds", type=float, required=True)
    ap.add_argument("--workers", type=int, default=1, help="sparrow's worker threads (default 1)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    spyrrow = import_spyrrow()
    name, height, items = read_instance(args.instance)
    instance = spyrrow.StripPackingInstance(name, height, [
        spyrrow.Item(key, points, demand=demand, allowed_orientations=angles)
        for key, (points, demand, angles) in items.items()])
    seconds = max(1, int(round(args.seconds)))
    config = spyrrow.StripPackingConfig(early_termination=False, total_computation_time=seconds,
                                        num_workers=args.workers, seed=args.seed)
    start = time.perf_counter()
    solution = instance.solve(config)
    elapsed = time.perf_counter() - start
    length = float(solution.width)
    polygons, area = [], 0.0
    for item in solution.placed_items:
        points = items[str(item.id)][0]
        polygons.append(placed(points, item.rotation, item.translation[0], item.translation[1]))
        area += abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))) / 2
    print(json.dumps({
        "instance": name, "peer": "sparrow", "spyrrow": SPYRROW.split("==")[1],
        "strip_length": length, "density": area / (height * length) if length > 0 else 0.0,
        "items_placed": len(solution.placed_items), "items_total": sum(d for _, d, _ in items.values()),
        "seconds": round(elapsed, 3), "time_limit": seconds, "threads": args.workers, "seed": args.seed,
        **dict(zip(("feasible", "worst_overlap_mm2", "worst_outside_mm2"), overlaps(polygons, height, length))),
    }))


if __name__ == "__main__":
    main()

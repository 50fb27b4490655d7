#!/usr/bin/env python3
"""Rectangles that tile their stock exactly, with no spacing: does every part go in?

A soft-goods cutting room's first try is often a set of rectangles cut guillotine-fashion
from a sheet: they fill it with nothing left over, each touching its neighbours. Each case
(seeded: case N is the same on every run) cuts a W x H rectangle (200-1 500 mm a side, to
0.1 mm) into 2-9 rectangles by random guillotine cuts, and nests them with spacing and
margin 0, along the grain (0 or 180 degrees) or turning freely, on a hide whose outline is that W x H
rectangle (all must be placed) and on an open roll H wide (the marker's length is compared
with W). Every run must exit 0 and write a report `check_report.py` accepts; a run that
leaves a part out, or (on the roll) needs more than 1.001 x W, is counted and printed.

With --spacing S and --margin M the pieces tile the sheet inside its margins with S between
them (cut from the room inside the margins grown by S, each piece S smaller), on a hide of
the whole sheet and on a roll as wide as it, with that spacing and margin; --most N cuts a
sheet into up to N pieces.

Usage (release build first):
  python3 Benchmarks/exact_tiling.py [--cases 20] [--seed 5] [--iterations 100] [--spacing 0] [--margin 0]
      [--most 9] [--nest .build/release/nest]
"""
import argparse
import json
import os
import random
import sys

from peer_runs import NEST, ROOT, nest_checked

OUT = os.path.join(ROOT, "Output", "bench", "exact-tiling")


def guillotine(rng, w, h, pieces):
    """Cuts the w x h rectangle into `pieces` rectangles (sizes to 0.1 mm) by guillotine cuts."""
    rects = [(w, h)]
    while len(rects) < pieces:
        rects.sort(key=lambda r: -r[0] * r[1])
        big = rects.pop(0)
        (a, b) = big
        if a >= b:
            cut = round(a * rng.uniform(0.3, 0.7), 1)
            rects += [(cut, b), (round(a - cut, 1), b)]
        else:
            cut = round(b * rng.uniform(0.3, 0.7), 1)
            rects += [(a, cut), (a, round(b - cut, 1))]
    return rects


def case_files(rng, folder, spacing=0.0, margin=0.0, most=9):
    w, h = round(rng.uniform(200, 1500), 1), round(rng.uniform(200, 1500), 1)
    pieces = rng.randint(2, most)
    # Cut the room inside the margins, a spacing larger each way, then take the spacing off
    # each piece: the pieces tile that room with the spacing between them.
    rects = [(round(a - spacing, 4), round(b - spacing, 4))
             for a, b in guillotine(rng, round(w - 2 * margin + spacing, 4), round(h - 2 * margin + spacing, 4), pieces)]
    turns = rng.choice([True, False])
    panels = []
    for k, (a, b) in enumerate(rects):
        ox, oy = round(rng.uniform(-300, 300), 1), round(rng.uniform(-300, 300), 1)
        grain = {"direction_deg": 0, "tolerance_deg": 0, "reversible": True}
        panel = {"name": f"p{k}", "material": "textile", "quantity": 1,
                 "outline": [[ox, oy], [ox + a, oy], [ox + a, oy + b], [ox, oy + b]], "grain": grain}
        if turns:
            grain["tolerance_deg"] = 180
        panels.append(panel)
    pattern = {"format": "nest-pattern/1", "model": "tiles", "units": "mm", "sizes": ["1"], "base_size": "1", "panels": panels}
    hide = {"format": "nest-hide/1", "name": "sheet", "material": "textile", "units": "mm", "grain_deg": 0,
            "outline": [[0, 0], [w, 0], [w, h], [0, h]]}
    os.makedirs(folder, exist_ok=True)
    for name, doc in (("pattern.json", pattern), ("sheet.json", hide)):
        with open(os.path.join(folder, name), "w") as f:
            json.dump(doc, f)
    jobs = {}
    common = {"format": "nest-job/1", "units": "mm", "order": [{"pattern": "pattern.json", "sizes": {"1": 1}}],
              "spacing": spacing, "margin": margin, "seed": 1}
    jobs["hide"] = dict(common, stock={"hides": ["sheet.json"]})
    jobs["roll"] = dict(common, stock={"roll": {"name": "r", "material": "textile", "width": h}})
    paths = {}
    for kind, job in jobs.items():
        paths[kind] = os.path.join(folder, f"{kind}-job.json")
        with open(paths[kind], "w") as f:
            json.dump(job, f)
    return paths, w, f"{len(rects)} pieces of a {w:g} x {h:g} sheet{' turning freely' if turns else ''}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=20)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--iterations", type=int, default=100)
    ap.add_argument("--nest", default=NEST)
    ap.add_argument("--spacing", type=float, default=0.0, help="spacing between the pieces (mm)")
    ap.add_argument("--margin", type=float, default=0.0, help="margin of the sheet and the roll (mm)")
    ap.add_argument("--most", type=int, default=9, help="most pieces a sheet is cut into (at least 2)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    runs, failures = 0, 0
    for case in range(1, args.cases + 1):
        folder = os.path.join(OUT, f"{args.seed}-{case}")
        paths, w, label = case_files(rng, folder, args.spacing, args.margin, max(2, args.most))
        for kind in ("hide", "roll"):
            runs += 1
            out = os.path.join(folder, f"out-{kind}")
            report, problem = nest_checked(args.nest, paths[kind], out, ["--iterations", str(args.iterations)])
            if problem is None:
                length = max((s.get("length_mm", 0) for s in report["sheets"]), default=0)
                if report["unplaced"]:
                    problem = f"{len(report['unplaced'])} unplaced: {report['unplaced'][0]['reason']}"
                elif kind == "roll" and length > 1.001 * w:
                    problem = f"marker {length:.1f} mm long, the pieces tile {w:g} mm"
            if problem:
                failures += 1
                print(f"case {case} {kind} ({label}): {problem}")
    print(f"{runs - failures} of {runs} runs tiled their stock, checked")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Bands exactly as wide as the roll inside its margins, at random offsets and units: placed?

A cutting room's full-width band touches both margins; the sums that place it (its outline
converted to millimetres, turned, moved) land on the margins only up to rounding. Each case
(seeded: case N is the same on every run) is one band 40-300 mm long drawn at a random
offset from the origin in mm, cm or inches, as tall as a roll 300-2 200 mm wide less its
margins (0-10 mm), reversible or not, three of it on an open roll (spacing 0 or 2), nested at
`--iterations` with 40 and with 400 first-nest samples. Every run must exit 0, place every
band and write a report `check_report.py` accepts. One line per failing run, a count at the
end; exit 1 on any failure.

With `--across K` (2 or more), each case is 2K bands, each as wide as the roll inside its
margins less the K - 1 spacings (0.5-3 mm) between them, over K: K bands fill the width with
the spacing between them exactly, and the run must lay them in two columns (a marker no
longer than two bands, a spacing and the margins at its ends, to 10^-3 mm).

Usage (release build first):
  python3 Benchmarks/exact_width.py [--cases 24] [--seed 3] [--iterations 100] [--across 1]
                                    [--nest .build/release/nest]
"""
import argparse
import json
import os
import random
import sys

from peer_runs import NEST, ROOT, nest_checked

OUT = os.path.join(ROOT, "Output", "bench", "exact-width")


def band_job(rng, folder, across=1):
    """Writes one case's pattern and job into `folder`; returns the job's path, a label and
    the marker's length when the bands lie `across` to a column (None for one across)."""
    width = round(rng.uniform(300, 2200), 1)
    margin = rng.choice([0, 2.5, 5, 7.25, 10])
    spacing = None if across == 1 else rng.choice([0.5, 1, 2, 3])
    height = (width - 2 * margin - (across - 1) * (spacing or 0)) / across
    ox, oy = round(rng.uniform(-500, 500), 3), round(rng.uniform(-500, 500), 3)
    length = round(rng.uniform(40, 300), 2)
    units = rng.choice(["mm", "cm", "in"])
    per_unit = {"mm": 1, "cm": 10, "in": 25.4}[units]
    corners = [[ox, oy], [ox + length, oy], [ox + length, oy + height], [ox, oy + height]]
    outline = [[x / per_unit, y / per_unit] for x, y in corners]
    # Rounded to 6 decimals, K bands and their spacings could sum to a micrometre past the
    # width; with several across, the outline keeps every digit of its conversion.
    if units != "in" and across == 1:
        outline = [[round(x, 6), round(y, 6)] for x, y in outline]
    pattern = {"format": "nest-pattern/1", "model": "band", "units": units, "sizes": ["1"], "base_size": "1",
               "panels": [{"name": "band", "material": "textile", "quantity": 3 if across == 1 else 2 * across, "outline": outline,
                           "grain": {"direction_deg": 0, "tolerance_deg": 0, "reversible": rng.choice([True, False])}}]}
    if spacing is None:
        spacing = rng.choice([0, 2])  # drawn here, so that the one-across cases stay as they were
    job = {"format": "nest-job/1", "units": "mm", "stock": {"roll": {"name": "r", "material": "textile", "width": width}},
           "order": [{"pattern": "pattern.json", "sizes": {"1": 1}}], "spacing": spacing, "margin": margin, "seed": 1}
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "pattern.json"), "w") as f:
        json.dump(pattern, f)
    path = os.path.join(folder, "job.json")
    with open(path, "w") as f:
        json.dump(job, f)
    label = f"{height:g} mm band in {units} at ({ox}, {oy}) on a {width:g} mm roll, margin {margin:g}, spacing {spacing:g}"
    return path, label, (None if across == 1 else 2 * length + spacing + 2 * margin)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=24)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--iterations", type=int, default=100)
    ap.add_argument("--nest", default=NEST)
    ap.add_argument("--across", type=int, default=1,
                    help="bands to a column: 2 or more lays twice that many bands, each as wide as the roll "
                         "inside its margins less the spacings between them over that number, and asks for "
                         "two columns (the marker two bands long plus the spacing and the margins at its ends)")
    args = ap.parse_args()
    if args.across < 1:
        ap.error("--across takes 1 or more bands to a column")
    rng = random.Random(args.seed)
    runs, failures = 0, 0
    for case in range(1, args.cases + 1):
        folder = os.path.join(OUT, f"{args.seed}-{case}" + (f"-x{args.across}" if args.across > 1 else ""))
        job, label, length = band_job(rng, folder, args.across)
        for samples in (40, 400):
            runs += 1
            out = os.path.join(folder, f"out-{samples}")
            report, problem = nest_checked(args.nest, job, out, ["--iterations", str(args.iterations), "--samples", str(samples)])
            if problem is None and report["unplaced"]:
                problem = f"{len(report['unplaced'])} unplaced: {report['unplaced'][0]['reason']}"
            if problem is None and length is not None and report["sheets"][0]["length_mm"] > length + 1e-3:
                problem = f"marker {report['sheets'][0]['length_mm']:g} mm, two columns take {length:g} mm"
            if problem:
                failures += 1
                print(f"case {case}, {samples} samples ({label}): {problem}")
    print(f"{runs - failures} of {runs} runs placed every band" + (" in two columns" if args.across > 1 else "") + ", checked")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

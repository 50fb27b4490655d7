#!/usr/bin/env python3
"""A tighter upper bound on the yield of one hide: the share of it that any panel can reach.

The usable area (outline less holes, defects and the margin) overstates what can be cut:
a leg lobe narrower than every panel is long at its grain takes nothing. This script
rasterises the hide (cell --cell mm) and, for each leather panel of a pattern at its
smallest size, in its allowed rotations (both ends of the grain band and its centre, the
180° turn where allowed, the mirror image for left/right pairs), computes the morphological
opening of the hide's region for the panel's grade by the panel: the union of every
position where the panel fits. The union over all panels is the area a nest could ever
cover; its share of the hide is an upper bound on the gross yield (parts never overlap, and
spacing is ignored, so the true bound is lower still). Openings are computed with FFT
correlations.

Usage: python3 Benchmarks/hide_bound.py Patterns/hides/cow-side-01.json Patterns/runner.json --margin 3
Needs: python3 -m pip install numpy scipy shapely
"""
import argparse
import json
import math

import numpy as np
from scipy.signal import fftconvolve
from shapely import affinity
from shapely.geometry import Polygon
from shapely.ops import unary_union
from shapely.prepared import prep

GRADES = "ABCD"


def rasterize(geom, origin, cell, shape):
    """Cells whose centres lie inside `geom`."""
    rows, cols = shape
    xs = origin[0] + (np.arange(cols) + 0.5) * cell
    ys = origin[1] + (np.arange(rows) + 0.5) * cell
    from shapely import contains_xy
    gx, gy = np.meshgrid(xs, ys)
    return contains_xy(geom, gx, gy)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("hide")
    ap.add_argument("pattern")
    ap.add_argument("--margin", type=float, default=3.0)
    ap.add_argument("--cell", type=float, default=2.0)
    args = ap.parse_args()

    with open(args.hide) as f:
        hide = json.load(f)
    with open(args.pattern) as f:
        pattern = json.load(f)
    outline = Polygon(hide["outline"], hide.get("holes", []))
    defects = [Polygon(d["outline"]) for d in hide.get("defects", [])]
    usable = outline.difference(unary_union(defects)) if defects else outline
    usable = usable.buffer(-args.margin)
    zones = [(z["grade"], Polygon(z["outline"])) for z in hide.get("zones", [])]

    def region(grade):
        worse = [p for g, p in zones if GRADES.index(g) > GRADES.index(grade)]
        return usable.difference(unary_union(worse)) if worse else usable

    minx, miny, maxx, maxy = outline.bounds
    pad = 2 * args.cell
    origin = (minx - pad, miny - pad)
    shape = (int(math.ceil((maxy - miny + 2 * pad) / args.cell)), int(math.ceil((maxx - minx + 2 * pad) / args.cell)))
    regions = {g: rasterize(region(g), origin, args.cell, shape) for g in GRADES}

    sizes = pattern["sizes"]
    steps = sizes.index(sizes[0]) - sizes.index(pattern["base_size"])
    grading = pattern.get("grading", {})
    sx = 1 + grading.get("length_percent_per_step", 0) / 100 * steps
    sy = 1 + grading.get("width_percent_per_step", 0) / 100 * steps
    covered = np.zeros(shape, dtype=bool)
    for panel in pattern["panels"]:
        if panel.get("material") != hide.get("material"):
            continue
        base = affinity.scale(Polygon(panel["outline"]), sx, sy, origin=(0, 0))
        grain = panel.get("grain", {"direction_deg": 0, "tolerance_deg": 180, "reversible": True})
        tol = grain.get("tolerance_deg", 0)
        angles = sorted({-tol, 0.0, tol})
        if grain.get("reversible"):
            angles += [a + 180 for a in angles]
        variants = [base] + ([affinity.scale(base, -1, 1, origin=(0, 0))] if panel.get("mirrored_pairs") else [])
        grade = panel.get("min_grade", "A")
        free = regions[grade]
        outside = (~free).astype(np.float32)
        reach = np.zeros(shape, dtype=bool)
        for v in variants:
            for a in angles:
                p = affinity.rotate(v, a + grain.get("direction_deg", 0), origin=(0, 0))
                b = p.bounds
                k = (int(math.ceil((b[3] - b[1]) / args.cell)) + 1, int(math.ceil((b[2] - b[0]) / args.cell)) + 1)
                kernel = rasterize(p, (b[0] - 0.5 * args.cell, b[1] - 0.5 * args.cell), args.cell, k).astype(np.float32)
                # Erosion: offsets where the panel covers no cell outside the region.
                hits = fftconvolve(outside, kernel[::-1, ::-1], mode="same")
                fits = hits < 0.5
                # Dilation back: every cell some fitting panel covers.
                cover = fftconvolve(fits.astype(np.float32), kernel, mode="same") > 0.5
                reach |= cover & free
        share = 100 * reach.sum() * args.cell ** 2 / outline.area
        print(f"{panel['name']:>16} (grade {grade}): reaches {share:6.2f} % of the hide")
        covered |= reach
    total = 100 * covered.sum() * args.cell ** 2 / outline.area
    usable_share = 100 * usable.area / outline.area
    print(f"usable (outline less holes, defects, margin): {usable_share:.2f} % of the hide")
    print(f"reachable by some panel at its grain:         {total:.2f} % of the hide (upper bound on the gross yield)")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Grade-economy benchmark: does each part get the leather it needs, on hides whose best
leather lies where the first nest's score does not expect it?

Writes hides whose grade A leather lies in different places (along the bottom edge, along
the top edge, at the left end, in a central island), a pattern whose panels need A, B or C
leather (the shipped runner's leather panels with demanding grades), and jobs of a few
pairs each (about half the usable leather); then runs `nest` on every job and reports the
parts placed, per grade, and how much A leather went to parts that could have used worse.

Usage (release build first: swift build -c release):
  python3 Benchmarks/grade_economy.py [--out Output/grade-economy] [--run] [--iterations N]
Needs: python3 -m pip install shapely

The same generator wrote the test fixtures in Tests/NestEngineTests/Fixtures/grades/
(`--fixtures`): one hide per layout, as the tests read them.
"""
import argparse
import json
import math
import os
import subprocess
import sys

from shapely.geometry import Polygon, box
from shapely.geometry.polygon import orient

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Panel grades of the demanding pattern: the visible outer panels need A leather.
GRADES = {"vamp": "A", "toe_cap": "A", "eyestay": "A",
          "quarter_lateral": "B", "quarter_medial": "B", "heel_counter": "B", "collar": "C", "tongue": "C"}


def ring(poly):
    return [[round(x, 1), round(y, 1)] for x, y in list(orient(poly, 1.0).exterior.coords)[:-1]]


def zones_for(layout, outline):
    """Zones (grade, polygon) for a layout; outside every zone the hide is grade A."""
    x0, y0, x1, y1 = outline.bounds
    w, h = x1 - x0, y1 - y0
    pad = 5
    out = []

    def add(grade, shape):
        part = shape.intersection(outline.buffer(pad))
        parts = [part] if part.geom_type == "Polygon" else list(getattr(part, "geoms", []))
        for p in parts:
            if p.geom_type == "Polygon" and p.area > 1000:
                out.append((grade, p.simplify(0.5)))

    if layout == "a-bottom":  # backbone along the bottom edge
        add("B", box(x0 - pad, y0 + 0.40 * h, x1 + pad, y0 + 0.72 * h))
        add("C", box(x0 - pad, y0 + 0.72 * h, x1 + pad, y1 + pad))
    elif layout == "a-top":  # backbone along the top edge
        add("C", box(x0 - pad, y0 - pad, x1 + pad, y0 + 0.28 * h))
        add("B", box(x0 - pad, y0 + 0.28 * h, x1 + pad, y0 + 0.60 * h))
    elif layout == "a-left":  # butt at the left end
        add("B", box(x0 + 0.40 * w, y0 - pad, x0 + 0.72 * w, y1 + pad))
        add("C", box(x0 + 0.72 * w, y0 - pad, x1 + pad, y1 + pad))
    elif layout == "a-centre":  # best leather in the middle, worse towards every edge
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2

        def frame(inner, outer):
            # A frame as four rectangles: zones are written without holes.
            (a0, b0, a1, b1), (c0, d0, c1, d1) = inner, outer
            return [box(c0, d0, a0, d1), box(a1, d0, c1, d1), box(a0, d0, a1, b0), box(a0, b1, a1, d1)]

        inner = (cx - 0.28 * w, cy - 0.26 * h, cx + 0.28 * w, cy + 0.26 * h)
        middle = (cx - 0.42 * w, cy - 0.40 * h, cx + 0.42 * w, cy + 0.40 * h)
        for piece in frame(inner, middle):
            add("B", piece)
        for piece in frame(middle, (x0 - pad, y0 - pad, x1 + pad, y1 + pad)):
            add("C", piece)
    else:
        raise SystemExit(f"unknown layout {layout}")
    return out


def write_hide(path, name, outline_pts, layout):
    outline = Polygon(outline_pts)
    hide = {"format": "nest-hide/1", "name": name, "material": "leather", "units": "mm", "grain_deg": 0,
            "outline": ring(outline),
            "zones": [{"grade": g, "outline": ring(p)} for g, p in zones_for(layout, outline)]}
    with open(path, "w") as f:
        json.dump(hide, f, indent=1)
        f.write("\n")
    return outline


def write_pattern(path):
    with open(os.path.join(ROOT, "Patterns", "runner.json")) as f:
        pattern = json.load(f)
    pattern["model"] = pattern.get("model", "runner") + " (demanding grades)"
    pattern["panels"] = [dict(p, min_grade=GRADES[p["name"]]) for p in pattern["panels"] if p["name"] in GRADES]
    with open(path, "w") as f:
        json.dump(pattern, f, indent=1)
        f.write("\n")


def write_job(path, name, hide, pattern, sizes, iterations):
    job = {"format": "nest-job/1", "name": name, "units": "mm", "stock": {"hides": [hide]},
           "order": [{"pattern": pattern, "sizes": sizes}], "spacing": 2.0, "margin": 3.0, "seed": 1,
           "samples": 200, "iterations": iterations}
    with open(path, "w") as f:
        json.dump(job, f, indent=1)
        f.write("\n")


def outlines():
    """Hide outlines: the shipped cow side and calf, and the cow side mirrored top to bottom."""
    out = {}
    for name in ("cow-side-01", "calf-01"):
        with open(os.path.join(ROOT, "Patterns", "hides", f"{name}.json")) as f:
            out[name] = json.load(f)["outline"]
    top = max(y for _, y in out["cow-side-01"])
    out["cow-side-01-flipped"] = [[x, round(top - y, 1)] for x, y in out["cow-side-01"]][::-1]
    return out


SIZES = {"cow": {"8": 1, "8.5": 1, "9": 1, "10": 1},
         "calf": {"8": 1, "9": 1, "10": 1}}  # about 52 % and 62 % of the hides


def generate(out, iterations):
    os.makedirs(out, exist_ok=True)
    write_pattern(os.path.join(out, "runner-demanding.json"))
    shapes = outlines()
    jobs = []
    for outline_name in ("cow-side-01", "cow-side-01-flipped", "calf-01"):
        for layout in ("a-bottom", "a-top", "a-left", "a-centre"):
            name = f"{outline_name}-{layout}"
            write_hide(os.path.join(out, f"{name}.json"), name, shapes[outline_name], layout)
            sizes = SIZES["calf" if outline_name.startswith("calf") else "cow"]
            job = os.path.join(out, f"job-{name}.json")
            write_job(job, f"grades-{name}", f"{name}.json", "runner-demanding.json", sizes, iterations)
            jobs.append(job)
    return jobs


def run(nest, job, out, extra):
    report_dir = os.path.join(out, os.path.basename(job)[:-5])
    cmd = [nest, job, "--output", report_dir, "--toolpath", "none", "--tickets", "none", "-q"] + extra
    proc = subprocess.run(cmd, capture_output=True, text=True)
    path = os.path.join(report_dir, "report.json")
    if not os.path.exists(path):
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr}")
    with open(path) as f:
        return json.load(f)


FIXTURES = os.path.join(ROOT, "Tests", "NestEngineTests", "Fixtures", "grades")


def write_fixtures():
    """The test fixtures: the two layouts where the best leather lies along the bottom edge
    (where the first nest starts) and in the middle, with small budgets, and the calf with
    its best leather in the middle."""
    os.makedirs(FIXTURES, exist_ok=True)
    write_pattern(os.path.join(FIXTURES, "runner-demanding.json"))
    shapes = outlines()
    # The calf with A in the middle at the benchmark's samples and 3 000 iterations: there a
    # collar pair once waited beside free leather that held it (`FinalFillTests`).
    for outline_name, layout, samples, iterations in (("cow-side-01-flipped", "a-bottom", 50, 200),
                                                       ("cow-side-01", "a-centre", 50, 200),
                                                       ("calf-01", "a-centre", 200, 3000)):
        name = f"{outline_name}-{layout}"
        write_hide(os.path.join(FIXTURES, f"{name}.json"), name, shapes[outline_name], layout)
        sizes = SIZES["calf" if outline_name.startswith("calf") else "cow"]
        job = {"format": "nest-job/1", "name": f"grades-{name}", "units": "mm", "stock": {"hides": [f"{name}.json"]},
               "order": [{"pattern": "runner-demanding.json", "sizes": sizes}], "spacing": 2.0, "margin": 3.0,
               "seed": 1, "samples": samples, "iterations": iterations}
        with open(os.path.join(FIXTURES, f"job-{name}.json"), "w") as f:
            json.dump(job, f, indent=1)
            f.write("\n")
    print(f"wrote {FIXTURES}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fixtures", action="store_true", help="write the test fixtures and stop")
    ap.add_argument("--out", default=os.path.join(ROOT, "Output", "grade-economy"))
    ap.add_argument("--iterations", type=int, default=1000)
    ap.add_argument("--run", action="store_true")
    ap.add_argument("--nest", default=os.path.join(ROOT, ".build", "release", "nest"))
    ap.add_argument("--extra", default="", help="more arguments for nest, space separated")
    args = ap.parse_args()
    if args.fixtures:
        write_fixtures()
        return
    jobs = generate(args.out, args.iterations)
    if not args.run:
        print("\n".join(jobs))
        return
    print(f"{'job':38} {'placed':>8} {'A unpl':>6} {'B unpl':>6} {'C unpl':>6} {'yield':>7}")
    totals = [0, 0]
    for job in jobs:
        report = run(args.nest, job, args.out, args.extra.split())
        unplaced = report.get("unplaced", [])
        by_grade = {g: sum(1 for u in unplaced if u.get("min_grade") == g) for g in "ABC"}
        placed = sum(len(s["placements"]) for s in report["sheets"])
        totals[0] += placed
        totals[1] += len(unplaced)
        print(f"{os.path.basename(job)[4:-5]:38} {placed:>4}/{placed + len(unplaced):<3} {by_grade['A']:>6} "
              f"{by_grade['B']:>6} {by_grade['C']:>6} {report['yield_percent']:>6.2f}%")
    print(f"total: {totals[0]} placed, {totals[1]} unplaced")


if __name__ == "__main__":
    main()

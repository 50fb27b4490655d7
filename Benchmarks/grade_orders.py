#!/usr/bin/env python3
"""Grade orders: every part placed when the order is below 57 % of a hide's usable leather
and its A parts alone fit?

Issue 14's target, measured on many orders rather than one: for hides whose A leather lies
along the bottom edge (the backbone, where the first nest's bottom-left score pulls every
part), in bands of several widths, on three outlines (the shipped cow side, it mirrored top
to bottom, the calf), and for two ways of grading the runner's leather panels (the visible
panels A, or the issue's: toe cap, lateral quarter and eyestay A, vamp, medial quarter and
heel counter B), it draws orders of random sizes (seeded, so the set is the same on every
run) and keeps those that are *eligible*:

- the order's parts cover at most 57 % of the hide's usable leather (measured by nest: the
  parts' area over the hide's usable area as its report gives it), and
- the order's A parts alone, nested on the hide by nest with a generous budget
  (--eligibility-iterations), are all placed.

Then it nests every eligible order with the budget asked (--seconds, or the job budget) and
counts the orders with every part placed; each report is checked by check_report.py.

Usage (release build first: swift build -c release):
  python3 Benchmarks/grade_orders.py [--orders 4] [--seconds 60] [--sparrow-seconds 60] [--out Output/grade-orders]
Needs: python3 -m pip install shapely
"""
import argparse
import json
import os
import random
import subprocess
import sys

import grade_economy as ge

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECKER = os.path.join(ROOT, "Tests", "ReportChecker", "check_report.py")

SCHEMES = {
    "visible-A": ge.GRADES,
    "issue": {"toe_cap": "A", "quarter_lateral": "A", "eyestay": "A",
              "vamp": "B", "quarter_medial": "B", "heel_counter": "B", "collar": "C", "tongue": "C"},
}
SIZES = ["7", "7.5", "8", "8.5", "9", "9.5", "10", "10.5", "11", "11.5", "12"]


def bottom_layout(band):
    """A along the bottom edge up to `band` of the height, B for the next 0.3, C above."""
    def zones(outline):
        from shapely.geometry import box
        x0, y0, x1, y1 = outline.bounds
        h, pad = y1 - y0, 5
        out = []
        for grade, lo, hi in (("B", band, band + 0.3), ("C", band + 0.3, 1.2)):
            part = box(x0 - pad, y0 + lo * h, x1 + pad, min(y1 + pad, y0 + hi * h)).intersection(outline.buffer(pad))
            for p in ([part] if part.geom_type == "Polygon" else list(getattr(part, "geoms", []))):
                if p.geom_type == "Polygon" and p.area > 1000:
                    out.append((grade, p.simplify(0.5)))
        return out
    return zones


def layout_zones(layout, outline):
    """Zones of the fixture layouts (outside every zone the hide is grade A)."""
    from shapely.geometry import box
    x0, y0, x1, y1 = outline.bounds
    w, h, pad = x1 - x0, y1 - y0, 5
    if layout == "bottom":
        return bottom_layout(0.5)(outline)
    if layout == "bottom35":
        return bottom_layout(0.35)(outline)
    shapes = []
    if layout == "top":  # A along the top edge: C at the bottom, B between
        shapes = [("C", box(x0 - pad, y0 - pad, x1 + pad, y0 + 0.25 * h)),
                  ("B", box(x0 - pad, y0 + 0.25 * h, x1 + pad, y0 + 0.5 * h))]
    elif layout == "islands":  # two islands of A in B leather, C towards the edges
        islands = [box(x0 + 0.12 * w, y0 + 0.2 * h, x0 + 0.45 * w, y0 + 0.8 * h),
                   box(x0 + 0.55 * w, y0 + 0.2 * h, x0 + 0.88 * w, y0 + 0.8 * h)]
        core = box(x0 + 0.05 * w, y0 + 0.1 * h, x0 + 0.95 * w, y0 + 0.9 * h)
        b = core.difference(islands[0]).difference(islands[1])
        c = box(x0 - pad, y0 - pad, x1 + pad, y1 + pad).difference(core)
        # Zones are written without holes: the frames cut into bands.
        for shape, grade in ((b, "B"), (c, "C")):
            for k in range(8):
                band = box(x0 - pad, y0 - pad + k * (h + 2 * pad) / 8, x1 + pad, y0 - pad + (k + 1) * (h + 2 * pad) / 8)
                shapes.append((grade, shape.intersection(band)))
    else:
        raise SystemExit(f"unknown layout {layout}")
    out = []
    for grade, shape in shapes:
        part = shape.intersection(outline.buffer(pad))
        for p in ([part] if part.geom_type == "Polygon" else list(getattr(part, "geoms", []))):
            if p.geom_type == "Polygon" and p.area > 1000:
                out.append((grade, p.simplify(0.5)))
    return out


FIXTURES = os.path.join(ROOT, "Tests", "NestEngineTests", "Fixtures", "grades")


def write_fixtures():
    """Test fixtures: hides whose A leather lies along the bottom edge, along the top edge, in
    two islands, and along the bottom edge split by a scar, with the issue's grading."""
    from shapely.geometry import Polygon
    write_pattern(os.path.join(FIXTURES, "runner-issue.json"), "issue")
    shapes = ge.outlines()
    for outline_name, layout in (("cow-side-01", "bottom"), ("cow-side-01-flipped", "top"),
                                 ("cow-side-01-flipped", "islands"), ("cow-side-01-flipped", "split"),
                                 ("cow-side-01", "bottom35")):
        outline = Polygon(shapes[outline_name])
        name = f"{outline_name}-a-{layout}"
        zones = layout_zones("bottom" if layout == "split" else layout, outline)
        hide = {"format": "nest-hide/1", "name": name, "material": "leather", "units": "mm", "grain_deg": 0,
                "outline": ge.ring(outline), "zones": [{"grade": g, "outline": ge.ring(p)} for g, p in zones]}
        if layout == "split":  # a scar across the A band, a third along the hide
            x0, y0, x1, y1 = outline.bounds
            x = x0 + 0.36 * (x1 - x0)
            hide["defects"] = [{"kind": "scar", "outline": [[x, y0 - 10], [x + 12, y0 - 10], [x + 30, y0 + 0.55 * (y1 - y0)],
                                                            [x + 18, y0 + 0.55 * (y1 - y0)]]}]
        with open(os.path.join(FIXTURES, f"{name}.json"), "w") as f:
            json.dump(hide, f, indent=1)
            f.write("\n")
    # The one order of the benchmark (issue-cow-side-01-a35-o1) not placed whole: its A band
    # is tight for its A parts, and its A and B parts need three quarters of the A and B leather.
    job = {"format": "nest-job/1", "name": "grades-cow-side-01-a35-tight", "units": "mm",
           "stock": {"hides": ["cow-side-01-a-bottom35.json"]},
           "order": [{"pattern": "runner-issue.json", "sizes": {"7.5": 1, "8": 1, "10.5": 1, "11.5": 1}}],
           "spacing": 2.0, "margin": 3.0, "seed": 1, "samples": 200, "iterations": 1000}
    with open(os.path.join(FIXTURES, "job-cow-side-01-a35-tight.json"), "w") as f:
        json.dump(job, f, indent=1)
        f.write("\n")
    print(f"wrote {FIXTURES}")


def write_pattern(path, scheme, only=None):
    with open(os.path.join(ROOT, "Patterns", "runner.json")) as f:
        pattern = json.load(f)
    grades = SCHEMES[scheme]
    pattern["panels"] = [dict(p, min_grade=grades[p["name"]]) for p in pattern["panels"]
                         if p["name"] in grades and (only is None or grades[p["name"]] in only)]
    with open(path, "w") as f:
        json.dump(pattern, f, indent=1)


def write_hide(path, name, outline_pts, band):
    from shapely.geometry import Polygon
    outline = Polygon(outline_pts)
    hide = {"format": "nest-hide/1", "name": name, "material": "leather", "units": "mm", "grain_deg": 0,
            "outline": ge.ring(outline),
            "zones": [{"grade": g, "outline": ge.ring(p)} for g, p in bottom_layout(band)(outline)]}
    with open(path, "w") as f:
        json.dump(hide, f, indent=1)


def write_job(path, hide, pattern, sizes, extra=None):
    job = {"format": "nest-job/1", "name": os.path.basename(path)[:-5], "units": "mm", "stock": {"hides": [hide]},
           "order": [{"pattern": pattern, "sizes": sizes}], "spacing": 2.0, "margin": 3.0, "seed": 1, "samples": 200,
           "iterations": 1000}
    job.update(extra or {})
    with open(path, "w") as f:
        json.dump(job, f, indent=1)


def run(nest, job, options):
    out = job[:-5]
    cmd = [nest, job, "--output", out, "--toolpath", "none", "--tickets", "none", "-q"] + options
    proc = subprocess.run(cmd, capture_output=True, text=True)
    path = os.path.join(out, "report.json")
    if proc.returncode != 0 or not os.path.exists(path):
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr}")
    with open(path) as f:
        return json.load(f), path


def usable_area(report):
    s = report["sheets"][0]
    return s["placed_area_mm2"] / (s["usable_yield_percent"] / 100) if s["usable_yield_percent"] > 0 else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "Output", "grade-orders"))
    ap.add_argument("--nest", default=os.path.join(ROOT, ".build", "release", "nest"))
    ap.add_argument("--orders", type=int, default=4, help="orders drawn per hide and scheme")
    ap.add_argument("--seconds", type=float, default=0, help="time limit per job (0: the job budget)")
    ap.add_argument("--eligibility-iterations", type=int, default=3000)
    ap.add_argument("--extra", default="", help="more arguments for nest, space separated")
    ap.add_argument("--recheck", action="store_true", help="measure eligibility again")
    ap.add_argument("--only", default="", help="run only jobs whose name contains this")
    ap.add_argument("--fixtures", action="store_true", help="write the test fixtures and stop")
    ap.add_argument("--sparrow-seconds", type=float, default=60,
                    help="for an order left incomplete, sparrow on its A and B parts in a rectangle (0: skip)")
    args = ap.parse_args()
    if args.fixtures:
        write_fixtures()
        return
    os.makedirs(args.out, exist_ok=True)
    shapes = ge.outlines()
    rng = random.Random(14)
    options = (["--time-limit", str(args.seconds)] if args.seconds else []) + args.extra.split()
    rows = []
    cache_path = os.path.join(args.out, "eligibility.json")
    cache = {}
    if os.path.exists(cache_path):
        with open(cache_path) as f:
            cache = {k: tuple(v) for k, v in json.load(f).items()}
    with open(os.path.join(args.out, "plain.json"), "w") as f:  # room for any order, to measure its area
        json.dump({"format": "nest-hide/1", "name": "plain", "material": "leather", "units": "mm",
                   "outline": [[0, 0], [4000, 0], [4000, 4000], [0, 4000]]}, f)
    for scheme in SCHEMES:
        write_pattern(os.path.join(args.out, f"runner-{scheme}.json"), scheme)
        write_pattern(os.path.join(args.out, f"runner-{scheme}-A.json"), scheme, only="A")
        write_pattern(os.path.join(args.out, f"runner-{scheme}-AB.json"), scheme, only="AB")
        for outline_name in ("cow-side-01", "cow-side-01-flipped", "calf-01"):
            for band in (0.35, 0.5):
                hide = f"{outline_name}-a{int(band * 100)}"
                write_hide(os.path.join(args.out, hide + ".json"), hide, shapes[outline_name], band)
                pairs = (2, 3) if outline_name.startswith("calf") else (3, 4)
                for k in range(args.orders):
                    n = rng.choice(pairs)
                    sizes = {}
                    for s in rng.sample(SIZES, n) if n <= len(SIZES) else []:
                        sizes[s] = 1
                    name = f"{scheme}-{hide}-o{k}"
                    if args.only and args.only not in name:
                        continue
                    # Eligibility: the A parts alone fit, and the whole order's share of the usable
                    # leather; measured once and kept in eligibility.json, so that runs of other
                    # builds nest the same set of orders (--recheck measures it again).
                    if name in cache and not args.recheck:
                        a_fit, share = cache[name]
                    else:
                        a_job = os.path.join(args.out, f"elig-A-{name}.json")
                        write_job(a_job, hide + ".json", f"runner-{scheme}-A.json", sizes,
                                  {"iterations": args.eligibility_iterations})
                        a_report, _ = run(args.nest, a_job, [])
                        a_fit = not a_report.get("unplaced")
                        area_job = os.path.join(args.out, f"elig-area-{name}.json")
                        write_job(area_job, "plain.json", f"runner-{scheme}.json", sizes, {"iterations": 0, "samples": 20})
                        area_report, _ = run(args.nest, area_job, [])
                        usable = usable_area(a_report)
                        total = area_report["placed_area_mm2"]
                        share = total / usable if usable and not area_report.get("unplaced") else float("nan")
                        cache[name] = (a_fit, share)
                        with open(cache_path, "w") as f:
                            json.dump(cache, f, indent=1)
                    eligible = a_fit and share <= 0.57
                    row = {"name": name, "pairs": n, "share": share, "a_fit": a_fit, "eligible": eligible}
                    if eligible:
                        job = os.path.join(args.out, f"job-{name}.json")
                        write_job(job, hide + ".json", f"runner-{scheme}.json", sizes)
                        report, path = run(args.nest, job, options)
                        check = subprocess.run([sys.executable, CHECKER, path], capture_output=True, text=True)
                        unplaced = report.get("unplaced", [])
                        row.update(placed=report["parts_placed"], ordered=report["parts_ordered"],
                                   unplaced_A=sum(1 for u in unplaced if u.get("min_grade") == "A"),
                                   yield_=report["yield_percent"], verified="OK" if check.returncode == 0 else "FAIL")
                        if report["parts_placed"] < report["parts_ordered"]:
                            row.update(ab_alone(args, name, hide, sizes, options))
                    rows.append(row)
                    print(_line(row), flush=True)
    eligible = [r for r in rows if r["eligible"]]
    full = [r for r in eligible if r["placed"] == r["ordered"]]
    print(f"eligible orders: {len(eligible)} of {len(rows)}; every part placed: {len(full)} of {len(eligible)}; "
          f"parts unplaced: {sum(r['ordered'] - r['placed'] for r in eligible)} of {sum(r['ordered'] for r in eligible)}; "
          f"reports verified: {sum(1 for r in eligible if r['verified'] == 'OK')} of {len(eligible)}")
    short = [r for r in eligible if r["placed"] < r["ordered"]]
    beyond = [r for r in short if r.get("ab_sparrow", float("nan")) < r.get("ab_load", float("nan"))]
    if short and args.sparrow_seconds > 0:
        print(f"orders left incomplete whose A and B parts sparrow does not fit in a rectangle of their leather's area: "
              f"{len(beyond)} of {len(short)}")


def ab_alone(args, name, hide, sizes, options):
    """For an order left incomplete: its A and B parts alone, nested with the same options,
    and how much of the hide's A and B leather they need (their area over its area)."""
    scheme = name.split(f"-{hide}")[0]
    job = os.path.join(args.out, f"ab-{name}.json")
    write_job(job, hide + ".json", f"runner-{scheme}-AB.json", sizes)
    report, _ = run(args.nest, job, options)
    area_job = os.path.join(args.out, f"ab-area-{name}.json")
    write_job(area_job, "plain.json", f"runner-{scheme}-AB.json", sizes, {"iterations": 0, "samples": 20})
    area_report = run(args.nest, area_job, [])[0]
    parts_area = area_report["placed_area_mm2"]
    sheet = report["sheets"][0]
    leather = sum(u["area_mm2"] for u in sheet["leather_use"] if u["grade"] in ("A", "B"))
    row = {"ab_placed": report["parts_placed"], "ab_ordered": report["parts_ordered"], "ab_load": parts_area / leather}
    if args.sparrow_seconds > 0:
        row.update(ab_in_rectangle(args, name, area_report, sheet, leather))
    return row


def ab_in_rectangle(args, name, area_report, sheet, leather):
    """A reference that does not depend on nest: sparrow strip-packs the order's A and B
    parts (grown by half the spacing, turned as their grain allows, as Benchmarks/leather.py
    builds them) in a rectangle as wide as the hide and of the area of its A and B leather —
    a plainer region than the hide's band, with no grade line inside it. Returns sparrow's
    density of the parts' own area; when it is below their load on the leather, they did not
    fit that rectangle either."""
    import leather as lt
    from peer_runs import run_sparrow
    xs = [x for x, _ in sheet["outline"]]
    height = leather / (max(xs) - min(xs))
    instance = os.path.join(args.out, f"ab-rectangle-{name}.json")
    area, _ = lt.rectangle_instance(area_report, lt.reversible_panels(os.path.join(args.out, f"ab-area-{name}.json")),
                                    instance)
    with open(instance) as f:
        data = json.load(f)
    data["strip_height"] = height
    with open(instance, "w") as f:
        json.dump(data, f)
    result = run_sparrow(instance, args.sparrow_seconds, 1, 1)
    return {"ab_sparrow": area / (height * result["strip_length"]) if result.get("feasible") else float("nan")}


def _line(r):
    base = f"{r['name']:34} pairs {r['pairs']} share {r['share'] * 100:5.1f} % A alone fit {'yes' if r['a_fit'] else 'no ':3}"
    if not r["eligible"]:
        return base + "  (not eligible)"
    return base + (f"  placed {r['placed']:>3}/{r['ordered']:<3} A unplaced {r['unplaced_A']:>2} "
                   f"yield {r['yield_']:6.2f} % {r['verified']}"
                   + (f"  (its A+B parts alone: {r['ab_placed']}/{r['ab_ordered']} placed, "
                      f"{r['ab_load'] * 100:.1f} % of the A+B leather"
                      + (f"; sparrow packs them at {r['ab_sparrow'] * 100:.1f} % in a rectangle as wide as the hide"
                         if "ab_sparrow" in r else "") + ")" if "ab_placed" in r else ""))


if __name__ == "__main__":
    main()

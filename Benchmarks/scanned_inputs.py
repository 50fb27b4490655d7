#!/usr/bin/env python3
"""Inputs as scanners and digitizers write them, timed: hides of many points with many
pinholes, and patterns of thousands of points a panel.

Writes into Output/bench/scanned/ (generated, deterministic):
  - scanned-12k: a bull hide of 12 000 outline points (a wavy, slightly jagged scan), 150
    pinholes (16-point circles of 3 mm) and 5 scars spread over it, zones B, A and C
    (the C one running past the edge), grain at 10 degrees; the runner's leather panels,
    sizes 8-10, 10 pairs;
  - scanned-19k: the same with 19 000 points and 600 pinholes;
  - day-8: eight such hides of 12 000 points (scaled 0.8-1.05 and turned, grain with them),
    28 pairs of the runner;
  - dense-runner: the runner's panels with every edge cut into points about 0.1 mm apart
    plus +-0.02 mm of noise (some 3 000 points a panel, as a spline flattened finely), 6
    pairs on the shipped cow side; and plain-runner, the same job with the panels as shipped;
  - perforated: the runner with its vamp, toe cap and lateral quarter perforated (round
    holes of 2 mm, 12 points, every 6 mm at least 8 mm inside the edge: 1 004, 134 and 475
    holes), 6 pairs on the shipped cow side and calf (some 19 500 contours to cut).

Needs shapely (python3 -m pip install shapely). Runs `nest JOB` (the job's default budgets, seed 1) with each binary given, one after the
other, and prints wall time, peak memory, parts placed, yield and the size of
cut-sheets.pdf; every report is checked with Tests/ReportChecker/check_report.py.

Usage:
  python3 Benchmarks/scanned_inputs.py [--nest .build/release/nest] [--baseline-nest OLD/nest]
                                       [--jobs scanned-12k,scanned-19k,day-8,dense-runner,plain-runner,perforated]
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Output", "bench", "scanned")


def blob(cx, cy, rx, ry, n, rough, seed, jitter=0.0015):
    r = random.Random(seed)
    waves = [(r.uniform(0, 2 * math.pi), r.uniform(0, rough)) for _ in range(6)]
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        f = 1 + sum(a * math.sin((k + 2) * t + ph) for k, (ph, a) in enumerate(waves)) + r.uniform(-jitter, jitter)
        pts.append([round(cx + rx * f * math.cos(t), 2), round(cy + ry * f * math.sin(t), 2)])
    return pts


def scanned_hide(name, points, pinholes, seed=7):
    r = random.Random(seed)
    defects = []
    for i in range(pinholes):
        a, rr = r.uniform(0, 2 * math.pi), r.uniform(0, 0.8)
        defects.append({"kind": "pinhole", "outline": blob(1300 + 1250 * rr * math.cos(a), 900 + 850 * rr * math.sin(a),
                                                             3, 3, 16, 0.0, i + 10, 0.0)})
    for _ in range(5):
        x, y = r.uniform(400, 2200), r.uniform(300, 1500)
        top = [[round(x + k * 20, 2), round(y + 15 * math.sin(k / 3), 2)] for k in range(20)]
        bottom = [[round(x + k * 20, 2), round(y + 15 * math.sin(k / 3) + 6, 2)] for k in reversed(range(20))]
        defects.append({"kind": "scar", "outline": top + bottom})
    zones = [{"grade": "B", "outline": blob(1300, 900, 1000, 650, 400, 0.03, 3, 0.0)},
             {"grade": "A", "outline": blob(1500, 950, 600, 350, 300, 0.02, 4, 0.0)},
             {"grade": "C", "outline": blob(300, 300, 350, 300, 200, 0.02, 5, 0.0)}]
    return {"format": "nest-hide/1", "name": name, "material": "leather", "units": "mm", "grain_deg": 10,
            "outline": blob(1300, 900, 1250, 850, points, 0.04, 1), "defects": defects, "zones": zones}


def turned(hide, name, scale, degrees):
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))

    def tf(p):
        x, y = p[0] * scale, p[1] * scale
        return [round(x * c - y * s, 2), round(x * s + y * c, 2)]
    h = json.loads(json.dumps(hide))
    h["name"], h["grain_deg"] = name, round(hide["grain_deg"] + degrees, 1)
    h["outline"] = [tf(p) for p in h["outline"]]
    for d in h["defects"]:
        d["outline"] = [tf(p) for p in d["outline"]]
    for z in h["zones"]:
        z["outline"] = [tf(p) for p in z["outline"]]
    return h


def dense_pattern(runner):
    r = random.Random(3)
    p = json.loads(json.dumps(runner))
    for q in p["panels"]:
        pts, out = q["outline"], []
        per = max(1, 3000 // len(pts))
        for i, a in enumerate(pts):
            b = pts[(i + 1) % len(pts)]
            for k in range(per):
                t = k / per
                out.append([round(a[0] + (b[0] - a[0]) * t + r.uniform(-0.02, 0.02), 3),
                            round(a[1] + (b[1] - a[1]) * t + r.uniform(-0.02, 0.02), 3)])
        q["outline"] = out
    return p


def perforated_pattern(runner):
    from shapely.geometry import Point, Polygon
    p = json.loads(json.dumps(runner))
    for q in p["panels"]:
        if q["name"] not in ("toe_cap", "vamp", "quarter_lateral"):
            continue
        inner = Polygon(q["outline"]).buffer(-8)
        minx, miny, maxx, maxy = inner.bounds
        holes, y = [], miny
        while y < maxy:
            x = minx
            while x < maxx:
                if inner.contains(Point(x, y).buffer(1.2)):
                    holes.append([[round(x + math.cos(2 * math.pi * k / 12), 3), round(y + math.sin(2 * math.pi * k / 12), 3)]
                                  for k in range(12)])
                x += 6
            y += 6
        q["holes"] = q.get("holes", []) + holes
    return p


def write(name, obj):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(obj, f)
    return path


def make_jobs():
    os.makedirs(OUT, exist_ok=True)
    runner_path = os.path.join(ROOT, "Patterns", "runner.json")
    with open(runner_path) as f:
        runner = json.load(f)
    write("runner.json", runner)
    write("runner-dense.json", dense_pattern(runner))
    cow = os.path.join(ROOT, "Patterns", "hides", "cow-side-01.json")
    jobs = {}
    write("scanned-12k-hide.json", scanned_hide("scanned-12k", 12000, 150))
    jobs["scanned-12k"] = write("scanned-12k.json", {
        "format": "nest-job/1", "name": "scanned-12k", "stock": {"hides": ["scanned-12k-hide.json"]},
        "order": [{"pattern": "runner.json", "sizes": {"8": 3, "9": 4, "10": 3}}], "spacing": 2, "margin": 3})
    write("scanned-19k-hide.json", scanned_hide("scanned-19k", 19000, 600))
    jobs["scanned-19k"] = write("scanned-19k.json", {
        "format": "nest-job/1", "name": "scanned-19k", "stock": {"hides": ["scanned-19k-hide.json"]},
        "order": [{"pattern": "runner.json", "sizes": {"8": 3, "9": 4, "10": 3}}], "spacing": 2, "margin": 3})
    base = scanned_hide("scan", 12000, 150)
    names = []
    for i in range(8):
        r = random.Random(i)
        names.append(write(f"day-hide-{i}.json", turned(base, f"scan-{i}", r.uniform(0.8, 1.05), r.uniform(0, 180))))
    jobs["day-8"] = write("day-8.json", {
        "format": "nest-job/1", "name": "day-8", "stock": {"hides": [os.path.basename(n) for n in names]},
        "order": [{"pattern": "runner.json", "sizes": {"7": 4, "8": 6, "9": 8, "10": 6, "11": 4}}], "spacing": 2, "margin": 3})
    for name, pattern in (("dense-runner", "runner-dense.json"), ("plain-runner", "runner.json")):
        jobs[name] = write(f"{name}.json", {
            "format": "nest-job/1", "name": name, "stock": {"hides": [cow]},
            "order": [{"pattern": pattern, "sizes": {"8": 2, "9": 2, "10": 2}}], "spacing": 2, "margin": 3})
    write("runner-perforated.json", perforated_pattern(runner))
    calf = os.path.join(ROOT, "Patterns", "hides", "calf-01.json")
    jobs["perforated"] = write("perforated.json", {
        "format": "nest-job/1", "name": "perforated", "stock": {"hides": [cow, calf]},
        "order": [{"pattern": "runner-perforated.json", "sizes": {"8": 2, "9": 2, "10": 2}}], "spacing": 2, "margin": 3})
    return jobs


def run(binary, job, tag):
    out = os.path.join(OUT, "runs", tag, os.path.splitext(os.path.basename(job))[0])
    start = time.time()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", binary, job, "--output", out, "--quiet"],
                       capture_output=True, text=True)
    wall = time.time() - start
    if p.returncode != 0:
        return {"error": p.stderr.strip().splitlines()[-1] if p.stderr.strip() else f"exit {p.returncode}"}
    peak = int(p.stderr.strip().splitlines()[-1]) // 1024
    with open(os.path.join(out, "report.json")) as f:
        report = json.load(f)
    check = subprocess.run([sys.executable, os.path.join(ROOT, "Tests", "ReportChecker", "check_report.py"),
                            os.path.join(out, "report.json")], capture_output=True, text=True)
    pdf = os.path.getsize(os.path.join(out, "cut-sheets.pdf"))
    return {"wall": wall, "peak": peak, "placed": report["parts_placed"], "ordered": report["parts_ordered"],
            "yield": report["yield_percent"], "pdf": pdf, "verified": check.returncode == 0}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nest", default=os.path.join(ROOT, ".build", "release", "nest"))
    ap.add_argument("--baseline-nest")
    ap.add_argument("--jobs", default="scanned-12k,scanned-19k,day-8,dense-runner,plain-runner,perforated")
    args = ap.parse_args()
    jobs = make_jobs()
    binaries = [("nest", args.nest)] + ([("baseline", args.baseline_nest)] if args.baseline_nest else [])
    print("| job | build | wall s | peak MiB | parts placed | yield % | cut-sheets.pdf | report verified |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    failed = False
    for name in args.jobs.split(","):
        for tag, binary in binaries:
            r = run(binary, jobs[name], tag)
            if "error" in r:
                print(f"| {name} | {tag} | failed: {r['error']} | | | | | |")
                failed = True
                continue
            failed |= not r["verified"]
            print(f"| {name} | {tag} | {r['wall']:.2f} | {r['peak']} | {r['placed']} of {r['ordered']} | {r['yield']:.2f} | "
                  f"{r['pdf'] / 1e6:.2f} MB | {'yes' if r['verified'] else 'NO'} |", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

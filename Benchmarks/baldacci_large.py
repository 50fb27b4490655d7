#!/usr/bin/env python3
"""Bin packing with large pieces: the Baldacci instances with every piece scaled up so that
the largest is a third of a mean hide, nested at the job budget and with more iterations.

Writes Output/baldacci-large/baldacciN-large.json (pieces scaled about their origin,
hides, zones and qualities unchanged; see Benchmarks/datasets/baldacci/README.md), runs
`nest` on each, checks every report with Tests/ReportChecker/check_report.py, and prints
the hides used against the area lower bound (piece area / mean hide area, rounded up)
with the fill of each hide used.

Usage (release build first: swift build -c release):
  python3 Benchmarks/baldacci_large.py [--iterations 1000 5000] [--nest PATH]
Needs: python3 -m pip install shapely
"""
import argparse
import json
import math
import os
import subprocess
import sys

from shapely.geometry import Polygon

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LARGEST_SHARE = 0.33  # the largest piece's area over the mean hide area


def area(shape):
    if shape["type"] == "simple_polygon":
        return Polygon(shape["data"]).area
    return Polygon(shape["data"]["outer"], shape["data"].get("inner", [])).area


def scaled(shape, s):
    if shape["type"] == "simple_polygon":
        return {"type": "simple_polygon", "data": [[x * s, y * s] for x, y in shape["data"]]}
    d = shape["data"]
    return {"type": "polygon", "data": {"outer": [[x * s, y * s] for x, y in d["outer"]],
                                        "inner": [[[x * s, y * s] for x, y in r] for r in d.get("inner", [])]}}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--nest", default=os.path.join(ROOT, ".build", "release", "nest"))
    ap.add_argument("--out", default=os.path.join(ROOT, "Output", "baldacci-large"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    checker = os.path.join(ROOT, "Tests", "ReportChecker", "check_report.py")
    print(f"{'instance':18} {'iterations':>10} {'bound':>5} {'hides':>5} {'verified':>8}  fill of each hide used, %")
    for n in (1, 2, 3):
        with open(os.path.join(ROOT, "Benchmarks", "datasets", "baldacci", f"baldacci{n}.json")) as f:
            d = json.load(f)
        hides = [area(b["shape"]) for b in d["bins"] for _ in range(b["stock"])]
        mean = sum(hides) / len(hides)
        s = math.sqrt(LARGEST_SHARE * mean / max(area(i["shape"]) for i in d["items"]))
        d["name"] += "-large"
        for item in d["items"]:
            item["shape"] = scaled(item["shape"], s)
        bound = math.ceil(sum(area(i["shape"]) * i["demand"] for i in d["items"]) / mean)
        path = os.path.join(args.out, f"baldacci{n}-large.json")
        with open(path, "w") as f:
            json.dump(d, f)
        for it in args.iterations:
            out = os.path.join(args.out, f"baldacci{n}-large-{it}")
            subprocess.run([args.nest, path, "-o", out, "-q", "--toolpath", "none", "--tickets", "none",
                            "--iterations", str(it)], check=True)
            with open(os.path.join(out, "report.json")) as f:
                r = json.load(f)
            ok = subprocess.run([sys.executable, checker, os.path.join(out, "report.json")],
                                capture_output=True).returncode == 0
            fills = " ".join(f"{sh['yield_percent']:.0f}" for sh in r["sheets"])
            placed = f"{r['parts_placed']}/{r['parts_ordered']}"
            print(f"{d['name']:18} {it:>10} {bound:>5} {len(r['sheets']):>5} {'OK' if ok else 'FAIL':>8}  {fills}  ({placed} placed)")


if __name__ == "__main__":
    main()

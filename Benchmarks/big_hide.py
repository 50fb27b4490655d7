#!/usr/bin/env python3
"""Scale of the hide improver: iterations per second and yield against the hide's size.

Runs the shipped open order (Patterns/hide-open-order.json, one cow side of 2.2 m²) and the
same pattern on a full cow hide of 4.5 m² (the cow side scaled by √2.05 about its origin,
zones and defects with it; written to Output/big-hide/) with an order twice as large, each
at the job budget (3000 iterations) and with --time-limit S; prints parts placed, yield,
iterations, wall time and iterations per second. Every report is checked with
Tests/ReportChecker/check_report.py.

Usage (release build first: swift build -c release):
  python3 Benchmarks/big_hide.py [--seconds 60] [--nest PATH]
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def full_hide(out):
    with open(os.path.join(ROOT, "Patterns", "hides", "cow-side-01.json")) as f:
        h = json.load(f)
    s = math.sqrt(2.05)

    def scaled(ring):
        return [[round(x * s, 1), round(y * s, 1)] for x, y in ring]

    h["name"] = "cow-full-01"
    h["outline"] = scaled(h["outline"])
    h["holes"] = [scaled(r) for r in h.get("holes", [])]
    for item in h.get("defects", []) + h.get("zones", []):
        item["outline"] = scaled(item["outline"])
    with open(os.path.join(out, "cow-full-01.json"), "w") as f:
        json.dump(h, f)
    with open(os.path.join(ROOT, "Patterns", "hide-open-order.json")) as f:
        job = json.load(f)
    job["name"] = "big-open-order"
    job["stock"] = {"hides": ["cow-full-01.json"]}
    job["order"][0]["pattern"] = os.path.join(ROOT, "Patterns", "runner.json")
    job["order"][0]["sizes"] = {k: 2 * v for k, v in job["order"][0]["sizes"].items()}
    path = os.path.join(out, "job.json")
    with open(path, "w") as f:
        json.dump(job, f, indent=1)
    return path


def run(nest, job, out, extra):
    t = time.monotonic()
    subprocess.run([nest, job, "-o", out, "-q", "--toolpath", "none", "--tickets", "none"] + extra, check=True)
    wall = time.monotonic() - t
    report = os.path.join(out, "report.json")
    ok = subprocess.run([sys.executable, os.path.join(ROOT, "Tests", "ReportChecker", "check_report.py"), report],
                        capture_output=True).returncode == 0
    with open(report) as f:
        r = json.load(f)
    return r, wall, ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--nest", default=os.path.join(ROOT, ".build", "release", "nest"))
    args = ap.parse_args()
    out = os.path.join(ROOT, "Output", "big-hide")
    os.makedirs(out, exist_ok=True)
    jobs = [("cow side 2.2 m²", os.path.join(ROOT, "Patterns", "hide-open-order.json")), ("full cow 4.5 m²", full_hide(out))]
    print(f"{'hide':16} {'run':>10} {'placed':>8} {'yield %':>8} {'iterations':>10} {'wall s':>7} {'it/s':>6} verified")
    for name, job in jobs:
        for label, extra in (("budget", []), (f"{args.seconds:g} s", ["--time-limit", str(args.seconds)])):
            r, wall, ok = run(args.nest, job, os.path.join(out, f"{os.path.basename(job)[:-5]}-{label.replace(' ', '')}"), extra)
            it = r["statistics"]["optimizer_iterations"]
            print(f"{name:16} {label:>10} {r['parts_placed']:>8} {r['yield_percent']:>8.2f} {it:>10} {wall:>7.1f} "
                  f"{it / wall:>6.0f} {'OK' if ok else 'FAIL'}")


if __name__ == "__main__":
    main()

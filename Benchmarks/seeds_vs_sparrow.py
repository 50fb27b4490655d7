#!/usr/bin/env python3
"""`nest` against sparrow over several seeds: the mean density of each, and their ratio.

One seed is a poor measure of either solver: on the 200-part lining roll sparrow's density
at 60 s moves between 80.1 and 82.3 % from seed to seed, `nest`'s between 82.4 and 83.5 %.
This script runs both, seed by seed, on the same problems for the same time and thread
count, and compares the means (the ratio of the mean densities; the per-seed table too).

Problems:
  lining, mesh   the shoe rolls of Benchmarks/long_marker.py (written by it into
                 Output/bench/long-marker: the 200-part +-45 deg lining roll, sparrow at
                 0/180 deg; the shipped mesh job without spacing or margins, sparrow at 0/180)
  an ESICUP name (albano, dagli, ...) the instance in Benchmarks/datasets/esicup

Runs go `--parallel` at a time (default 2: one per core, as the other benchmarks run);
every `nest` report is checked with Tests/ReportChecker/check_report.py, every sparrow
solution by Benchmarks/sparrow_strip.py's own shapely check.

Usage (release build first: swift build -c release):
  python3 Benchmarks/seeds_vs_sparrow.py --problems lining,mesh --seeds 1-8 [--seconds 60] [--threads 1]
"""
import argparse
import os
import statistics
import sys
from concurrent.futures import ThreadPoolExecutor

from peer_runs import ROOT, NEST, DATASETS, run_nest, run_sparrow
import long_marker

OUT = os.path.join(ROOT, "Output", "bench", "seeds")


def problem(name, nest):
    """(nest job or instance, sparrow instance) for a problem name."""
    if name == "lining":
        job, instances, _ = long_marker.lining(long_marker.OUT)
        return job, dict(instances)["0/180"]
    if name == "mesh":
        job, instances, _ = long_marker.mesh(long_marker.OUT, nest)
        return job, dict(instances)["0/180"]
    instance = os.path.join(DATASETS, "esicup", f"{name}.json")
    if not os.path.exists(instance):
        raise SystemExit(f"unknown problem {name}: neither lining, mesh nor an ESICUP instance")
    return instance, instance


def seeds(text):
    out = []
    for part in text.split(","):
        a, _, b = part.partition("-")
        out += list(range(int(a), int(b or a) + 1))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--problems", default="lining,mesh")
    ap.add_argument("--seeds", default="1-8", help="e.g. 1-8 or 1,3,5")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--parallel", type=int, default=2, help="runs at a time")
    ap.add_argument("--nest", default=NEST)
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    chosen = seeds(args.seeds)
    problems = {name: problem(name, args.nest) for name in args.problems.split(",")}

    def nest_run(name, seed):
        job, _ = problems[name]
        out = os.path.join(OUT, f"{name}-t{args.threads}-{int(args.seconds)}s-seed{seed}")
        r, _, ok, last = run_nest(args.nest, job, out, ["--time-limit", str(args.seconds), "--threads", str(args.threads),
                                                       "--seed", str(seed), "--toolpath", "none", "--tickets", "none"])
        if not ok:
            print(f"nest report of {name} seed {seed} FAILED the check: {last}", file=sys.stderr)
        return r["yield_percent"], ok

    def sparrow_run(name, seed):
        _, instance = problems[name]
        s = run_sparrow(instance, args.seconds, args.threads, seed)
        return 100 * s["density"], bool(s["feasible"])

    tasks = [(name, seed, kind) for name in problems for seed in chosen for kind in ("nest", "sparrow")]
    with ThreadPoolExecutor(max_workers=args.parallel) as pool:
        futures = {t: pool.submit(nest_run if t[2] == "nest" else sparrow_run, t[0], t[1]) for t in tasks}
        results = {t: f.result() for t, f in futures.items()}

    print(f"{args.seconds:g} s, {args.threads} thread(s) each, {args.parallel} runs at a time\n")
    print("| problem | " + " | ".join(f"seed {s}" for s in chosen) + " | mean | min | max |")
    print("|---|" + "---|" * (len(chosen) + 3))
    summary = []
    for name in problems:
        for kind in ("nest", "sparrow"):
            values = [results[(name, s, kind)][0] for s in chosen]
            checked = all(results[(name, s, kind)][1] for s in chosen)
            print(f"| {name}, {kind}{'' if checked else ' (A RUN FAILED ITS CHECK)'} | "
                  + " | ".join(f"{v:.2f}" for v in values)
                  + f" | **{statistics.mean(values):.2f}** | {min(values):.2f} | {max(values):.2f} |")
        n = statistics.mean(results[(name, s, "nest")][0] for s in chosen)
        p = statistics.mean(results[(name, s, "sparrow")][0] for s in chosen)
        summary.append((name, n, p, n / p))
    print()
    for name, n, p, ratio in summary:
        print(f"{name}: nest {n:.3f} %, sparrow {p:.3f} %, ratio of the means {ratio:.4f} over seeds {args.seeds}")
    if len(summary) > 1:
        print(f"mean of the ratios: {statistics.mean(r for *_, r in summary):.4f} over {len(summary)} problems")


if __name__ == "__main__":
    main()

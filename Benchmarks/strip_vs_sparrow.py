#!/usr/bin/env python3
"""Side-by-side strip-packing benchmark: nest and sparrow on the ESICUP instances.

For each instance, runs `nest INSTANCE --time-limit S --threads T` and then sparrow
(`Benchmarks/sparrow_strip.py INSTANCE --seconds S --workers T`) on the same
machine, one after the other, and prints a Markdown table of densities
(placed area / (strip height x used length)) and the ratio nest / sparrow.
Every nest report is checked with Tests/ReportChecker/check_report.py. The instances are
the classic ESICUP set shipped in Benchmarks/datasets/esicup.

Usage (release build first: swift build -c release):
  python3 Benchmarks/strip_vs_sparrow.py --seconds 60 --threads 1
  [--baseline-nest OTHER/nest]   also run another build of nest (an earlier commit) in the
                                 same run, with its density and the ratio this / that
Needs shapely (python3 -m pip install shapely); sparrow_strip.py installs spyrrow from PyPI
itself when it is missing.
"""
import argparse
import os
import statistics

from peer_runs import DATASETS, ROOT, run_nest, run_sparrow
CLASSIC = ["albano", "dagli", "fu", "jakobs1", "jakobs2", "mao", "marques",
           "shapes0", "shapes1", "shirts", "swim", "trousers"]


def nest_density(nest, instance, seconds, threads, workers, seed, out):
    options = ["--time-limit", str(seconds), "--threads", str(threads), "--seed", str(seed)]
    if workers:
        options += ["--workers", str(workers)]
    r, elapsed, verified, _ = run_nest(nest, instance, out, options)
    return r["yield_percent"], elapsed, verified


def sparrow_density(instance, seconds, threads, seed):
    r = run_sparrow(instance, seconds, threads, seed)
    return 100.0 * r["density"] if r["density"] <= 1.0 else r["density"], r.get("seconds", 0.0), r.get("feasible", True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--workers", type=int, default=0, help="nest --workers (default: nest's own default)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--instances", default=",".join(CLASSIC))
    ap.add_argument("--nest", default=os.path.join(ROOT, ".build", "release", "nest"))
    ap.add_argument("--out", default=os.path.join(ROOT, "Output", "bench"))
    ap.add_argument("--baseline-nest", default=None, help="another nest build to run side by side (e.g. an earlier commit)")
    args = ap.parse_args()

    base = args.baseline_nest
    extra = " baseline nest % | this / baseline | baseline verified |" if base else ""
    print(f"| instance | nest density % | sparrow density % | ratio | nest s | sparrow s | nest report verified |{extra}")
    print("|---|---|---|---|---|---|---|" + ("---|---|---|" if base else ""))
    ratios, base_ratios = [], []
    for name in args.instances.split(","):
        instance = os.path.join(DATASETS, "esicup", f"{name}.json")
        out = os.path.join(args.out, name)
        nd, ns, ok = nest_density(args.nest, instance, args.seconds, args.threads, args.workers, args.seed, out)
        sd, ss, _ = sparrow_density(instance, args.seconds, args.threads, args.seed)
        ratio = nd / sd
        ratios.append(ratio)
        row = f"| {name} | {nd:.2f} | {sd:.2f} | {ratio:.3f} | {ns:.1f} | {ss:.1f} | {'OK' if ok else 'FAIL'} |"
        if base:
            bd, _, bok = nest_density(base, instance, args.seconds, args.threads, args.workers, args.seed, out + "-baseline")
            base_ratios.append(nd / bd)
            row += f" {bd:.2f} | {nd / bd:.4f} | {'OK' if bok else 'FAIL'} |"
        print(row, flush=True)
    print(f"\nmean ratio nest / sparrow: {statistics.mean(ratios):.4f} over {len(ratios)} instances; "
          f"min {min(ratios):.3f}; {args.seconds:g} s each, {args.threads} thread(s), seed {args.seed}")
    if base:
        print(f"mean ratio nest / baseline nest ({base}): {statistics.mean(base_ratios):.4f}; "
              f"min {min(base_ratios):.4f}; max {max(base_ratios):.4f}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Random cutting sessions, hide after hide, checked: does the order state add up?

For each job N of `random_jobs.py` (the same random hides and orders: the runner as JSON,
DXF or SVG, or with --own-patterns a pattern of its own; two order lines now and then,
both `same_hide` rules), a cutting session is run as a cutting room runs it: one hide at a
time on the table (the job's hides in turn, again from the first when they run out), each
run `nest JOB --remaining STATE.json` with that hide as the only stock, until the order is
complete or --max-hides runs. After every run it checks, independently of nest:

- exit 0, and a report that `check_report.py` accepts;
- the report asks for what the state said was left (`parts_ordered` = the state's
  `parts_left` before the run), and places no more of a kind (panel, size, side) than was
  left of it;
- the state after the run is the state before less exactly the parts placed, kind by
  kind, with `parts_left` the sum of its entries and one more hide booked in `cut` when
  any part was placed on it (a hide left empty is not cut);
- once the order is complete, one more run is refused (exit 1) and changes nothing.

Usage (release build first):
  python3 Benchmarks/random_sessions.py [--jobs 1-20] [--iterations 200] [--max-hides 6]
      [--own-patterns] [--room] [--nest .build/release/nest]
With --room, `hide_room.py` searches the hide of every run that leaves parts (a hide left empty
too): is there room on it for a waiting unit?
One line a session, the failures at the end; exit 1 on any. Needs shapely (for the jobs).
"""
import argparse
import collections
import json
import os
import shutil
import subprocess
import sys

from peer_runs import CHECKER, NEST, ROOT
from random_jobs import finish, job_numbers, make_job, room_says

OUT = os.path.join(ROOT, "Output", "bench", "random-sessions")


def left_by_kind(state):
    """(panel, size, side) -> count left, over the order lines."""
    left = collections.Counter()
    for e in state["remaining"]:
        left[(e["panel"], e["size"], e["side"] or "")] += e["count"]
    return left


def placed_by_kind(report):
    placed = collections.Counter()
    for sheet in report["sheets"]:
        for p in sheet["placements"]:
            placed[(p["part"], p["size"], p.get("side") or "")] += 1
    return placed


def session(n, args):
    """Runs session N; returns (summary line, list of problems)."""
    folder = os.path.join(OUT + ("-own" if args.own_patterns else ""), str(n))
    src = os.path.join(folder, "job")
    shutil.rmtree(folder, ignore_errors=True)
    job_path = make_job(n, src, args.nest, own=args.own_patterns)
    with open(job_path) as f:
        job = json.load(f)
    hides = job["stock"]["hides"]
    state = os.path.join(folder, "state.json")
    problems, placed_runs, rooms = [], [], []
    before = None
    for run in range(args.max_hides):
        table = dict(job, stock={"hides": [hides[run % len(hides)]]})
        run_job = os.path.join(src, f"run-{run + 1}.json")
        with open(run_job, "w") as f:
            json.dump(table, f)
        out = os.path.join(folder, f"out-{run + 1}")
        p = subprocess.run([args.nest, run_job, "--remaining", state, "-o", out, "-q", "--iterations",
                            str(args.iterations), "--threads", "1", "--toolpath", "none", "--tickets", "none"],
                           capture_output=True, text=True)
        if p.returncode != 0:
            problems.append(f"run {run + 1}: exit {p.returncode}: {p.stderr.strip()[-200:]}")
            break
        report_path = os.path.join(out, "report.json")
        check = subprocess.run([sys.executable, CHECKER, report_path], capture_output=True, text=True)
        if check.returncode != 0:
            problems.append(f"run {run + 1}: check_report.py: {(check.stdout + check.stderr).strip()[-200:]}")
        with open(report_path) as f:
            report = json.load(f)
        with open(state) as f:
            after = json.load(f)
        placed = placed_by_kind(report)
        placed_runs.append(sum(placed.values()))
        if args.room and report["unplaced"]:
            rooms.append(f"run {run + 1}:{room_says(report_path, run_job)[2:]}")
        if before is not None:
            if report["parts_ordered"] != before["parts_left"]:
                problems.append(f"run {run + 1}: the report asks for {report['parts_ordered']} parts, "
                                f"the state had {before['parts_left']} left")
            was = left_by_kind(before)
            over = [k for k, c in placed.items() if c > was[k]]
            if over:
                problems.append(f"run {run + 1}: placed more of {over[0]} than was left ({placed[over[0]]} > {was[over[0]]})")
            expected = was - placed
            now = left_by_kind(after)
            if +now != +expected:
                diff = sorted(set(now.items()) ^ set(expected.items()))[:2]
                problems.append(f"run {run + 1}: the state is not what was left less what was placed: {diff}")
            booked = len(before["cut"]) + (1 if placed else 0)
            if len(after["cut"]) != booked:
                problems.append(f"run {run + 1}: {len(after['cut'])} hides booked after {len(before['cut'])}, "
                                f"{sum(placed.values())} parts placed")
        else:
            opened = sum(left_by_kind(after).values()) + sum(placed.values())
            if report["parts_ordered"] != opened:
                problems.append(f"run 1: the report asks for {report['parts_ordered']} parts; the state opened with {opened}")
        if after["parts_left"] != sum(e["count"] for e in after["remaining"]):
            problems.append(f"run {run + 1}: parts_left {after['parts_left']} is not the sum of the entries")
        before = after
        if after["parts_left"] == 0:
            with open(state, "rb") as f:
                kept = f.read()
            again = subprocess.run([args.nest, run_job, "--remaining", state, "-o", out + "-again", "-q",
                                    "--iterations", "10", "--toolpath", "none", "--tickets", "none"],
                                   capture_output=True, text=True)
            with open(state, "rb") as f:
                unchanged = f.read() == kept
            if again.returncode != 1 or not unchanged or os.path.exists(out + "-again"):
                problems.append(f"a run after the order was complete: exit {again.returncode}, state "
                                f"{'unchanged' if unchanged else 'changed'}, output "
                                f"{'written' if os.path.exists(out + '-again') else 'not written'}")
            break
    left = before["parts_left"] if before else "?"
    line = (f"session {n}: {len(placed_runs)} hide(s), placed {'+'.join(map(str, placed_runs))}, {left} left, "
            + ("OK" if not problems else f"{len(problems)} problem(s)"))
    return line, problems, rooms


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", default="1-20", help="job numbers, e.g. 1-20 or 3,7")
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--max-hides", type=int, default=6)
    ap.add_argument("--own-patterns", action="store_true", help="a random pattern of its own per job")
    ap.add_argument("--nest", default=NEST)
    ap.add_argument("--room", action="store_true",
                    help="also run hide_room.py on each run that leaves parts: is there room on the hide for them?")
    args = ap.parse_args()
    numbers = job_numbers(args.jobs)
    failures = []
    for n in numbers:
        line, problems, rooms = session(n, args)
        print(line, flush=True)
        for r in rooms:
            print("    room:", r, flush=True)
        for p in problems:
            print("   ", p, flush=True)
        if problems:
            failures.append(f"session {n}: {problems[0]}")
    finish(numbers, failures)


if __name__ == "__main__":
    main()

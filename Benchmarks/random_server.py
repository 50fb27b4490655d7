#!/usr/bin/env python3
"""Does the server nest a job as the command does? Random jobs through `nest serve`.

Starts `nest serve` (SQLite, one worker, a fresh data folder, loopback) and sends it the
random jobs of `random_jobs.py` (hides; with --own-patterns patterns of their own) and of
`random_rolls.py` (rolls with patterns of their own), each as `nest bundle` makes it — the
job with its pattern, hide and roll files inline, JSON, DXF or SVG — at a fixed budget
(`iterations` set in the job). It waits for each, downloads its `report.json`, checks it
with `check_report.py`, and compares it with the command's own run of the same job
(`nest JOB -o DIR`): the nest — every sheet, placement and unplaced part — must be the
same, byte for byte in the report's JSON (statistics and timings aside). A job the command
refuses must fail on the server too, with the same message.

Usage (release build first):
  python3 Benchmarks/random_server.py [--hide-jobs 1-10] [--roll-jobs 1-10] [--own-patterns]
      [--iterations 200] [--nest .build/release/nest]
One line a job, the failures at the end; exit 1 on any. Needs shapely.
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from peer_runs import CHECKER, NEST, ROOT
from random_jobs import job_numbers
import random_jobs
import random_rolls

OUT = os.path.join(ROOT, "Output", "bench", "random-server")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, data=None, method=None):
    req = urllib.request.Request(url, data=data, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def nest_through_server(base, job_path, nest, out):
    """Bundles JOB, posts it and waits: (status, error or None); the report into OUT."""
    bundle = subprocess.run([nest, "bundle", job_path], capture_output=True)
    if bundle.returncode != 0:
        return "unbundled", bundle.stderr.decode().strip()
    status, body = request(base + "/api/jobs", data=bundle.stdout, method="POST")
    if status != 201:
        return f"http {status}", body.decode(errors="replace").strip()
    job_id = json.loads(body)["id"]
    while True:
        status, body = request(f"{base}/api/jobs/{job_id}")
        job = json.loads(body)
        if job["status"] in ("done", "failed", "cancelled"):
            break
        time.sleep(0.2)
    if job["status"] != "done":
        return job["status"], job.get("error")
    status, body = request(f"{base}/api/jobs/{job_id}/files/report.json")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "report.json"), "wb") as f:
        f.write(body)
    return "done", None


def nest_alone(nest, job_path, out):
    run = subprocess.run([nest, job_path, "-o", out, "-q"], capture_output=True, text=True)
    return run.returncode, run.stderr.strip()


def the_nest(report):
    """What must be equal: the sheets (placements, stock, yields) and the unplaced parts."""
    return {k: report[k] for k in ("sheets", "unplaced", "parts_placed", "yield_percent")}


def compare(label, job_path, nest, base, folder, failures):
    served_out, alone_out = os.path.join(folder, "served"), os.path.join(folder, "alone")
    shutil.rmtree(served_out, ignore_errors=True)
    shutil.rmtree(alone_out, ignore_errors=True)
    code, message = nest_alone(nest, job_path, alone_out)
    status, error = nest_through_server(base, job_path, nest, served_out)
    if code != 0:
        # Refused by the command: the server must refuse it too, for the same reason.
        said = message.removeprefix("nest: error: ")
        reason = said.split(": ", 1)[-1]
        same = status == "failed" and error and reason[-80:] in error
        line = f"{label}: refused by both ({reason[:80]})" if same else \
            f"{label}: the command refused it ({said[:100]}) but the server said {status}: {error}"
        if not same:
            failures.append(line)
        return line
    if status != "done":
        failures.append(f"{label}: the command nested it, the server said {status}: {error}")
        return failures[-1]
    check = subprocess.run([sys.executable, CHECKER, os.path.join(served_out, "report.json")], capture_output=True, text=True)
    with open(os.path.join(served_out, "report.json")) as f:
        served = json.load(f)
    with open(os.path.join(alone_out, "report.json")) as f:
        alone = json.load(f)
    same = the_nest(served) == the_nest(alone)
    line = (f"{label}: {served['parts_placed']} placed, {served['yield_percent']:.2f} %, "
            f"{'same nest as the command' if same else 'DIFFERENT nest from the command'}, "
            f"check {'OK' if check.returncode == 0 else 'FAILED'}")
    if not same or check.returncode != 0:
        failures.append(line + ("" if check.returncode == 0 else ": " + (check.stdout + check.stderr).strip()[-200:]))
    return line


def with_budget(job_path, iterations):
    """A copy of the job beside it with the optimizer's budget set."""
    with open(job_path) as f:
        job = json.load(f)
    job["iterations"] = iterations
    path = os.path.join(os.path.dirname(job_path), "job-budget.json")
    with open(path, "w") as f:
        json.dump(job, f)
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hide-jobs", default="1-10")
    ap.add_argument("--roll-jobs", default="1-10")
    ap.add_argument("--own-patterns", action="store_true", help="hide jobs with patterns of their own")
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--nest", default=NEST)
    args = ap.parse_args()
    data = tempfile.mkdtemp(prefix="nest-random-server-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([args.nest, "serve", "--listen", f"127.0.0.1:{port}", "--data", data, "--workers", "1"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(300):
            try:
                if request(base + "/api/health")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            sys.exit("the server did not come up")
        failures, count = [], 0
        hide_numbers = job_numbers(args.hide_jobs) if args.hide_jobs else []
        roll_numbers = job_numbers(args.roll_jobs) if args.roll_jobs else []
        for n in hide_numbers:
            folder = os.path.join(OUT, ("hide-own-" if args.own_patterns else "hide-") + str(n))
            job = random_jobs.make_job(n, folder, args.nest, own=args.own_patterns)
            print(compare(f"hide job {n}", with_budget(job, args.iterations), args.nest, base, folder, failures), flush=True)
            count += 1
        for n in roll_numbers:
            folder = os.path.join(OUT, f"roll-{n}")
            job, _ = random_rolls.make_job(n, folder, args.nest)
            print(compare(f"roll job {n}", with_budget(job, args.iterations), args.nest, base, folder, failures), flush=True)
            count += 1
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)
    print(f"\n{count - len(failures)} of {count} jobs the same through the server as from the command")
    for f in failures:
        print("FAILED", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

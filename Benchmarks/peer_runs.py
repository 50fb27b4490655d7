"""Runs shared by the benchmark scripts: `nest` on an instance or job with its report
checked by the project's own checker (Tests/ReportChecker/check_report.py), and sparrow
through Benchmarks/sparrow_strip.py (which installs spyrrow from PyPI when it is missing)."""
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATASETS = os.path.join(ROOT, "Benchmarks", "datasets")
CHECKER = os.path.join(ROOT, "Tests", "ReportChecker", "check_report.py")
NEST = os.path.join(ROOT, ".build", "release", "nest")


def run_nest(nest, instance, out, options):
    """Runs `nest INSTANCE --quiet --output OUT OPTIONS...`; returns the report (parsed),
    the wall time, whether check_report.py accepted it, and its last line of output."""
    start = time.time()
    subprocess.run([nest, instance, "--quiet", "--output", out] + options, check=True)
    elapsed = time.time() - start
    report = os.path.join(out, "report.json")
    check = subprocess.run([sys.executable, CHECKER, report],
                           capture_output=True, text=True)
    with open(report) as f:
        r = json.load(f)
    return r, elapsed, check.returncode == 0, (check.stdout + check.stderr).strip().splitlines()[-1:]


def nest_checked(nest, job, out, options):
    """Runs `nest JOB -o OUT -q --threads 1 --toolpath none --tickets none OPTIONS...` and
    checks its report; returns (report or None, problem or None): the exit status and
    stderr when it failed, the checker's last words when it refused the report."""
    run = subprocess.run([nest, job, "-o", out, "-q", "--threads", "1", "--toolpath", "none", "--tickets", "none"] + options,
                         capture_output=True, text=True)
    if run.returncode != 0:
        return None, f"exit {run.returncode}: {run.stderr.strip()[:200]}"
    report_path = os.path.join(out, "report.json")
    with open(report_path) as f:
        report = json.load(f)
    check = subprocess.run([sys.executable, CHECKER, report_path], capture_output=True, text=True)
    if check.returncode != 0:
        return report, "check failed: " + (check.stdout + check.stderr).strip()[-200:]
    return report, None


def run_sparrow(instance, seconds, threads, seed):
    """sparrow (spyrrow) on a strip-packing instance; returns its JSON line as a dict."""
    cmd = [sys.executable, os.path.join(ROOT, "Benchmarks", "sparrow_strip.py"), instance,
           "--seconds", str(int(seconds)), "--workers", str(threads), "--seed", str(seed)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads([l for l in out.splitlines() if l.strip().startswith("{")][-1])

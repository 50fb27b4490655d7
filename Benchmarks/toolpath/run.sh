#!/bin/sh
# Toolpath benchmark: air-move length of report order, nearest neighbour, nest's optimizer
# and the OR-Tools reference, per sheet, as a Markdown table (README, "Toolpaths").
#
#   Benchmarks/toolpath/run.sh [SECONDS] [REPORT.json ...]
#
# Without reports it nests the shipped jobs first (release build). Any nest report works,
# e.g. ESICUP instances nested by the optimizer. Needs `python3 -m pip install ortools`.
# Run it alone on the machine: it measures wall time.
set -e
cd "$(dirname "$0")/../.."
SECONDS_PER_SHEET=${1:-60}
[ $# -gt 0 ] && shift
swift build -c release --product nest >/dev/null
swift build -c release --product toolpath-bench >/dev/null
OUT=${TMPDIR:-/tmp}/nest-toolpath-bench
mkdir -p "$OUT"
if [ $# -eq 0 ]; then
  for job in hide mesh-roll; do
    .build/release/nest "Patterns/$job.json" -o "$OUT/$job" -q --toolpath none
    set -- "$@" "$OUT/$job/report.json"
  done
fi
: > "$OUT/nest.jsonl"
: > "$OUT/ortools.jsonl"
for r in "$@"; do
  .build/release/toolpath-bench "$r" >> "$OUT/nest.jsonl"
  python3 Benchmarks/toolpath/ortools_reference.py "$r" --seconds "$SECONDS_PER_SHEET" --no-precedence >> "$OUT/ortools.jsonl"
done
python3 - "$OUT" <<'PY'
import json, sys, os
out = sys.argv[1]
nest = [json.loads(l) for l in open(os.path.join(out, "nest.jsonl"))]
ref = {(r["report"], r["sheet"]): r for r in map(json.loads, open(os.path.join(out, "ortools.jsonl")))}
print("| report · sheet | contours | report order | nearest neighbour | nest optimizer (time) | OR-Tools reference | optimizer vs reference |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for n in nest:
    r = ref.get((n["report"], n["sheet"]), {})
    o = r.get("ortools_air_mm")
    name = os.path.basename(os.path.dirname(n["report"])) or n["report"]
    gap = f"{100 * (n['optimized_air_mm'] / o - 1):+.1f} %" if o else "–"
    print(f"| {name} · {n['sheet']} | {n['contours']} | {n['report_order_air_mm'] / 1000:.2f} m | {n['nearest_neighbour_air_mm'] / 1000:.2f} m"
          f" | {n['optimized_air_mm'] / 1000:.2f} m ({n['planner_seconds'] * 1000:.0f} ms) | {o / 1000:.2f} m | {gap} |" if o else "")
PY

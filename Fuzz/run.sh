#!/usr/bin/env bash
# Fuzz the pattern and hide readers with libFuzzer (AddressSanitizer on).
#   Fuzz/run.sh [RUNS] [FORMAT...]     RUNS per format (default 20000), FORMAT json, dxf, svg
#   FUZZ_SECONDS=600 Fuzz/run.sh       run each format for that long instead
# Seeds: the shipped patterns, hides and rolls (JSON), the import test files (DXF, SVG) and
# the real CAD exports under 30 KiB (Tests/NestIOTests/Files/cad-real).
# The corpus grows in FUZZ_WORK (default a temporary folder); a crash, a trap, a hang past
# 10 s or more than 2 GiB stops the run with the input saved as FUZZ_WORK/FORMAT-crash-*.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20000}
shift || true
formats=${*:-json dxf svg}
NEST_FUZZ=1 swift build -c release --build-path .build/fuzz --product nest-fuzz -Xswiftc -sanitize=fuzzer,address
work=${FUZZ_WORK:-$(mktemp -d)}
limit="-runs=$runs"
if [ -n "${FUZZ_SECONDS:-}" ]; then limit="-max_total_time=$FUZZ_SECONDS"; fi
for format in $formats; do
    mkdir -p "$work/$format"
    case $format in
        json) cp Patterns/*.json Patterns/hides/*.json Patterns/rolls/*.json "$work/$format/" ;;
        dxf) cp Tests/NestIOTests/Files/*.dxf "$work/$format/"
             # The small real exports (a CLO export, plain drawings): larger ones run at a few inputs a second.
             find Tests/NestIOTests/Files/cad-real -iname '*.dxf' -size -30k -exec cp {} "$work/$format/" \; ;;
        svg) cp Tests/NestIOTests/Files/*.svg Tests/NestIOTests/Files/*.svgz "$work/$format/" ;;
    esac
    echo "fuzz: $format ($limit) in $work/$format"
    log="$work/$format.log"
    status=0
    ASAN_OPTIONS=detect_leaks=0 NEST_FUZZ_FORMAT=$format .build/fuzz/release/nest-fuzz "$work/$format" \
        "$limit" -max_len=262144 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$work/$format-" -print_final_stats=1 \
        >"$log" 2>&1 || status=$?
    grep -E "^Done|^stat::number_of_executed_units|^stat::peak_rss_mb|ERROR|SUMMARY|Test unit written" "$log" || true
    if [ "$status" -ne 0 ]; then
        tail -40 "$log"
        echo "fuzz: $format: FAILED (exit $status); the input is in $work/$format-*"
        exit 1
    fi
done

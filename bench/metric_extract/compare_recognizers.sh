#!/usr/bin/env bash
# Compares metric_extract with Microsoft Recognizers-Text (npm @microsoft/recognizers-text-suite
# 1.3.1, culture zh-cn) on the same reports, in one run: value+unit precision/recall/F1 against
# the hand-checked lists, and MB/s of each. The npm package goes into a temp folder that is
# removed afterwards (nothing is installed into the repo).
#
#   bench/metric_extract/compare_recognizers.sh [BUILD_DIR]
#
# BUILD_DIR (default build-metric_extract) must have the targets bench_metric_extract,
# dump_metrics and metric_extract built. Reports: the sample corpus (../shared/corpus or
# $GONGWEN_CORPUS) that has hand-checked lists, plus the project's own fixtures.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build-metric_extract}"
corpus="${GONGWEN_CORPUS:-$root/../shared/corpus}"
expected="$root/tests/data/metric_extract/expected"
rounds="${ROUNDS:-3}"

for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "compare_recognizers: $tool is not installed" >&2; exit 2; }
done
for exe in bench/metric_extract/dump_metrics bench/metric_extract/bench_metric_extract; do
  [[ -x "$build/$exe" ]] || { echo "compare_recognizers: $build/$exe is missing (ninja -C $build dump_metrics bench_metric_extract)" >&2; exit 2; }
done

reports=()
for f in "$expected"/*.json; do
  stem="$(basename "$f" .json)"
  if [[ -f "$corpus/$stem.txt" ]]; then reports+=("$corpus/$stem.txt")
  elif [[ -f "$root/tests/data/metric_extract/$stem.txt" ]]; then reports+=("$root/tests/data/metric_extract/$stem.txt")
  fi
done
[[ ${#reports[@]} -gt 0 ]] || { echo "compare_recognizers: no reports with hand-checked lists found" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "Installing @microsoft/recognizers-text-suite@1.3.1 into $tmp ..." >&2
(cd "$tmp" && npm install --no-audit --no-fund --silent @microsoft/recognizers-text-suite@1.3.1 >&2)

echo "## Machine" && echo && echo "$(lscpu | grep 'Model name' | sed 's/  */ /g'), $(nproc) CPUs" && echo
echo "## metric_extract throughput (Google Benchmark, real plugin through the chain runner)" && echo
"$build/bench/metric_extract/bench_metric_extract" --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true --benchmark_format=console 2>/dev/null |
  grep -E "mean|median|stddev" | sed 's/^/    /'
echo
echo "## Figures against the hand-checked lists" && echo
"$build/bench/metric_extract/dump_metrics" "${reports[@]}" > "$tmp/ours.jsonl"
RECOGNIZERS_DIR="$tmp" node "$here/compare_recognizers.mjs" --ours "$tmp/ours.jsonl" \
  --expected "$expected" --rounds "$rounds" "${reports[@]}"

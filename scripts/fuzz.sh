#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in ./build-fuzz and runs each for
# FUZZ_SECONDS (default 60). A crash fails the script and leaves the crashing input in
# build-fuzz/fuzz/artifacts/.
#
# -timeout is there to catch hangs, not to time the code (benchmarks do that): with ASan,
# UBSan and coverage a 14 kB input of every-character-odd gibberish takes ~3 s on a 2-core
# machine, ~50 times its Release time, so the limit is 30 s.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}

CXX=clang++ CC=clang cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DGONGWEN_FUZZ=ON -DGONGWEN_BUILD_BENCH=OFF
cmake --build build-fuzz --parallel --target fuzzers
mkdir -p build-fuzz/fuzz/artifacts
shopt -s nullglob
targets=(build-fuzz/fuzz/fuzz_*)
for target in "${targets[@]}"; do
  [[ -f "$target" && -x "$target" ]] || continue
  name=$(basename "$target")
  work=build-fuzz/fuzz/$name.corpus
  mkdir -p "$work"
  seeds=()
  [[ -f "$target.seeds" ]] && mapfile -t seeds < "$target.seeds"  # one folder per line
  echo "== fuzz $name for ${seconds}s"
  ASAN_OPTIONS=detect_leaks=1 "$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
    -artifact_prefix=build-fuzz/fuzz/artifacts/"$name"- -print_final_stats=1 "$work" "${seeds[@]}"
done
echo "fuzz: every target ran ${seconds}s without a crash"

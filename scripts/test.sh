#!/usr/bin/env bash
# Builds and runs the whole test suite: the Release build, then the tests again under
# AddressSanitizer + UndefinedBehaviorSanitizer. This is what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh
jobs=$(nproc)

echo "== tests (Release)"
ctest --test-dir build --output-on-failure --parallel "$jobs" --timeout 600

echo "== tests (ASan + UBSan)"
# -O1, as the sanitizers' documentation suggests: the same findings, clearer stack traces,
# and a quicker build than at -O2 on CI's two cores.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGONGWEN_SANITIZE=ON \
  -DGONGWEN_BUILD_BENCH=OFF -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g -DNDEBUG" \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g -DNDEBUG"
cmake --build build-asan --parallel
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure --parallel "$jobs" --timeout 900

echo "== fuzz (bounded)"
FUZZ_SECONDS=${FUZZ_SECONDS:-60} ./scripts/fuzz.sh

echo "== format"
./scripts/check-format.sh
echo "all tests passed"

#!/usr/bin/env bash
# Fails when a C++ file of the project differs from what clang-format (.clang-format) makes.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find daemon sdk plugins tests examples bench -name '*.[ch]pp')
bad=0
for f in $files; do
  if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
    echo "not formatted: $f (run: clang-format -i $f)"
    bad=1
  fi
done
exit $bad

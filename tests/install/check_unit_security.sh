#!/bin/sh
# Rates a systemd unit file with `systemd-analyze security --offline=true` and fails when its
# overall exposure is above the limit (default 2.0, the bar of issue 9).
# Usage: check_unit_security.sh UNIT_FILE [MAX_EXPOSURE]
# Exit 77 (CTest: skipped) where systemd-analyze is missing or has no offline mode (< 250).
set -eu
unit=$1
max=${2:-2.0}

if ! command -v systemd-analyze >/dev/null 2>&1; then
    echo "systemd-analyze not found (Debian: systemd): cannot rate $unit"
    exit 77
fi
if ! systemd-analyze --help | grep -q -- '--offline'; then
    echo "systemd-analyze $(systemd-analyze --version | head -n1) has no --offline mode: cannot rate $unit"
    exit 77
fi

# The offline analysis reads the file by path; copy it so its name ends in .service whatever
# the source is called.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$unit" "$tmp/gongwen.service"
# --threshold counts in tenths (0..100) of the printed 0.0..10.0 scale.
threshold=$(awk -v m="$max" 'BEGIN { printf "%d", m * 10 + 0.5 }')
status=0
out=$(systemd-analyze security --offline=true --no-pager --threshold="$threshold" \
    "$tmp/gongwen.service" 2>&1) || status=$?
echo "$out" | grep -E '^✗' || true
echo "$out" | tail -n 1
score=$(echo "$out" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
if [ -z "$score" ]; then
    echo "FAILED: no exposure level in the output of systemd-analyze:"
    echo "$out"
    exit 1
fi
if [ "$status" -ne 0 ] || awk -v s="$score" -v m="$max" 'BEGIN { exit !(s > m) }'; then
    echo "FAILED: $unit rates $score, above $max"
    exit 1
fi
echo "$unit: exposure $score <= $max"

#!/bin/bash
# Times the command-line peers on the benchmark's own archives: `unzip -p` and `tar -xzOf`
# (GNU tar piping through gzip) stream every member to /dev/null: the same work as
# read_archive without the checks. Reports CPU time (user + sys, children included), best of
# RUNS, because wall time means little on a shared machine; archive_bench reports CPU time
# too. Usage: compare_tools.sh BUILD_DIR [RUNS]
set -euo pipefail
build=${1:?usage: compare_tools.sh BUILD_DIR [RUNS]}
runs=${2:-5}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$build/bench/archive/archive_bench" --write-archives "$dir"

best_cpu_ms() {
    local best="" cpu
    for ((i = 0; i < runs; i++)); do
        cpu=$( { TIMEFORMAT='%U %S'; time "$@" > /dev/null; } 2>&1 | awk '{ printf "%d", ($1 + $2) * 1000 }')
        if [[ -z "$best" || "$cpu" -lt "$best" ]]; then best=$cpu; fi
    done
    echo "$best"
}

echo "unzip -p reports.zip:      $(best_cpu_ms unzip -p "$dir/reports.zip") ms CPU"
echo "tar -xzOf reports.tar.gz:  $(best_cpu_ms tar -xzOf "$dir/reports.tar.gz") ms CPU"
ls -l "$dir"

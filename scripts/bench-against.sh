#!/usr/bin/env bash
# Runs benchmarks on this checkout and on an earlier commit side by side, in one run, so their figures
# compare (machines of this kind differ by up to 2x; only one run's figures are comparable).
#
#   scripts/bench-against.sh REF BENCH[:ARGS] ...    e.g. scripts/bench-against.sh e7dc6449^ sync:--quick cluster:--quick
#
# REF is checked out in a worktree beside this one (target/bench-against/<commit>, kept for the next run) and
# built there by its own bench/run. Each benchmark runs in the order REF, HEAD, HEAD, REF, so a machine that
# slows or speeds up during the run weighs on both sides alike. Environment variables (BENCH_FANOUT_SIZES=100,
# ...) reach both. Prints each run's last line, labelled, and at the end all of them together.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n 2,11p "$0" >&2; exit 2; }
ref=$(git rev-parse --verify "$1^{commit}")
shift
here=$(pwd)
there="$here/target/bench-against/${ref:0:12}"
if [ ! -d "$there" ]; then
  mkdir -p "$(dirname "$there")"
  git worktree add --detach "$there" "$ref" >&2
fi
summary=()
run_one() { # label dir bench args...
  local label=$1 dir=$2 bench=$3
  shift 3
  echo "bench-against: $label $bench $*" >&2
  # tee -a: a plain tee reopens a stderr redirected to a file and truncates it.
  local out
  out=$(cd "$dir" && bench/run "$bench" "$@" | tee -a /dev/stderr | tail -n 1) || out="$bench: failed"
  summary+=("$label $(git -C "$dir" rev-parse --short=12 HEAD): $out")
}
for spec in "$@"; do
  bench=${spec%%:*}
  args=()
  [ "$spec" != "$bench" ] && read -r -a args <<< "${spec#*:}"
  run_one before "$there" "$bench" "${args[@]}"
  run_one after "$here" "$bench" "${args[@]}"
  run_one after "$here" "$bench" "${args[@]}"
  run_one before "$there" "$bench" "${args[@]}"
done
echo "bench-against: ${ref:0:12} (before) against $(git rev-parse --short=12 HEAD) (after)"
printf '%s\n' "${summary[@]}"

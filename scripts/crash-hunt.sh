#!/usr/bin/env bash
# bench/run crash: CrashSafetyTest for longer than the build runs it, BENCH_CRASH_CYCLES kills (30; 8 with
# --quick) of the real server on each store (the embedded SQLite and PostgreSQL, side by side), a new seed
# each run (CRASH_SEED replays one). Prints each store's `crash-safety:` line and, last,
# `crash: cycles=<per store> acknowledged_writes=<sum> lost=<sum> seconds=<longest store>`.
set -uo pipefail
cd "$(dirname "$0")/.."
cycles=${BENCH_CRASH_CYCLES:-30}
[ "${2:-}" = "--quick" ] && cycles=${BENCH_CRASH_CYCLES:-8}
echo "crash: building..." >&2
./mvnw -q -B install -DskipTests -pl server -am >&2 || exit 1
log=server/target/crash-hunt.log
CRASH_CYCLES=$cycles ./mvnw -o -B -pl server test -Dtest=CrashSafetyTest -Dsurefire.failIfNoSpecifiedTests=false \
    >"$log" 2>&1
status=$?
lines=$(grep -h '^crash-safety:' server/target/surefire-reports/*CrashSafety*-output.txt 2>/dev/null)
[ -n "$lines" ] || { echo "crash: no result (see $log)" >&2; exit 1; }
echo "$lines" | sed 's/^/  /'
echo "$lines" | awk -v cycles="$cycles" '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    writes += v["acknowledged_writes"]; lost += v["lost"]; if (v["seconds"] > secs) secs = v["seconds"] }
  END { printf "crash: cycles=%d acknowledged_writes=%d lost=%d seconds=%d\n", cycles, writes, lost, secs }'
[ "$status" -eq 0 ] || echo "crash: the test failed (see $log)" >&2
exit "$status"

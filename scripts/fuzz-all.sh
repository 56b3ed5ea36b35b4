#!/usr/bin/env bash
# bench/run fuzz: each Jazzer fuzz target in a JVM of its own (Jazzer fuzzes one target per JVM) for
# BENCH_FUZZ_SECONDS (60; 10 with --quick), after its kept seeds. Prints one line per target and,
# last, `fuzz: targets= execs= crashes=`. A crash leaves its input in the target's Inputs folder
# under src/test/resources (keep it there as a regression seed once fixed; docs/fuzzing.md).
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${BENCH_FUZZ_SECONDS:-60}
[ "${2:-}" = "--quick" ] && seconds=${BENCH_FUZZ_SECONDS:-10}
echo "fuzz: building..." >&2
./mvnw -q -B install -DskipTests -pl core,protocol,server -am >&2 || exit 1
targets=0 execs=0 crashes=0
for module in core protocol server; do
  rm -rf "$module/target/fuzz-stats"
  for test in $(cd "$module/src/test/java" && find . -name '*FuzzTest.java' | sed 's|.*/||; s|\.java$||' | sort); do
    targets=$((targets + 1))
    log="$module/target/fuzz-$test.log"
    if ./mvnw -o -B -pl "$module" test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
        -Dcowatch.fuzz=1 -Dcowatch.fuzz.seconds="$seconds" -DtrimStackTrace=false >"$log" 2>&1; then
      verdict=ok
    else
      verdict="CRASH (see $log)"
      crashes=$((crashes + 1))
    fi
    stat=$(find "$module/target/fuzz-stats" -name "*.$test" 2>/dev/null | head -1)
    n=$([ -n "$stat" ] && cat "$stat" || echo 0)
    execs=$((execs + n))
    echo "  $module $test seconds=$seconds execs=$n $verdict"
  done
done
echo "fuzz: targets=$targets execs=$execs crashes=$crashes"
[ "$crashes" -eq 0 ]

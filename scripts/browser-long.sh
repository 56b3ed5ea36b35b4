#!/usr/bin/env bash
# bench/run browser-long [Class,...]: the browser scenarios kept out of the test command for their time (@LongScenario
# in e2e: players and engines of a kind the command already runs one of, the sound check's accuracy, the page-only
# peer fallback), one after another in one JVM with the machine to themselves. Each prints what it measured to its
# report (e2e/target/long-reports); the last line here is
# `browser-long: classes= tests= failures= errors= skipped= minutes=`. Fails when a test fails.
set -uo pipefail
cd "$(dirname "$0")/.."
only=()
[ -n "${2:-}" ] && only=("-Dtest=$2" -Dsurefire.failIfNoSpecifiedTests=false)
reports=e2e/target/long-reports
rm -rf "$reports"
log=e2e/target/browser-long.log
mkdir -p e2e/target
start=$(date +%s)
echo "browser-long: building and running (log: $log)..." >&2
./mvnw -B -pl e2e -am verify -Pbrowser-long "${only[@]}" >"$log" 2>&1
status=$?
minutes=$(awk -v s="$(( $(date +%s) - start ))" 'BEGIN { printf "%.1f", s / 60 }')
grep -h -E 'Tests run:.* -- in ' "$log" | sed 's/^\[[A-Z]*\] /  /'
shopt -s nullglob
files=("$reports"/TEST-*.xml)
if [ ${#files[@]} -eq 0 ]; then
  echo "browser-long: no test ran (see $log)" >&2
  exit 1
fi
# Each report's first line holds its suite's counts.
grep -h -o '<testsuite [^>]*' "${files[@]}" | awk -v classes="${#files[@]}" -v minutes="$minutes" '
  function attr(name,   m) { return match($0, " " name "=\"[0-9]+\"") ? substr($0, RSTART + length(name) + 3, RLENGTH - length(name) - 4) : 0 }
  { tests += attr("tests"); failures += attr("failures"); errors += attr("errors"); skipped += attr("skipped") }
  END { printf "browser-long: classes=%d tests=%d failures=%d errors=%d skipped=%d minutes=%s\n",
        classes, tests, failures, errors, skipped, minutes }'
[ "$status" -eq 0 ] || echo "browser-long: a test failed (see $log)" >&2
exit "$status"

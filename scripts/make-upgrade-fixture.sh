#!/usr/bin/env bash
# Makes the upgrade fixtures of one Cowatch version: data written by THAT version, through its own API, that
# the current server must open and show unchanged (UpgradeFromPreviousReleaseTest). Run it for each release:
#   scripts/make-upgrade-fixture.sh COMMIT          e.g. the release's tag, or 63e0da9d^ (schema V15)
# It checks COMMIT out into a temporary worktree and builds it (SRC=DIR reuses a built checkout of COMMIT;
# MAVEN_ARGS passes options to its Maven, e.g. -Dmaven.repo.local=...), makes a 2 s 160x90 video with ffmpeg,
# and for each store starts that version's server on a fresh one, fills it with scripts/upgrade-fixture/Fill.java
# (accounts, a room with settings, members and chat, an upload with poster and subtitles, friends, a showing,
# watch history, a site ban) and saves it into server/src/test/resources/upgrade/v<schema>/ (OUT=DIR elsewhere):
#   sqlite-killed.zip    the data directory right after kill -9: cowatch.db with its write-ahead log (the log
#                        holds most of the data then; the database file alone would be nearly empty)
#   sqlite-stopped.zip   the same directory after that version started again and stopped on SIGTERM
#   sqlite.properties    what Fill made and what the old server showed at the end (both SQLite zips)
#   postgresql.sql       pg_dump (plain SQL) of a fresh PostgreSQL database the old server filled
#   postgresql-files.zip that server's data directory (signing secret, media files)
#   postgresql.properties
# PostgreSQL: PGHOST/PGPORT/PGUSER (default 127.0.0.1, 5432, postgres, trust); needs psql and pg_dump.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -eq 1 ] || { echo "usage: $0 COMMIT" >&2; exit 2; }
commit="$(git -C "$root" rev-parse --verify "$1^{commit}")"
pg_host="${PGHOST:-127.0.0.1}" pg_port="${PGPORT:-5432}" pg_user="${PGUSER:-postgres}"
. "$root/scripts/jdk.sh"
find_jdk
jar="$(dirname "$JAVA")/jar"
work="$(mktemp -d /tmp/cowatch-fixture.XXXXXX)"
pid="" worktree="" database="" version=""

cleanup() {
  if [ -n "$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
  if [ -n "$database" ]; then
    psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -qc \
      "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true
  fi
  if [ -n "$worktree" ]; then git -C "$root" worktree remove --force "$worktree" || true; fi
  if [ -z "${KEEP:-}" ]; then rm -rf "$work"; else echo "fixture: kept $work" >&2; fi
}
trap cleanup EXIT

if [ -n "${SRC:-}" ]; then
  src="$(cd "$SRC" && pwd)"
  [ "$(git -C "$src" rev-parse HEAD)" = "$commit" ] || { echo "SRC=$src is not at $commit" >&2; exit 2; }
else
  src="$work/src" worktree="$work/src"
  git -C "$root" worktree add --detach "$src" "$commit" >/dev/null
  echo "fixture: building $commit" >&2
  (cd "$src" && ./mvnw -B -q package -DskipTests -pl server -am)
fi
schema="$(git -C "$root" ls-tree -r --name-only "$commit" -- server/src/main/resources/db/migration \
  | sed -n 's|.*/V\([0-9][0-9]*\)__.*|\1|p' | sort -n | tail -n1)"
out="${OUT:-$root/server/src/test/resources/upgrade/v$schema}"
mkdir -p "$out"
classpath="$src/server/target/cowatch-server.jar:$src/server/target/lib/*"

# A small video (2 s, 160x90, H.264 and AAC): the fixture stays a few hundred KB with it.
ffmpeg -v error -y -f lavfi -i testsrc=size=160x90:rate=10:duration=2 \
  -f lavfi -i sine=frequency=440:duration=2:sample_rate=22050 -c:v libx264 -preset veryslow -crf 35 \
  -pix_fmt yuv420p -c:a aac -b:a 16k -ac 1 -movflags +faststart "$work/tiny.mp4"

start() { # data dir, then database options; a port of its own each time (a killed server's may linger)
  local dir="$1"
  shift
  port=$((20000 + RANDOM % 20000))
  if curl -s "http://127.0.0.1:$port/" >/dev/null; then start "$dir" "$@"; return; fi
  # java itself in the background, not a function or subshell: $! must be the server, for kill -9.
  "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$classpath" dev.cowatch.server.cli.Main --host 127.0.0.1 \
    --port "$port" --public-url "http://127.0.0.1:$port" --data-dir "$dir" "$@" >>"$log" 2>&1 &
  pid=$!
  for _ in $(seq 120); do
    if curl -sf "http://127.0.0.1:$port/api/ready" >/dev/null; then return; fi
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$log" >&2; exit 1; }
    sleep 0.5
  done
  echo "fixture: the server did not get ready" >&2
  exit 1
}

stop() { # TERM (drains, checkpoints rooms, closes the database) or KILL
  kill "-$1" "$pid"
  wait "$pid" || true
  pid=""
}

fill() { # data dir, properties file, database options (for the admin command)
  local dir="$1" props="$2"
  shift 2
  local grant
  grant="$(printf '%q ' "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$classpath" dev.cowatch.server.cli.Main admin \
    grant ann@example.test --data-dir "$dir" "$@")"
  version="$(curl -s "http://127.0.0.1:$port/api/health" | sed -n 's/.*"version":"\([^"]*\)".*/\1/p')"
  "$JAVA" -cp "$src/server/target/lib/*" "$root/scripts/upgrade-fixture/Fill.java" "http://127.0.0.1:$port" "$log" \
    "$work/tiny.mp4" "$props" "$grant"
  # Rooms are checkpointed every few seconds; give the last pause time to reach the database before a kill.
  sleep 6
}

zip_dir() { # zip file, directory: its files, without unfinished uploads or the shared-memory index
  rm -rf "$1" "$work/zip"
  mkdir "$work/zip"
  (cd "$2" && find . -type f ! -name '*-shm' ! -path './uploads/*' -exec cp --parents {} "$work/zip/" \;)
  "$jar" --create --no-manifest --file "$1" -C "$work/zip" .
}

# SQLite: killed, then started again and stopped cleanly.
log="$work/sqlite.log" # one log per store: Fill finds Ann's verification link in it
start "$work/sqlite"
fill "$work/sqlite" "$out/sqlite.properties"
stop KILL
[ -f "$work/sqlite/cowatch.db-wal" ] || echo "fixture: note: no write-ahead log after kill -9" >&2
zip_dir "$out/sqlite-killed.zip" "$work/sqlite"
start "$work/sqlite"
stop TERM
[ ! -f "$work/sqlite/cowatch.db-wal" ] || echo "fixture: note: a write-ahead log is left after a clean stop" >&2
zip_dir "$out/sqlite-stopped.zip" "$work/sqlite"

# PostgreSQL: a database of its own, dumped as plain SQL after a clean stop.
log="$work/postgresql.log"
database="cw_fixture_$(date +%s)_$RANDOM"
psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -qc "CREATE DATABASE $database"
db=(--db-url "jdbc:postgresql://$pg_host:$pg_port/$database" --db-user "$pg_user")
start "$work/pg" "${db[@]}"
fill "$work/pg" "$out/postgresql.properties" "${db[@]}"
stop TERM
pg_dump -h "$pg_host" -p "$pg_port" -U "$pg_user" --no-owner --no-privileges "$database" >"$out/postgresql.sql"
zip_dir "$out/postgresql-files.zip" "$work/pg"

cat >"$out/README.md" <<EOF
# Upgrade fixture: schema V$schema

Written by Cowatch ${version:-?} at commit $commit ($(git -C "$root" log -1 --format='%h %cs' "$commit")),
through its own HTTP and WebSocket API, by \`scripts/make-upgrade-fixture.sh $1\` on $(date -u +%F)
(the filling: \`scripts/upgrade-fixture/Fill.java\`). Do not edit these files: make a new fixture instead.
\`UpgradeFromPreviousReleaseTest\` starts the current server on each and expects the values in the
\`.properties\` files. See docs/operations.md, "Upgrades".

| file | what |
| --- | --- |
| sqlite-killed.zip | the data directory after \`kill -9\`: \`cowatch.db\` with its write-ahead log \`cowatch.db-wal\` |
| sqlite-stopped.zip | the same after that version started again and stopped on SIGTERM |
| sqlite.properties | what was made, and what that server showed at the end |
| postgresql.sql | \`pg_dump --no-owner --no-privileges\` of the database another run filled |
| postgresql-files.zip | that run's data directory (signing secret, media) |
| postgresql.properties | what that run made and showed |
EOF
ls -l "$out" >&2

#!/usr/bin/env bash
# The reference PostgreSQL for Cowatch nodes that must outlive the loss of the database server: a primary and a
# streaming standby made from it with pg_basebackup, from Debian's postgresql package (the programs pg_createcluster
# runs, here under DIR so that nothing of the machine's own clusters is touched). Run as root: the servers run as the
# postgres user, which PostgreSQL requires.
#
#   scripts/pg-standby.sh start DIR PORT      primary on PORT, standby on PORT+1, replication synchronous
#   scripts/pg-standby.sh start-async DIR PORT   the same, replication asynchronous (to compare what it costs)
#   scripts/pg-standby.sh kill-primary DIR    the primary dies at once (SIGKILL to it and its backends), as with its machine
#   scripts/pg-standby.sh promote DIR         the standby becomes the primary (after the primary is gone)
#   scripts/pg-standby.sh stop DIR            stops both (immediate), whatever state they are in
#
# Then: cowatch --db-user postgres \
#   --db-url 'jdbc:postgresql://127.0.0.1:PORT,127.0.0.1:PORT+1/postgres?targetServerType=primary&socketTimeout=10'
# (socketTimeout: while the standby is down, the primary's commits wait for it without end; bounded, a request is
# answered 503 instead of hanging. docs/operations.md says more.)
#
# Synchronous: the primary acknowledges a commit only once the standby has it on disk (synchronous_commit = on with
# the standby named in synchronous_standby_names), so a write Cowatch acknowledged is on the standby when the primary
# dies, and a promotion loses nothing (docs/operations.md, "High availability: PostgreSQL with a standby"). The standby
# itself names no synchronous standby of its own: once promoted, alone, it must not wait for one that is not there.
set -euo pipefail

STANDBY_NAME=cowatch_standby

usage() {
  echo "usage: $0 start|start-async DIR PORT | kill-primary DIR | promote DIR | stop DIR" >&2
  exit 2
}

bin() {
  local b
  b=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "$b/initdb" ] || { echo "pg-standby: no PostgreSQL under /usr/lib/postgresql (Debian's postgresql package)" >&2; exit 1; }
  echo "$b"
}

as_postgres() {
  runuser -u postgres -- "$@"
}

# pg_ctl start for the cluster in $1 on port $2 with extra settings $3.
start_cluster() {
  local data=$1 port=$2 settings=$3 dir
  dir=$(dirname "$data")
  as_postgres "$BIN/pg_ctl" -D "$data" -l "$data.log" -w -t 30 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $settings" start > /dev/null
}

start() {
  local mode=$1 dir=$2 port=$3 standby=$(($3 + 1))
  mkdir -p "$dir"
  chown postgres "$dir"
  echo "$port" > "$dir/port"
  as_postgres "$BIN/initdb" -D "$dir/primary" -A trust -U postgres -E UTF8 > "$dir/initdb.log"
  {
    echo "wal_level = replica"
    echo "max_wal_senders = 5"
    echo "wal_keep_size = 256MB"
    echo "hot_standby = on"
    # A standby that stopped hearing from the primary is told so within seconds, not minutes.
    echo "wal_receiver_timeout = 5s"
    echo "wal_sender_timeout = 5s"
  } >> "$dir/primary/postgresql.conf"
  echo "host replication postgres 127.0.0.1/32 trust" >> "$dir/primary/pg_hba.conf"
  local sync="-c synchronous_standby_names=$STANDBY_NAME -c synchronous_commit=on"
  [ "$mode" = async ] && sync="-c synchronous_standby_names= "
  start_cluster "$dir/primary" "$port" "$sync"
  # -R writes standby.signal and primary_conninfo; the application name is what synchronous_standby_names names.
  as_postgres "$BIN/pg_basebackup" -h 127.0.0.1 -p "$port" -U postgres -D "$dir/standby" -R -X stream \
    -d "application_name=$STANDBY_NAME" > "$dir/basebackup.log" 2>&1
  start_cluster "$dir/standby" "$standby" "-c synchronous_standby_names= "
  # Ready when the primary streams to the standby (and, synchronous, counts it as its synchronous standby).
  for _ in $(seq 1 100); do
    local state
    state=$(as_postgres "$BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -Atc \
      "select sync_state from pg_stat_replication where application_name = '$STANDBY_NAME' and state = 'streaming'" \
      2>/dev/null || true)
    if { [ "$mode" = sync ] && [ "$state" = sync ]; } || { [ "$mode" = async ] && [ -n "$state" ]; }; then
      echo "pg-standby: primary 127.0.0.1:$port, standby 127.0.0.1:$standby ($mode replication)"
      return 0
    fi
    sleep 0.1
  done
  echo "pg-standby: the standby did not stream from the primary within 10 s; logs in $dir" >&2
  stop "$dir"
  return 1
}

kill_primary() {
  local dir=$1 pid
  pid=$(head -1 "$dir/primary/postmaster.pid")
  # The backends and the postmaster together: a postmaster killed alone leaves its backends serving for a moment.
  # Stopped first, so that it cannot start new backends or restart those killed; its children found in /proc (a new
  # Debian has no procps).
  kill -STOP "$pid" 2>/dev/null || true
  local status
  for status in $(grep -l "^PPid:[[:space:]]*$pid\$" /proc/[0-9]*/status 2>/dev/null); do
    kill -9 "$(basename "$(dirname "$status")")" 2>/dev/null || true
  done
  kill -9 "$pid"
  echo "pg-standby: the primary (pid $pid) was killed"
}

promote() {
  local dir=$1
  as_postgres "$BIN/pg_ctl" -D "$dir/standby" -w -t 30 promote > /dev/null
  echo "pg-standby: the standby on 127.0.0.1:$(($(cat "$dir/port") + 1)) is the primary"
}

stop() {
  local dir=$1
  for c in primary standby; do
    [ -f "$dir/$c/postmaster.pid" ] && as_postgres "$BIN/pg_ctl" -D "$dir/$c" -m immediate -w stop > /dev/null 2>&1 || true
  done
}

BIN=$(bin)
case "${1:-}" in
  start) [ $# -eq 3 ] || usage; start sync "$2" "$3" ;;
  start-async) [ $# -eq 3 ] || usage; start async "$2" "$3" ;;
  kill-primary) [ $# -eq 2 ] || usage; kill_primary "$2" ;;
  promote) [ $# -eq 2 ] || usage; promote "$2" ;;
  stop) [ $# -eq 2 ] || usage; stop "$2" ;;
  *) usage ;;
esac

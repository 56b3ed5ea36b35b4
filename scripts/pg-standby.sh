#!/usr/bin/env bash
# The reference PostgreSQL for Cowatch nodes that must outlive the loss of the database server: a primary and a
# streaming standby made from it with pg_basebackup, from Debian's postgresql package (the programs pg_createcluster
# runs, here under DIR so that nothing of the machine's own clusters is touched). Run as root: the servers run as the
# postgres user, which PostgreSQL requires.
#
#   scripts/pg-standby.sh start DIR PORT         primary on PORT, standby on PORT+1, replication synchronous
#   scripts/pg-standby.sh start-async DIR PORT   the same, replication asynchronous (to compare what it costs)
#   scripts/pg-standby.sh kill-primary DIR       the primary dies at once (SIGKILL to it and its backends), as with its machine
#   scripts/pg-standby.sh promote DIR            the standby becomes the primary (after the primary is gone)
#   scripts/pg-standby.sh rebuild DIR            a new standby where the dead primary was (its data dropped, a new copy
#                                                of the new primary's), streaming, synchronous again when it was
#   scripts/pg-standby.sh primary DIR            prints the primary's port
#   scripts/pg-standby.sh stop DIR               stops both (immediate), whatever state they are in
#
# kill-primary, promote and rebuild may follow each other any number of times: the two ports swap roles each time.
# With PG_STANDBY_HOST set, both listen there rather than on 127.0.0.1 (an address Cowatch nodes in network
# namespaces of their own reach; local connections are trusted from 10.0.0.0/8 then).
#
# Then: cowatch --db-user postgres \
#   --db-url 'jdbc:postgresql://127.0.0.1:PORT,127.0.0.1:PORT+1/postgres?targetServerType=primary&socketTimeout=10'
# (socketTimeout: while the standby is down, the primary's commits wait for it without end; bounded, a request is
# answered 503 instead of hanging. docs/operations.md says more.)
#
# Synchronous: the primary acknowledges a commit only once the standby has it on disk (synchronous_commit = on with
# the standby named in synchronous_standby_names), so a write Cowatch acknowledged is on the standby when the primary
# dies, and a promotion loses nothing (docs/operations.md, "High availability: PostgreSQL with a standby"). A promoted
# standby names no synchronous standby until rebuild has made one: alone, it must not wait for one that is not there.
set -euo pipefail

STANDBY_NAME=cowatch_standby
HOST=${PG_STANDBY_HOST:-127.0.0.1}

usage() {
  echo "usage: $0 start|start-async DIR PORT | kill-primary|promote|rebuild|primary|stop DIR" >&2
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

sql() {
  local port=$1
  shift
  as_postgres "$BIN/psql" -h "$HOST" -p "$port" -U postgres -Atc "$@"
}

# pg_ctl start for the cluster of port $2 under $1.
start_cluster() {
  local dir=$1 port=$2
  as_postgres "$BIN/pg_ctl" -D "$dir/pg-$port" -l "$dir/pg-$port.log" -w -t 30 \
    -o "-p $port -k $dir -c listen_addresses=$HOST" start > /dev/null
}

# The two ports of the setup, the first given to start first.
ports() {
  local first
  first=$(cat "$1/port")
  echo "$first $((first + 1))"
}

# The port whose server answers with pg_is_in_recovery() = $2 (f: the primary, t: the standby); nothing when none does.
port_in_recovery() {
  local p
  for p in $(ports "$1"); do
    if [ "$(sql "$p" "select pg_is_in_recovery()" 2>/dev/null || true)" = "$2" ]; then
      echo "$p"
      return 0
    fi
  done
}

primary_port() {
  port_in_recovery "$1" f
}

# The other of the setup's two ports.
other_port() {
  local p
  for p in $(ports "$1"); do
    if [ "$p" != "$2" ]; then echo "$p"; fi
  done
}

# Until the primary on $2 streams to the standby (and, synchronous, counts it as its synchronous standby).
await_streaming() {
  local dir=$1 primary=$2 mode state
  mode=$(cat "$dir/mode")
  for _ in $(seq 1 100); do
    state=$(sql "$primary" \
      "select sync_state from pg_stat_replication where application_name = '$STANDBY_NAME' and state = 'streaming'" \
      2>/dev/null || true)
    if { [ "$mode" = sync ] && [ "$state" = sync ]; } || { [ "$mode" = async ] && [ -n "$state" ]; }; then return 0; fi
    sleep 0.1
  done
  echo "pg-standby: the standby did not stream from the primary on $HOST:$primary within 10 s; logs in $dir" >&2
  return 1
}

# A standby of the primary on $2 made on port $3: a copy with pg_basebackup, started, streaming; then, synchronous, the
# primary waits for it. The copy's own settings name no synchronous standby (it must not wait once promoted).
make_standby() {
  local dir=$1 primary=$2 port=$3
  rm -rf "$dir/pg-$port"
  # -R writes standby.signal and primary_conninfo; the application name is what synchronous_standby_names names.
  as_postgres "$BIN/pg_basebackup" -h "$HOST" -p "$primary" -U postgres -D "$dir/pg-$port" -R -X stream \
    -d "application_name=$STANDBY_NAME" > "$dir/basebackup.log" 2>&1
  echo "synchronous_standby_names = ''" >> "$dir/pg-$port/postgresql.auto.conf"
  start_cluster "$dir" "$port"
  if [ "$(cat "$dir/mode")" = sync ]; then
    sql "$primary" "alter system set synchronous_standby_names = '$STANDBY_NAME'" > /dev/null
    sql "$primary" "select pg_reload_conf()" > /dev/null
  fi
  await_streaming "$dir" "$primary"
}

start() {
  local mode=$1 dir=$2 port=$3 standby=$(($3 + 1))
  mkdir -p "$dir"
  chown postgres "$dir"
  echo "$port" > "$dir/port"
  echo "$mode" > "$dir/mode"
  as_postgres "$BIN/initdb" -D "$dir/pg-$port" -A trust -U postgres -E UTF8 > "$dir/initdb.log"
  {
    echo "wal_level = replica"
    echo "max_wal_senders = 5"
    echo "wal_keep_size = 256MB"
    echo "hot_standby = on"
    # A standby that stopped hearing from the primary is told so within seconds, not minutes.
    echo "wal_receiver_timeout = 5s"
    echo "wal_sender_timeout = 5s"
    echo "synchronous_commit = on"
  } >> "$dir/pg-$port/postgresql.conf"
  {
    echo "host replication postgres $HOST/32 trust"
    if [ "$HOST" != 127.0.0.1 ]; then
      echo "host all postgres 10.0.0.0/8 trust"
      echo "host replication postgres 10.0.0.0/8 trust"
    fi
  } >> "$dir/pg-$port/pg_hba.conf"
  start_cluster "$dir" "$port"
  if ! make_standby "$dir" "$port" "$standby"; then
    stop "$dir"
    return 1
  fi
  echo "pg-standby: primary $HOST:$port, standby $HOST:$standby ($mode replication)"
}

kill_primary() {
  local dir=$1 port pid
  port=$(primary_port "$dir")
  [ -n "$port" ] || { echo "pg-standby: no primary answers" >&2; return 1; }
  pid=$(head -1 "$dir/pg-$port/postmaster.pid")
  # The backends and the postmaster together: a postmaster killed alone leaves its backends serving for a moment.
  # Stopped first, so that it cannot start new backends or restart those killed; its children found in /proc (a new
  # Debian has no procps).
  kill -STOP "$pid" 2>/dev/null || true
  local status
  for status in $(grep -l "^PPid:[[:space:]]*$pid\$" /proc/[0-9]*/status 2>/dev/null); do
    kill -9 "$(basename "$(dirname "$status")")" 2>/dev/null || true
  done
  kill -9 "$pid"
  echo "pg-standby: the primary on port $port (pid $pid) was killed"
}

promote() {
  local dir=$1 port
  port=$(port_in_recovery "$dir" t)
  [ -n "$port" ] || { echo "pg-standby: no standby answers" >&2; return 1; }
  as_postgres "$BIN/pg_ctl" -D "$dir/pg-$port" -w -t 30 promote > /dev/null
  echo "pg-standby: the standby on $HOST:$port is the primary"
}

rebuild() {
  local dir=$1 primary dead
  primary=$(primary_port "$dir")
  [ -n "$primary" ] || { echo "pg-standby: no primary answers to copy" >&2; return 1; }
  dead=$(other_port "$dir" "$primary")
  # Whatever is left of the old primary goes; one still running is stopped first. Only when its pid file names a
  # postgres of that folder: the pid of a server killed may be another process's by now, which pg_ctl would signal.
  local pid
  pid=$(head -1 "$dir/pg-$dead/postmaster.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "postgres.*$dir/pg-$dead"; then
    as_postgres "$BIN/pg_ctl" -D "$dir/pg-$dead" -m immediate -w stop > /dev/null 2>&1 || true
  fi
  # The killed server's socket lock names its pid too; a new server on the port refuses to start while that pid runs.
  rm -f "$dir/.s.PGSQL.$dead" "$dir/.s.PGSQL.$dead.lock"
  make_standby "$dir" "$primary" "$dead"
  echo "pg-standby: a new standby on $HOST:$dead streams from the primary on $HOST:$primary"
}

stop() {
  local dir=$1 p
  for p in $(ports "$dir"); do
    [ -f "$dir/pg-$p/postmaster.pid" ] && as_postgres "$BIN/pg_ctl" -D "$dir/pg-$p" -m immediate -w stop > /dev/null 2>&1 || true
  done
}

BIN=$(bin)
case "${1:-}" in
  start) [ $# -eq 3 ] || usage; start sync "$2" "$3" ;;
  start-async) [ $# -eq 3 ] || usage; start async "$2" "$3" ;;
  kill-primary) [ $# -eq 2 ] || usage; kill_primary "$2" ;;
  promote) [ $# -eq 2 ] || usage; promote "$2" ;;
  rebuild) [ $# -eq 2 ] || usage; rebuild "$2" ;;
  primary) [ $# -eq 2 ] || usage; primary_port "$2" ;;
  stop) [ $# -eq 2 ] || usage; stop "$2" ;;
  *) usage ;;
esac

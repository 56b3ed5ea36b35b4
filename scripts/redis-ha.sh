#!/usr/bin/env bash
# The reference Redis for several Cowatch nodes that must outlive the loss of Redis itself: one primary, one replica
# and three sentinels (a quorum of two), from Debian's redis-server (a sentinel is `redis-server --sentinel`, the
# program Debian's redis-sentinel package starts). Everything lives under DIR; nothing is written elsewhere.
#
#   scripts/redis-ha.sh start DIR PORT   primary on PORT, replica on PORT+1, sentinels on PORT+10, +11, +12
#   scripts/redis-ha.sh primary DIR      prints the port of the instance the sentinels name the primary
#   scripts/redis-ha.sh kill-primary DIR the primary dies at once (SIGKILL), as with its machine; the sentinels promote
#                                        the replica within about three seconds
#   scripts/redis-ha.sh restart DIR      starts again each instance that is not running (a killed primary comes back
#                                        empty and the sentinels make it the new primary's replica)
#   scripts/redis-ha.sh ready DIR        succeeds when every sentinel knows a replica that is up and in sync (a primary
#                                        killed now would be replaced; the sentinels also wait twice their
#                                        failover-timeout, 10 s, before they fail the same name over again)
#   scripts/redis-ha.sh stop DIR         stops what start started (SIGTERM, then SIGKILL)
#
# With REDIS_HA_HOST set, everything listens there rather than on 127.0.0.1 (an address Cowatch nodes in network
# namespaces of their own reach).
#
# Then: cowatch --redis-sentinel 127.0.0.1:PORT+10,127.0.0.1:PORT+11,127.0.0.1:PORT+12 --redis-master cowatch
#
# With REDIS_HA_PASSWORD set, the primary and the replica ask for it (requirepass; masterauth, so that either can be
# the other's replica) and the sentinels use it to watch them (auth-pass); the nodes then need COWATCH_REDIS_PASSWORD.
# With REDIS_HA_SENTINEL_PASSWORD set, the sentinels ask for it too (COWATCH_REDIS_SENTINEL_PASSWORD).
#
# The figures (docs/operations.md, "High availability"): a primary that stops answering is judged down after 1.5 s
# (down-after-milliseconds) by two sentinels, which then promote the replica; nodes find the new primary through the
# sentinels when they reconnect. Replication is asynchronous: what Cowatch must not lose it also writes to the
# database or waits for (docs/operations.md says which).
set -euo pipefail

MASTER_NAME=cowatch
PASSWORD=${REDIS_HA_PASSWORD:-}
HOST=${REDIS_HA_HOST:-127.0.0.1}
SENTINEL_PASSWORD=${REDIS_HA_SENTINEL_PASSWORD:-}

# redis-cli against a Redis of this setup (-p PORT first), with the password it asks for; quiet about it.
data_cli() {
  if [ -n "$PASSWORD" ]; then REDISCLI_AUTH=$PASSWORD redis-cli --no-auth-warning "$@"; else redis-cli "$@"; fi
}

sentinel_cli() {
  if [ -n "$SENTINEL_PASSWORD" ]; then
    REDISCLI_AUTH=$SENTINEL_PASSWORD redis-cli --no-auth-warning "$@"
  else
    redis-cli "$@"
  fi
}

# Without a password Redis answers only loopback connections; on another address (REDIS_HA_HOST, reached only from the
# network namespaces the caller made) it must be told that this is intended.
protected_mode() {
  if [ "$HOST" != 127.0.0.1 ] && [ -z "$PASSWORD" ]; then echo "protected-mode no"; fi
}

usage() {
  echo "usage: $0 start DIR PORT | primary|kill-primary|restart|stop DIR" >&2
  exit 2
}

start() {
  local dir=$1 port=$2
  mkdir -p "$dir"
  echo "$port" > "$dir/port"
  local replica=$((port + 1))
  for p in "$port" "$replica"; do
    mkdir -p "$dir/redis-$p"
    {
      echo "port $p"
      echo "bind $HOST"
      protected_mode
      echo "dir $dir/redis-$p"
      echo "pidfile $dir/redis-$p.pid"
      echo "logfile $dir/redis-$p.log"
      echo "daemonize yes"
      # No snapshot or append-only file: as the machine's own Redis, rooms come back from their checkpoints when
      # Redis loses everything. The replica is what survives the primary here.
      echo "save ''"
      echo "appendonly no"
      # A replica promoted by the sentinels takes writes; until then it refuses them.
      echo "replica-read-only yes"
      # The replica's first copy goes at once, not after the default 5 s wait for more replicas to share it: until it
      # has it, the primary counts no replica to wait for.
      echo "repl-diskless-sync-delay 0"
      if [ "$p" = "$replica" ]; then echo "replicaof $HOST $port"; fi
      if [ -n "$PASSWORD" ]; then
        echo "requirepass $PASSWORD"
        echo "masterauth $PASSWORD"
      fi
    } > "$dir/redis-$p.conf"
    redis-server "$dir/redis-$p.conf"
  done
  for i in 10 11 12; do
    local s=$((port + i))
    {
      echo "port $s"
      echo "bind $HOST"
      protected_mode
      echo "dir $dir"
      echo "pidfile $dir/sentinel-$s.pid"
      echo "logfile $dir/sentinel-$s.log"
      echo "daemonize yes"
      echo "sentinel monitor $MASTER_NAME $HOST $port 2"
      # Not below 1.5 s: at 0.5 s the sentinels judged the replica they had just promoted down about 0.5 s after its
      # promotion (a sentinel redials an instance at most once a second) and failed over again, and again: two primaries
      # at once for seconds, each taking writes that the next resynchronisation threw away (2026-11-29, 4 to 10
      # kills at each setting: failovers with no kill at 0.5 s and at 1 s, none at 1.5 or 2 s; `bench/run faults` counts
      # them: "redis failovers").
      echo "sentinel down-after-milliseconds $MASTER_NAME 1500"
      echo "sentinel failover-timeout $MASTER_NAME 5000"
      echo "sentinel parallel-syncs $MASTER_NAME 1"
      if [ -n "$PASSWORD" ]; then echo "sentinel auth-pass $MASTER_NAME $PASSWORD"; fi
      if [ -n "$SENTINEL_PASSWORD" ]; then
        echo "requirepass $SENTINEL_PASSWORD"
        # Sentinels talk to each other with it too.
        echo "sentinel sentinel-pass $SENTINEL_PASSWORD"
      fi
    } > "$dir/sentinel-$s.conf"
    # A sentinel rewrites its configuration file as it learns (replicas, other sentinels, failovers).
    redis-server "$dir/sentinel-$s.conf" --sentinel
  done
  # Ready when the replica holds the primary's data, and every sentinel knows the primary, its replica and the two other
  # sentinels.
  for _ in $(seq 1 100); do
    local ready=1
    case "$(data_cli -h "$HOST" -p "$replica" info replication 2>/dev/null | tr -d '\r')" in
      *"master_link_status:up"*) ;;
      *) ready=0 ;;
    esac
    for i in 10 11 12; do
      local info
      info=$(sentinel_cli -h "$HOST" -p $((port + i)) sentinel master "$MASTER_NAME" 2>/dev/null | tr '\n' ' ') || info=""
      case "$info" in
        *"num-slaves 1 "*"num-other-sentinels 2 "*) ;;
        *) ready=0 ;;
      esac
    done
    if [ $ready = 1 ]; then
      echo "redis-ha: primary $HOST:$port, replica $HOST:$replica, sentinels $HOST:$((port + 10)),$HOST:$((port + 11)),$HOST:$((port + 12)), master name $MASTER_NAME"
      return 0
    fi
    sleep 0.1
  done
  echo "redis-ha: the sentinels did not find each other and the replica within 10 s; logs in $dir" >&2
  stop "$dir"
  return 1
}

# The primary's port as the first sentinel that answers names it.
primary() {
  local dir=$1 base i answer
  base=$(cat "$dir/port")
  for i in 10 11 12; do
    answer=$(sentinel_cli -h "$HOST" -p $((base + i)) sentinel get-master-addr-by-name "$MASTER_NAME" 2>/dev/null \
      | tail -1) || answer=""
    if [ -n "$answer" ]; then
      echo "$answer"
      return 0
    fi
  done
  echo "redis-ha: no sentinel answers" >&2
  return 1
}

kill_primary() {
  local dir=$1 port pid
  port=$(primary "$dir")
  pid=$(cat "$dir/redis-$port.pid")
  kill -9 "$pid"
  # A pid file left behind names, once the pid is reused, another process: restart would take it for this one.
  rm -f "$dir/redis-$port.pid"
  echo "redis-ha: the primary on port $port (pid $pid) was killed"
}

ready() {
  local dir=$1 base i
  base=$(cat "$dir/port")
  for i in 10 11 12; do
    local replicas
    replicas=$(sentinel_cli -h "$HOST" -p $((base + i)) sentinel replicas "$MASTER_NAME" 2>/dev/null | paste - -) \
      || return 1
    # One replica (the setup has one): not judged down, and its link to the primary up.
    grep -qx "flags	slave" <<< "$replicas" && grep -qx "master-link-status	ok" <<< "$replicas" || return 1
  done
}

# A data instance comes back as the replica of the primary the sentinels name, at once: left to the sentinels, it would
# be an empty primary of its own for up to ten seconds (they look at an instance's role every ten).
restart() {
  local dir=$1 conf name pid current
  current=$(primary "$dir")
  for conf in "$dir"/redis-*.conf "$dir"/sentinel-*.conf; do
    name=$(basename "$conf" .conf)
    pid=$(cat "$dir/$name.pid" 2>/dev/null || true)
    # Running: the pid is a Redis on this instance's port (a pid of a killed instance may be another process's now).
    if [ -n "$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "redis-server .*:${name##*-}"; then
      continue
    fi
    case "$conf" in
      */sentinel-*) redis-server "$conf" --sentinel ;;
      *) redis-server "$conf" --replicaof "$HOST" "$current" ;;
    esac
    echo "redis-ha: $name started again"
  done
}

stop() {
  local dir=$1
  shopt -s nullglob
  local pids=()
  for f in "$dir"/*.pid; do
    pids+=("$(cat "$f")")
  done
  [ ${#pids[@]} -eq 0 ] && return 0
  kill "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 1 50); do
    local alive=0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.1
  done
  kill -9 "${pids[@]}" 2>/dev/null || true
  rm -f "$dir"/*.pid
}

case "${1:-}" in
  start) [ $# -eq 3 ] || usage; start "$2" "$3" ;;
  primary) [ $# -eq 2 ] || usage; primary "$2" ;;
  kill-primary) [ $# -eq 2 ] || usage; kill_primary "$2" ;;
  restart) [ $# -eq 2 ] || usage; restart "$2" ;;
  ready) [ $# -eq 2 ] || usage; ready "$2" ;;
  stop) [ $# -eq 2 ] || usage; stop "$2" ;;
  *) usage ;;
esac

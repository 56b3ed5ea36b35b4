#!/usr/bin/env bash
# Stops what scripts/cluster-up.sh started: scripts/cluster-down.sh [--dir /tmp/cowatch-cluster]
set -uo pipefail
dir=/tmp/cowatch-cluster
[ "${1:-}" = "--dir" ] && dir="$2"
[ -f "$dir/nginx/nginx.pid" ] && nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -s stop
for pid in "$dir"/node-*.pid; do
  [ -e "$pid" ] || continue
  kill "$(cat "$pid")" 2>/dev/null
  rm -f "$pid"
done
echo "cluster-down: stopped (logs kept in $dir)"

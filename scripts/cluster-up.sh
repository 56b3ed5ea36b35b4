#!/usr/bin/env bash
# A reference cluster on this machine: N Cowatch nodes (default 3) sharing PostgreSQL and Redis, behind
# Debian's nginx. docs/operations.md, "Several nodes".
#
#   scripts/cluster-up.sh [--nodes N] [--port 8080] [--db-url jdbc:postgresql://127.0.0.1:5432/cowatch]
#                         [--db-user postgres] [--redis-url redis://127.0.0.1:6379] [--dir /tmp/cowatch-cluster]
#   scripts/cluster-down.sh [--dir /tmp/cowatch-cluster]
#
# Node i listens on 127.0.0.1:(port+i) with its data under DIR/node-i; nginx listens on PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
nodes=3 port=8080 dir=/tmp/cowatch-cluster
db_url=jdbc:postgresql://127.0.0.1:5432/cowatch db_user=postgres redis_url=redis://127.0.0.1:6379
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --db-url) db_url="$2"; shift 2 ;;
    --db-user) db_user="$2"; shift 2 ;;
    --redis-url) redis_url="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    *) echo "cluster-up: unknown option $1" >&2; exit 2 ;;
  esac
done
scripts/install-tools.sh nginx
# The default database is made when missing (a local PostgreSQL that trusts the user, as here).
if [ "$db_url" = "jdbc:postgresql://127.0.0.1:5432/cowatch" ] && command -v psql >/dev/null 2>&1; then
  if ! psql -h 127.0.0.1 -U "$db_user" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='cowatch'" | grep -q 1; then
    createdb -h 127.0.0.1 -U "$db_user" cowatch
  fi
fi
./cowatch --version >/dev/null   # builds the server when sources changed
. scripts/jdk.sh
find_jdk
mkdir -p "$dir"
# Every node signs and checks sessions with one secret: a token from one node is good on all.
[ -s "$dir/jwt-secret" ] || (umask 077; head -c 32 /dev/urandom | base64 >"$dir/jwt-secret")
COWATCH_JWT_SECRET="$(cat "$dir/jwt-secret")"
export COWATCH_JWT_SECRET
upstreams=""
for i in $(seq 1 "$nodes"); do
  node_port=$((port + i))
  mkdir -p "$dir/node-$i"
  "$JAVA" --enable-native-access=ALL-UNNAMED -cp "server/target/cowatch-server.jar:server/target/lib/*" \
    dev.cowatch.server.cli.Main --host 127.0.0.1 --port "$node_port" --data-dir "$dir/node-$i" \
    --db-url "$db_url" --db-user "$db_user" --redis-url "$redis_url" --public-url "http://127.0.0.1:$port" \
    --connections-per-address 100000 --trusted-proxies 127.0.0.1 >"$dir/node-$i.log" 2>&1 &
  echo $! >"$dir/node-$i.pid"
  upstreams="$upstreams    server 127.0.0.1:$node_port max_fails=1 fail_timeout=5s;\n"
done
for i in $(seq 1 "$nodes"); do
  node_port=$((port + i))
  for _ in $(seq 1 600); do
    if curl -fsS "http://127.0.0.1:$node_port/api/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$(cat "$dir/node-$i.pid")" 2>/dev/null; then
      echo "cluster-up: node $i exited; see $dir/node-$i.log" >&2; exit 1
    fi
    sleep 0.1
  done
done
mkdir -p "$dir/nginx"
sed -e "s|@PREFIX@|$dir/nginx|g" -e "s|@LISTEN@|127.0.0.1:$port|g" -e "s|@NODES@|$upstreams|g" \
  deploy/cluster/nginx.conf.template >"$dir/nginx/nginx.conf"
nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf"
echo "cluster-up: $nodes nodes behind http://127.0.0.1:$port (logs in $dir)"

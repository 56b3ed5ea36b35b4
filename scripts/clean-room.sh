#!/usr/bin/env bash
# Do the README's two commands work on a NEW machine? Runs them in a clean room: a minimal Debian 12 root,
# with only what a new machine of this project's kind has, and a clean clone of the repository in it.
#
# Usage (as root, on Debian 12):
#   scripts/clean-room.sh [--dir DIR] [--keep-root] [--ref REF] [--tests 'MAVEN ARGS'] [--no-start]
#   scripts/clean-room.sh --root-only | --shell      prepare the root only (and check its tools / open a shell)
#     --dir DIR       work folder (default /var/tmp/cowatch-clean-room): base-*.tar, root/, logs/
#     --keep-root     reuse the base root tarball of an earlier run when there is one (building it takes
#                     minutes); the default builds it fresh. The root itself is always unpacked anew.
#     --ref REF       what to clone (default HEAD of the repository this script is in; committed work only)
#     --tests ARGS    what follows `./mvnw -B` in step 2 (default `verify`, the README's test command), read
#                     by the root's shell, e.g. --tests '-pl core,protocol,client-java,client-webrtc -am verify'
#     --no-start      leave out step 1 (`./cowatch`)
# The last line it prints is
#   clean-room: start_ok=<0|1> tests=<n> failures=<n> minutes=<m>
# (tests and failures+errors summed over the surefire and failsafe XML reports; minutes: the whole run). It
# exits 0 when both steps passed, 1 when the start or a test failed, 2 when the clean room itself could not be
# made. Logs: DIR/logs/ (copies of the ones under the root's /work/logs).
#
# How, and why so:
# - The root: mmdebstrap (installed when missing), variant minbase of bookworm, from the Debian mirror(s) in
#   this machine's /etc/apt/sources.list(.d), plus KIND_PACKAGES below; packed as DIR/base-<key>.tar (the key
#   hashes the suite, the packages and the mirrors, so a change builds anew even with --keep-root).
# - A new machine of this kind (/work/.library/env/machines/java-maven-svc.md) has OpenJDK 17 as the default
#   java, Temurin 25 under /usr/lib/jvm, Node.js 20 with npm 11 (not Debian's node 18), git, curl, python3,
#   gcc, and trusts the certificate authorities of its network (the registries are reached through a TLS
#   proxy whose CA every machine of the kind has in /usr/local/share/ca-certificates, and npm is pointed at
#   the system's CA bundle in /etc/npmrc). Temurin, Node.js/npm, the local CAs and the npmrc files are copied
#   from this machine, which is one of the kind; the rest comes from Debian. Nothing else: the kind also has
#   Maven, iproute2, procps, unzip, systemd ... but ./mvnw fetches its own Maven, and whatever else the build
#   needs must be on scripts/machine-packages.txt, which the build installs itself. So this room is a little
#   stricter than the kind: a pass here is a pass on the kind, and a failure names a missing line of the list.
#   root's home is empty (no ~/.m2, no ~/.npmrc): Maven and npm download everything.
# - Services: a chroot shares this machine's network, so the root reaches the kind's services on loopback:
#   PostgreSQL 15 (127.0.0.1:5432, trust, databases test and postgres) and Redis (127.0.0.1:6379), which the
#   suite uses, and RabbitMQ and NATS, which the kind runs too (no test connects to them today). Each is
#   probed here and, when it does not answer, started with the kind's own command; PostgreSQL or Redis down
#   for good stops the run. They are shared with whoever else uses this machine, as on the kind.
# - In the root, dpkg must not start services (nginx, coturn, prometheus ... installed by the build would run
#   in this machine's network, on ports the tests use): a policy-rc.d denies every start.
# - Mounts: the root bound onto itself (so that its / is a mount point, as `ip netns exec` needs), fresh proc,
#   sysfs, a tmpfs /dev/shm and a tmpfs /run (the e2e tests' `ip netns add` makes /run/netns there), this
#   machine's /dev and /dev/pts bound (not recursively), all private. On every exit, Ctrl-C
#   included, the processes left in the root are ended (the root shares this machine's process table) and
#   every mount under the root, also those the tests made, is unmounted, deepest first.
# - Step 1 runs `./cowatch` as the README says (it builds first) and waits for GET /api/health on
#   http://localhost:8080 (up to START_LIMIT seconds), then stops it with SIGTERM. Port 8080 must be free here.
# - Step 2 runs `./mvnw -B verify` (or --tests), as root like the kind's CI: its validate phase runs
#   scripts/install-tools.sh --all, which apt-installs the list into the root. Afterwards every entry of the
#   list is checked in the root, so a line whose package does not bring its command shows.
set -euo pipefail

readonly SUITE=bookworm VARIANT=minbase
# What Debian brings of a new machine of the kind (the rest is copied from this machine, see above).
readonly KIND_PACKAGES=(openjdk-17-jdk-headless ca-certificates curl git python3 gcc g++ make)
readonly TEMURIN=/usr/lib/jvm/temurin-25-jdk-amd64
readonly CLONE=/work/cowatch          # the clean clone, inside the root
readonly LOGS_IN_ROOT=/work/logs
readonly HEALTH_URL=http://localhost:8080/api/health
readonly START_LIMIT=900              # seconds for ./cowatch to build and answer
readonly STOP_LIMIT=300               # seconds for it to stop (the first stop after a build writes its AOT cache)
readonly PATH_IN_ROOT=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# The environment of a command in the root: a new machine's root, with nothing of this session's.
readonly ROOT_ENV=(/usr/bin/env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/bash TERM=dumb LANG=C.UTF-8
  PATH="$PATH_IN_ROOT")

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
DIR=/var/tmp/cowatch-clean-room
KEEP_ROOT=0
REF=HEAD
TESTS=verify
RUN_START=1
MODE=full             # full | root-only | shell
START_OK=0
TESTS_RUN=0
FAILURES=0
MAVEN_RC=-1           # -1: did not run
SETUP_DONE=0
TIMINGS=()

log() { printf 'clean-room: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }
# 75 seconds -> 1m15s
dur() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
timing() { TIMINGS+=("$1: $(dur "$2")${3:+ ($3)}"); log "$1 took $(dur "$2")${3:+ ($3)}"; }

usage() { sed -n '2,/^# How, and why so/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

parse_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --dir) DIR="${2:?--dir needs a folder}"; shift ;;
      --keep-root) KEEP_ROOT=1 ;;
      --ref) REF="${2:?--ref needs a git ref}"; shift ;;
      --tests) TESTS="${2:?--tests needs Maven arguments}"; shift ;;
      --no-start) RUN_START=0 ;;
      --root-only) MODE=root-only ;;
      --shell) MODE=shell ;;
      -h|--help) usage; exit 0 ;;
      *) usage >&2; die "unknown option '$1'" ;;
    esac
    shift
  done
  case "$DIR" in
    /*/*) ;;
    *) die "--dir must be an absolute path below a top folder (not '$DIR')" ;;
  esac
  # mountinfo escapes blanks; a folder without them keeps the unmounting simple and safe.
  [[ "$DIR" =~ ^[A-Za-z0-9/._-]+$ ]] || die "--dir may hold only letters, digits and / . _ -"
  DIR="${DIR%/}"
  ROOT="$DIR/root"
}

# ---------------------------------------------------------------------------------------------------------
# This machine: tools, port 8080, services

check_host() {
  [ "$(id -u)" -eq 0 ] || die "run as root (chroot, mount and apt need it)"
  local tool
  for tool in chroot mount umount tar git flock sha256sum; do
    command -v "$tool" >/dev/null || die "'$tool' is missing on this machine"
  done
  if ! command -v mmdebstrap >/dev/null; then
    log "installing mmdebstrap (Debian's tool to build a root) on this machine"
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq mmdebstrap >/dev/null
  fi
  [ -x "$TEMURIN/bin/java" ] || die "no Temurin at $TEMURIN to copy (a new machine of the kind has it there)"
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then die "no node/npm on this machine to copy"; fi
}

# True when something accepts connections on 127.0.0.1:$1.
tcp_open() { timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

check_port_8080() {
  if tcp_open 8080; then
    local who=""
    command -v ss >/dev/null && who=$(ss -Hltnp 'sport = :8080' 2>/dev/null | head -n 3)
    die "port 8080 is in use on this machine, and ./cowatch in the root would share it; stop that first${who:+:
$who}"
  fi
}

# The kind's services, as the kind starts them. Each: name, port, required (1) or not, start command.
pg_probe() {
  if command -v pg_isready >/dev/null; then pg_isready -q -h 127.0.0.1 -p 5432; else tcp_open 5432; fi
}
redis_probe() {
  if command -v redis-cli >/dev/null; then [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]
  else tcp_open 6379; fi
}
pg_start() {
  # shellcheck disable=SC2046 # one cluster version per machine, as the kind's command assumes
  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
}
redis_start() {
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log >/dev/null
}
rabbitmq_probe() { tcp_open 5672; }
nats_probe() { tcp_open 4222; }
rabbitmq_start() { rabbitmq-server -detached; }
nats_start() {
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js \
    -sd /var/lib/nats-server -l /var/log/nats-server.log
}

ensure_service() {
  local name=$1 probe=$2 start=$3 required=$4 i
  if "$probe"; then log "service $name answers"; return 0; fi
  log "service $name does not answer: starting it as the kind does"
  "$start" >&2 || true
  for i in $(seq 60); do
    "$probe" && { log "service $name answers (after ${i}s)"; return 0; }
    sleep 1
  done
  if [ "$required" = 1 ]; then die "service $name does not answer, and the suite needs it"; fi
  log "warning: service $name does not answer (the kind runs it; no test uses it today)"
}

ensure_services() {
  ensure_service "PostgreSQL (127.0.0.1:5432)" pg_probe pg_start 1
  if command -v psql >/dev/null; then
    psql -h 127.0.0.1 -U postgres -d test -Atqc 'select 1' >/dev/null 2>&1 \
      || die "PostgreSQL answers, but not as the kind's (user postgres, trust, database test)"
  fi
  ensure_service "Redis (127.0.0.1:6379)" redis_probe redis_start 1
  ensure_service "RabbitMQ (127.0.0.1:5672)" rabbitmq_probe rabbitmq_start 0
  ensure_service "NATS (127.0.0.1:4222)" nats_probe nats_start 0
}

# ---------------------------------------------------------------------------------------------------------
# The base root (cached as a tarball) and the root

# The Debian entries of this machine's apt sources, one "deb URI SUITE COMPONENTS" line each (both formats).
debian_sources() {
  local f
  {
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [ -f "$f" ] || continue
      sed -E 's/^[[:space:]]*deb[[:space:]]+\[[^]]*\]/deb/' "$f" | awk '$1 == "deb" && NF >= 4'
    done
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -f "$f" ] || continue
      awk '
        function flush(  n, m, i, j, u, s) {
          if (types ~ /(^| )deb( |$)/ && enabled != "no") {
            n = split(uris, u, " "); m = split(suites, s, " ")
            for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) print "deb", u[i], s[j], comps
          }
          types = uris = suites = comps = ""; enabled = "yes"
        }
        BEGIN { enabled = "yes" }
        /^#/ { next }
        /^[[:space:]]*$/ { flush(); next }
        /^[A-Za-z-]+:/ {
          key = tolower($1); sub(/:$/, "", key); $1 = ""; val = $0; gsub(/^ +| +$/, "", val)
          if (key == "types") types = val; else if (key == "uris") uris = val
          else if (key == "suites") suites = val; else if (key == "components") comps = val
          else if (key == "enabled") enabled = tolower(val)
        }
        END { flush() }' "$f"
    done
  } | awk -v suite="$SUITE" '$3 == suite || index($3, suite "-") == 1' | sort -u
}

base_tarball() {
  local sources key t0=$SECONDS
  sources=$(debian_sources)
  [ -n "$sources" ] || die "no Debian $SUITE entries in /etc/apt/sources.list(.d)"
  key=$(printf '%s\n' "$SUITE" "$VARIANT" "${KIND_PACKAGES[@]}" "$sources" | sha256sum | cut -c1-12)
  BASE_TAR="$DIR/base-$key.tar"
  if [ "$KEEP_ROOT" = 1 ] && [ -s "$BASE_TAR" ]; then
    log "base root: reusing $BASE_TAR (--keep-root)"
    return
  fi
  log "base root: mmdebstrap $VARIANT $SUITE + ${KIND_PACKAGES[*]} (takes minutes)"
  rm -f "$DIR"/base-*.tar "$DIR"/base-*.tar.part
  local mirrors=()
  mapfile -t mirrors <<<"$sources"
  if ! mmdebstrap --quiet --variant="$VARIANT" --format=tar \
      --include="$(IFS=,; echo "${KIND_PACKAGES[*]}")" \
      "$SUITE" "$BASE_TAR.part" "${mirrors[@]}" >"$DIR/logs/mmdebstrap.log" 2>&1; then
    tail -n 20 "$DIR/logs/mmdebstrap.log" >&2
    die "mmdebstrap failed (log: $DIR/logs/mmdebstrap.log)"
  fi
  mv "$BASE_TAR.part" "$BASE_TAR"
  timing "base root build" $((SECONDS - t0)) "$(du -h "$BASE_TAR" | cut -f1) tarball"
}

# The mount points under the root, in the order they were made (field 5 of mountinfo).
mounts_under_root() { awk -v r="$ROOT" '$5 == r || index($5, r "/") == 1 { print $5 }' /proc/self/mountinfo; }

remove_root() {
  [ -e "$ROOT" ] || return 0
  [ -z "$(mounts_under_root)" ] || die "something is still mounted under $ROOT; not removing it"
  rm -rf --one-file-system "$ROOT"
}

# What a new machine of the kind has beyond Debian's packages, copied from this machine (one of the kind).
add_kind_extras() {
  mkdir -p "$ROOT/usr/lib/jvm"
  cp -a "$TEMURIN" "$ROOT/usr/lib/jvm/"
  local node npm_root bin link
  node=$(readlink -f "$(command -v node)")
  npm_root=$(npm root -g)
  bin=$(dirname "$(command -v node)")
  cp -a "$node" "$ROOT$node"
  mkdir -p "$ROOT$npm_root"
  cp -a "$npm_root/npm" "$ROOT$npm_root/"
  [ ! -d "$npm_root/corepack" ] || cp -a "$npm_root/corepack" "$ROOT$npm_root/"
  for link in npm npx corepack; do
    [ ! -L "$bin/$link" ] || cp -P "$bin/$link" "$ROOT$bin/$link"
  done
  # node-gyp builds against these instead of downloading them (the network reaches no node headers).
  [ ! -d /usr/include/node ] || cp -a /usr/include/node "$ROOT/usr/include/"
  for f in /etc/npmrc /usr/etc/npmrc; do
    [ ! -f "$f" ] || { mkdir -p "$ROOT$(dirname "$f")"; cp "$f" "$ROOT$f"; }
  done
  # The network's certificate authorities (installed into the root's stores by update-ca-certificates later).
  if compgen -G '/usr/local/share/ca-certificates/*' >/dev/null; then
    cp -a /usr/local/share/ca-certificates/. "$ROOT/usr/local/share/ca-certificates/"
  fi
  cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf"
  printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >"$ROOT/etc/hosts"
  # dpkg in the root starts no service: it would run in this machine's network (see the header).
  printf '#!/bin/sh\n# clean room: no service starts in this root\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
  chmod 755 "$ROOT/usr/sbin/policy-rc.d"
}

prepare_root() {
  local t0=$SECONDS
  remove_root
  mkdir -p "$ROOT"
  tar -C "$ROOT" --numeric-owner -xpf "$BASE_TAR"
  add_kind_extras
  mount_root
  in_root 'update-ca-certificates >/dev/null 2>&1' || die "update-ca-certificates failed in the root"
  timing "root made anew (the last one removed, the base unpacked, Temurin, Node.js, CAs added)" $((SECONDS - t0))
}

mount_fs() { # type source target [options]
  mkdir -p "$3"
  mount -t "$1" "$2" "$3" ${4:+-o "$4"}
  mount --make-private "$3"
}
bind_dir() {
  mkdir -p "$2"
  mount --bind "$1" "$2"
  mount --make-private "$2"
}
mount_root() {
  # The root's / a mount point of its own: `ip netns exec` (the e2e tests' WebRTC browsers) makes / a slave
  # mount in its new mount namespace, which fails with EINVAL on a plain directory.
  bind_dir "$ROOT" "$ROOT"
  mount_fs proc proc "$ROOT/proc"
  mount_fs sysfs sysfs "$ROOT/sys"
  bind_dir /dev "$ROOT/dev"
  bind_dir /dev/pts "$ROOT/dev/pts"
  mount_fs tmpfs tmpfs "$ROOT/dev/shm" mode=1777
  mount_fs tmpfs tmpfs "$ROOT/run" mode=755
  mkdir -p "$ROOT/run/lock"
  chmod 1777 "$ROOT/tmp"
}

# The processes whose root is the clean room (started by this script, directly or not).
root_pids() {
  local p
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$ROOT" ] && echo "${p#/proc/}"
  done
  return 0
}

end_root_processes() {
  local pids i
  pids=$(root_pids)
  [ -n "$pids" ] || return 0
  log "ending $(echo "$pids" | wc -w) process(es) left in the root"
  # shellcheck disable=SC2086 # a list of pids
  kill -TERM $pids 2>/dev/null || true
  for i in $(seq 20); do
    pids=$(root_pids)
    [ -n "$pids" ] || return 0
    sleep 0.5
  done
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
  sleep 1
}

unmount_root() {
  local m
  # Newest first: a mount made inside another one (a test's /run/netns/<name>) goes before its parent.
  for m in $(mounts_under_root | tac); do
    umount "$m" 2>/dev/null || umount -l "$m" || log "warning: could not unmount $m"
  done
}

# Runs a command line in the root with the environment of a new machine's root user.
in_root() { chroot "$ROOT" "${ROOT_ENV[@]}" /bin/bash -c "$1"; }
# The same for a script on stdin; the arguments are NAME=VALUE pairs added to its environment.
in_root_script() { chroot "$ROOT" "${ROOT_ENV[@]}" "$@" /bin/bash -s; }

# Stage a: the kind's tools work in the root.
check_kind_tools() {
  log "the new machine's tools, in the root:"
  in_root_script TEMURIN="$TEMURIN" >&2 <<'EOF_TOOLS' || die "the root lacks what a new machine of the kind has (see above)"
set -e
v() { printf "  %-8s %s\n" "$1" "$2"; }
v java "$(java -version 2>&1 | head -n1)"
v javac "$(javac -version 2>&1)"
v temurin "$("$TEMURIN/bin/java" -version 2>&1 | head -n1)"
v node "$(node --version)"
v npm "$(npm --version)"
v git "$(git --version)"
v python3 "$(python3 --version)"
v gcc "$(gcc --version | head -n1)"
v curl "$(curl --version | head -n1 | cut -d" " -f1-2)"
java -version 2>&1 | grep -q 'version "17\.' || { echo "the default java is not 17" >&2; exit 1; }
node --version | grep -q '^v20\.' || { echo "node is not 20" >&2; exit 1; }
npm --version | grep -q '^11\.' || { echo "npm is not 11" >&2; exit 1; }
# The registries over TLS with the root's own trust stores (curl: the system bundle; npm: /etc/npmrc's cafile).
curl -fsS -o /dev/null --max-time 30 https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/maven-metadata.xml || { echo "Maven Central unreachable" >&2; exit 1; }
extra=$(ls -A /root | grep -vx -e .bashrc -e .profile || true)
[ -z "$extra" ] || { echo "root's home holds more than a new one: $extra" >&2; exit 1; }
# (npm keeps a cache and logs in its HOME: a scratch one, so that root's home stays empty for the build.)
scratch=$(mktemp -d)
HOME=$scratch npm ping >/dev/null 2>&1 || { echo "the npm registry is unreachable (npm ping)" >&2; exit 1; }
rm -rf "$scratch"
EOF_TOOLS
}

clone_repo() {
  local commit
  commit=$(git -C "$repo" rev-parse --verify "$REF^{commit}") || die "no commit '$REF' in $repo"
  if [ "$REF" = HEAD ] && [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
    log "note: $repo has uncommitted changes; the clean room builds the commit $commit only"
  fi
  mkdir -p "$ROOT$(dirname "$CLONE")" "$ROOT$LOGS_IN_ROOT"
  git clone --quiet --no-local --no-checkout "$repo" "$ROOT$CLONE"
  git -C "$ROOT$CLONE" checkout --quiet --detach "$commit"
  [ -z "$(find "$ROOT$CLONE" \( -name target -o -name node_modules \) -print -quit)" ] \
    || die "the clone has build output in it"
  log "clean clone of $REF ($(git -C "$repo" log -1 --format='%h %s' "$commit" | cut -c1-80)) at $CLONE"
}

# ---------------------------------------------------------------------------------------------------------
# The two steps

# Prefixes each line with the minutes:seconds since the stream began.
stamp() {
  local t0 now line
  printf -v t0 '%(%s)T' -1
  while IFS= read -r line || [ -n "$line" ]; do
    printf -v now '%(%s)T' -1
    printf '[%3d:%02d] %s\n' $(((now - t0) / 60)) $(((now - t0) % 60)) "$line"
  done
}

step_start() {
  local t0=$SECONDS pid status=0
  log "step 1: ./cowatch (builds, then starts; waiting up to $((START_LIMIT / 60)) min for $HEALTH_URL)"
  chroot "$ROOT" "${ROOT_ENV[@]}" /bin/bash -c "cd $CLONE && exec ./cowatch" \
    > >(stamp >"$ROOT$LOGS_IN_ROOT/start.log") 2>&1 &
  pid=$!
  # ./cowatch builds quietly (mvnw -q): the growth of root's ~/.m2, looked at every ~10 s, shows how long
  # Maven downloaded (the wrapper's Maven, plugins, dependencies; interleaved with compiling).
  local polls=0 m2_kb=0 kb m2_last=0
  while :; do
    if [ $((polls++ % 5)) -eq 0 ]; then
      kb=$(du -sk "$ROOT/root/.m2" 2>/dev/null | cut -f1) || kb=0
      if [ "${kb:-0}" -gt "$m2_kb" ]; then m2_kb=$kb; m2_last=$((SECONDS - t0)); fi
    fi
    if in_root "curl -fsS --max-time 3 -o /dev/null $HEALTH_URL" 2>/dev/null; then
      START_OK=1
      break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then log "./cowatch ended before it answered"; break; fi
    if [ $((SECONDS - t0)) -ge "$START_LIMIT" ]; then log "./cowatch did not answer within $START_LIMIT s"; break; fi
    sleep 2
  done
  timing "step 1: ./cowatch build + start until $HEALTH_URL answered" $((SECONDS - t0)) \
    "$([ "$START_OK" = 1 ] && echo answered || echo 'no answer')"
  timing "step 1: Maven downloads, until root's .m2 stopped growing" "$m2_last" "$((m2_kb / 1024)) MB"
  log "step 1: npm: $(grep -o 'added [0-9]* packages.*' "$ROOT$LOGS_IN_ROOT/start.log" | head -n1)"
  t0=$SECONDS
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && [ $((SECONDS - t0)) -lt "$STOP_LIMIT" ]; do sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then
    log "./cowatch did not stop within $STOP_LIMIT s of SIGTERM"
    START_OK=0
  fi
  wait "$pid" 2>/dev/null || status=$?
  timing "step 1: ./cowatch stop (SIGTERM; exit status $status)" $((SECONDS - t0))
  end_root_processes
  if [ "$START_OK" != 1 ]; then
    log "the end of the start log:"
    tail -n 30 "$ROOT$LOGS_IN_ROOT/start.log" >&2 || true
  fi
}

# Sums tests and failures+errors over the surefire and failsafe XML reports of the clone.
count_tests() {
  local sums
  sums=$(find "$ROOT$CLONE" -path '*/target/surefire-reports/TEST-*.xml' -o -path '*/target/failsafe-reports/TEST-*.xml' \
    | while IFS= read -r f; do grep -m1 '<testsuite[ >]' "$f"; done \
    | awk '
        function attr(name,  s) {
          if (match($0, name "=\"[0-9]+\"")) { s = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", s); return s + 0 }
          return 0
        }
        { t += attr("tests"); f += attr("failures") + attr("errors") }
        END { print t + 0, f + 0 }')
  read -r TESTS_RUN FAILURES <<<"$sums"
}

# What the Maven log shows of the time spent: the wrapper until Maven runs, the machine list's install, downloads.
summarize_maven_log() {
  awk '
    function secs(  a) { split(substr($0, 2, 7), a, ":"); return a[1] * 60 + a[2] }
    function unit(u) { return u == "MB" ? 1048576 : u == "kB" ? 1024 : 1 }
    !scan && /Scanning for projects/ { scan = secs() }
    /install-machine-packages/ && /---/ { it0 = secs(); inside = 1; next }
    inside && /\] \[INFO\] --- / { it1 = secs(); inside = 0 }
    /install-tools: installing/ { pkgs++ }
    /Downloaded from/ && match($0, /\([0-9.]+ [kMG]?B at/) {
      split(substr($0, RSTART + 1, RLENGTH), p, " "); bytes += p[1] * unit(p[2]); n++
    }
    /BUILD (SUCCESS|FAILURE)/ { result = $0; sub(/.*BUILD/, "BUILD", result) }
    { last = secs() }
    END {
      if (inside) it1 = last
      printf "wrapper until Maven ran %dm%02ds; install-tools --all %dm%02ds (%d entries installed); %d downloads, %.0f MB; Maven %dm%02ds in all; %s\n",
        scan / 60, scan % 60, (it1 - it0) / 60, (it1 - it0) % 60, pkgs, n, bytes / 1048576, last / 60, last % 60, result
    }' "$1"
}

step_tests() {
  local t0=$SECONDS logf="$ROOT$LOGS_IN_ROOT/tests.log"
  log "step 2: ./mvnw -B $TESTS (log: $LOGS_IN_ROOT/tests.log in the root, copied to $DIR/logs/)"
  # In the background, so that a signal to this script is handled at once (bash runs traps between commands).
  (
    set +e
    in_root "cd $CLONE && ./mvnw -B $TESTS" 2>&1 | stamp | tee "$logf" \
      | grep --line-buffered -E 'Reactor Summary|BUILD (SUCCESS|FAILURE)|Tests run:.*(Failures: [1-9]|Errors: [1-9])|install-tools:|\[ERROR\] (Failed|Tests run|There)'
    echo "${PIPESTATUS[0]}" >"$logf.rc"
  ) &
  wait $!
  MAVEN_RC=$(cat "$logf.rc" 2>/dev/null || echo 1)
  count_tests
  timing "step 2: ./mvnw -B $TESTS" $((SECONDS - t0)) "exit $MAVEN_RC; $(summarize_maven_log "$logf")"
  log "root's .m2 after the build: $(du -sh "$ROOT/root/.m2" 2>/dev/null | cut -f1)"
  check_machine_list
}

# Stage c: every entry of the machine list is there after the build (install-tools installed it, and the
# package does bring the command or library the line names).
check_machine_list() {
  local missing total
  missing=$(in_root_script CLONE="$CLONE" <<'EOF_LIST'
awk '!/^#/ && NF >= 2 { print $1, $2 }' "$CLONE/scripts/machine-packages.txt" | while read -r what pkg; do
  case "$what" in
    *.so|*.so.*) ldconfig -p | grep -q "^[[:space:]]*$what " || echo "$what($pkg)" ;;
    *) command -v "$what" >/dev/null || echo "$what($pkg)" ;;
  esac
done
EOF_LIST
  ) || true
  total=$(awk '!/^#/ && NF >= 2' "$ROOT$CLONE/scripts/machine-packages.txt" | wc -l)
  if [ -z "$missing" ]; then
    log "machine list: all $total entries present in the root"
  else
    log "machine list: missing in the root after the build: $(echo "$missing" | tr '\n' ' ')"
  fi
}

# ---------------------------------------------------------------------------------------------------------

finish() {
  local rc=$?
  trap - EXIT INT TERM
  end_root_processes
  unmount_root
  if [ "$SETUP_DONE" = 1 ] && [ -d "$ROOT$LOGS_IN_ROOT" ]; then
    local f
    for f in "$ROOT$LOGS_IN_ROOT"/*.log; do
      [ -f "$f" ] && cp "$f" "$DIR/logs/$STAMP-$(basename "$f")"
    done
    log "logs: $DIR/logs/$STAMP-*.log; the root stays at $ROOT until the next run"
  fi
  if [ "$MODE" = full ]; then
    if [ "$rc" -eq 0 ]; then
      if { [ "$RUN_START" = 1 ] && [ "$START_OK" != 1 ]; } || [ "$MAVEN_RC" != 0 ] || [ "$FAILURES" != 0 ]; then
        rc=1
      fi
    fi
    local t
    for t in "${TIMINGS[@]}"; do log "  $t"; done
    log "start_ok=$START_OK tests=$TESTS_RUN failures=$FAILURES minutes=$(awk -v s="$SECONDS" 'BEGIN { printf "%.1f", s / 60 }')"
  fi
  exit "$rc"
}

main() {
  parse_args "$@"
  check_host
  mkdir -p "$DIR/logs"
  exec 9>"$DIR/.lock"
  flock -n 9 || die "another clean-room run uses $DIR"
  STAMP=$(date +%Y%m%d-%H%M%S)
  trap finish EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  if [ "$MODE" = full ]; then
    [ "$RUN_START" = 0 ] || check_port_8080
    ensure_services
  fi
  base_tarball
  prepare_root
  check_kind_tools
  if [ "$MODE" = root-only ]; then
    log "root ready at $ROOT (unmounted again on exit)"
    return 0
  fi
  clone_repo
  SETUP_DONE=1
  if [ "$MODE" = shell ]; then
    log "a shell in the root (the clone is at $CLONE); exit it to clean up"
    chroot "$ROOT" "${ROOT_ENV[@]}" TERM="${TERM:-dumb}" /bin/bash -i || true
    return 0
  fi
  [ "$RUN_START" = 0 ] || step_start
  step_tests
}

main "$@"

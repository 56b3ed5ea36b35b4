#!/usr/bin/env bash
# Makes sure what the build needs is on the machine.
#   scripts/install-tools.sh --all          everything in scripts/machine-packages.txt (the one list; the root
#                                           pom runs this at the start of every build that runs tests)
#   scripts/install-tools.sh chromium nginx ...   single entries of the list, by their first column
# An entry is a command (on the PATH) or a shared library (a name with .so, found by ldconfig); the list says
# which Debian package(s) bring it. A name that is not on the list is refused: the list stays the one place
# that says what the machine needs. What is there is left alone. Otherwise, as root with apt-get, the packages are installed
# (apt-get update runs once); else the script says what to install and fails.
set -euo pipefail
updated=0
here="$(cd "$(dirname "$0")" && pwd)"
list="$here/machine-packages.txt"
if [ "${1:-}" = "--all" ]; then
  # what:package for every line of the list that is not a comment
  set -- $(awk '!/^#/ && NF >= 2 { print $1 ":" $2 }' "$list")
else
  named=()
  for name in "$@"; do
    entry=$(awk -v n="${name%%:*}" '!/^#/ && $1 == n { print $1 ":" $2 }' "$list")
    [ -n "$entry" ] || { echo "install-tools: '$name' is not in $list; add it there with its package and why" >&2; exit 2; }
    named+=("$entry")
  done
  set -- "${named[@]}"
fi

present() {
  case "$1" in
    # Not `ldconfig -p | grep -q`: under pipefail, grep's early exit can kill ldconfig with SIGPIPE (a race while
    # its list is small, nearly certain once it outgrows the 64 KiB pipe), and a library that is there looks missing.
    *.so|*.so.*) grep -q "^[[:space:]]*$1 " <<<"$(ldconfig -p 2>/dev/null)" ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

for arg in "$@"; do
  cmd="${arg%%:*}"
  pkg="${arg#*:}"
  if present "$cmd"; then
    continue
  fi
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    if [ "$updated" -eq 0 ]; then
      apt-get -o DPkg::Lock::Timeout=300 update -qq
      updated=1
    fi
    echo "install-tools: installing ${pkg//,/ }" >&2
    # shellcheck disable=SC2086 # one word per package
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq ${pkg//,/ } >/dev/null
    present "$cmd" || { echo "install-tools: $pkg installed but '$cmd' is still missing" >&2; exit 1; }
  else
    echo "install-tools: '$cmd' is missing; install the package(s) '${pkg//,/ }' (e.g. sudo apt-get install ${pkg//,/ })" >&2
    exit 1
  fi
done

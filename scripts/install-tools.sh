#!/usr/bin/env bash
# Makes sure the tools a build needs are installed:  scripts/install-tools.sh chromium spin nginx ...
# Each argument is a command, or command:package when the Debian package is named differently
# (e.g. syncplay-server:syncplay-server installs Syncplay's server, /usr/bin/syncplay-server, 1.6.9 on
# Debian 12, for the fan-out comparison; syncplay and mpv are Syncplay's client, 1.6.9, and the player it
# drives, for SyncplayBrowserTest and bench/run syncplay-sync: with --no-gui and mpv's --vo=null they
# need no display); several packages are separated by commas
# (cvlc:vlc-bin,vlc-plugin-base: VLC's command without a GUI and the plugins it plays with).
# A command already on the PATH is left alone. Otherwise, as root with apt-get, the package is
# installed (apt-get update runs once); else the script says what to install and fails.
set -euo pipefail
updated=0
for arg in "$@"; do
  cmd="${arg%%:*}"
  pkg="${arg#*:}"
  if command -v "$cmd" >/dev/null 2>&1; then
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
    command -v "$cmd" >/dev/null 2>&1 || { echo "install-tools: $pkg installed but '$cmd' is still missing" >&2; exit 1; }
  else
    echo "install-tools: '$cmd' is missing; install the package(s) '${pkg//,/ }' (e.g. sudo apt-get install ${pkg//,/ })" >&2
    exit 1
  fi
done

#!/usr/bin/env bash
# Assembles the release's downloads from what the reactor built before this module (release/pom.xml runs it):
#   cowatch-<v>-linux-x64.tar.gz   the server: bin/cowatch, a jlink Java runtime, the server jar and lib/
#   cowatch-bridge-<v>-linux-x64.tar.gz  the desktop bridge: bin/cowatch-bridge, the same runtime, its jars
#   cowatch-extension-<v>-chromium.zip, cowatch-extension-<v>-firefox.xpi  the browser extension
# and leaves the unpacked server distribution in <work>/cowatch-<v> for the container image (Jib).
#   dist.sh <version> <release dir> <work dir>
set -euo pipefail
version="$1" out="$2" work="$3"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
. "$repo/scripts/jdk.sh"
find_jdk
jdk="${JAVA%/bin/java}"
major=$(java_major "$JAVA")

server_jar="$repo/server/target/cowatch-server.jar" bridge_jar="$repo/bridge/target/cowatch-bridge.jar"
for f in "$server_jar" "$repo/server/target/lib" "$bridge_jar" "$repo/bridge/target/lib" \
    "$repo/extension/target/extension/cowatch-chromium.zip" "$repo/extension/target/extension/cowatch-firefox.zip"; do
  [ -e "$f" ] || { echo "dist.sh: $f is missing: build with the reactor (./mvnw -Prelease package)" >&2; exit 1; }
done

# Every file dated at the last commit and owned by root: the same sources give the same tar entries.
stamp=$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)
pack() { # pack <dir under work> <tar.gz>
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$stamp" -C "$work" -cf - "$1" | gzip -n > "$2"
}

# The modules the jars use (jdeps), plus what they reach only through services, reflection or at run time:
#   jdk.crypto.ec  elliptic curves for TLS with a JDK 21 (empty since JDK 22, where java.base has them)
#   jdk.charsets   mail and subtitle files in legacy encodings (ISO-2022-JP, windows-125x beyond java.base's)
#   jdk.zipfs      the zip file system provider (jar: URIs opened as file systems)
#   jdk.naming.dns DNS lookups through JNDI (a provider java.naming finds at run time)
#   jdk.jcmd       jcmd/jstack for operators: thread dumps and JFR recordings of a running server
modules() {
  "$jdk/bin/jdeps" --multi-release "$major" --ignore-missing-deps --print-module-deps "$@" 2>/dev/null | tail -n1
}
server_modules=$(modules "$server_jar" "$repo"/server/target/lib/*.jar)
bridge_modules=$(modules "$bridge_jar" "$repo"/bridge/target/lib/*.jar)
runtime_modules=$(tr ',' '\n' <<< "$server_modules,$bridge_modules,jdk.crypto.ec,jdk.charsets,jdk.zipfs,jdk.naming.dns,jdk.jcmd" \
  | grep . | sort -u | paste -sd, -)
echo "dist.sh: Java $major runtime with $runtime_modules"

server="cowatch-$version"
rm -rf "$work" && mkdir -p "$work/$server/bin" "$out"
# --generate-cds-archive: the runtime's own class data sharing archive, as a JDK ships it (faster starts).
"$jdk/bin/jlink" --add-modules "$runtime_modules" --strip-debug --no-man-pages --no-header-files \
  --compress zip-6 --generate-cds-archive --output "$work/$server/runtime" >/dev/null
cp "$server_jar" "$work/$server/"
cp -r "$repo/server/target/lib" "$work/$server/lib"
install -m 755 "$here/src/dist/bin/cowatch" "$work/$server/bin/"
pack "$server" "$out/$server-linux-x64.tar.gz"

bridge="cowatch-bridge-$version"
mkdir -p "$work/$bridge/bin"
cp -a "$work/$server/runtime" "$work/$bridge/runtime"
cp "$bridge_jar" "$work/$bridge/"
cp -r "$repo/bridge/target/lib" "$work/$bridge/lib"
install -m 755 "$here/src/dist/bin/cowatch-bridge" "$work/$bridge/bin/"
pack "$bridge" "$out/$bridge-linux-x64.tar.gz"

# The extension module packs zips; Firefox installs the same zip named .xpi.
cp "$repo/extension/target/extension/cowatch-chromium.zip" "$out/cowatch-extension-$version-chromium.zip"
cp "$repo/extension/target/extension/cowatch-firefox.zip" "$out/cowatch-extension-$version-firefox.xpi"
ls -l "$out"

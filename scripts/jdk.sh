# Sourced by ./cowatch and bench/run: sets JAVA to a JDK >= 21, the newest one found.
# Looks at JAVA_HOME first, then /usr/lib/jvm/*. The machine's default java may be older.

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}

find_jdk() {
  local best="" best_major=0 candidate major
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    major=$(java_major "$candidate")
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "cowatch: needs a JDK 21 or newer (set JAVA_HOME or install one under /usr/lib/jvm)" >&2
    return 1
  fi
  JAVA="$best"
}

# True when the jar is missing or any source or POM is newer than it.
needs_build() {
  local jar="$1"; shift
  [ -f "$jar" ] || return 0
  [ -n "$(find "$@" pom.xml -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}

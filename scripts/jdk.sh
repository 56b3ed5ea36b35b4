# Sourced by ./cowatch and bench/run: sets JAVA to a JDK >= 21, the newest one found.
# Looks at JAVA_HOME first, then /usr/lib/jvm/*. The machine's default java may be older.

java_major() {
  # A JDK's release file names its version: reading it costs nothing, where asking each candidate JVM
  # cost ~40 ms apiece (over 0.1 s of every ./cowatch start with three JDKs installed). JDK 8 writes
  # "1.8.0_x" and a JDK without the file is asked.
  local release line
  release="${1%/*/*}/release" # <home>/bin/java -> <home>/release
  if [ -r "$release" ]; then
    while IFS= read -r line; do
      if [[ "$line" =~ ^JAVA_VERSION=\"([0-9]+) ]] && [ "${BASH_REMATCH[1]}" != 1 ]; then
        echo "${BASH_REMATCH[1]}"
        return
      fi
    done < "$release"
  fi
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

# Sourced by ./cowatch: the JVM options that let a start reuse the class loading and linking of earlier ones.
#
# On JDK 25 and later, an ahead-of-time cache (JEP 483/515): the server's first start after a build records
# what it loads, links and profiles (-XX:AOTMode=record) and, when it has exited, the launcher assembles the
# cache (aot_create: a few seconds, once); later starts map it (-XX:AOTCache): classes come loaded and
# linked, lambdas and string concatenations resolved, and the JIT starts from the training run's profiles.
# On JDK 21-24, the dynamic class data sharing archive (-XX:+AutoCreateSharedArchive), written at exit.
#
# The JVM does not replace a cache or archive made from other jars: it only stops using it. So the file's
# name carries a fingerprint of the jars (name, size, mtime) and of the JDK, a rebuilt jar gets a new one,
# and the old ones are removed. A build's clean removes them all.
#
# Short commands (help, version, audit, admin, backup, healthcheck) get neither: one of their few classes would be kept and serve
# the server badly. The JVM's notes about classes it leaves out are not for users.

# Sets CLASS_ARCHIVE_OPTS for: class_archive_options <jar, relative> <lib dir> <server arguments...>
# Reads JAVA_MAJOR (the JDK's feature version; without it, the CDS archive).
class_archive_options() {
  local jar="$1" lib="$2" arg key dir archive old ext
  shift 2
  CLASS_ARCHIVE_OPTS=()
  AOT_TRAINING=""
  for arg in "$@"; do
    case "$arg" in
      -h|--help|-V|--version|audit|admin|backup|healthcheck) return 0 ;;
    esac
  done
  # Without a fingerprint (no GNU stat) there is no archive: one kept across builds would go stale unnoticed.
  key=$(stat -c '%n %s %.9Y' "$jar" "$lib"/*.jar "$JAVA" 2>/dev/null | cksum) || return 0
  dir="$PWD/${jar%/*}"
  if [ "${JAVA_MAJOR:-0}" -ge 25 ] 2>/dev/null; then ext=aot; else ext=jsa; fi
  archive="$dir/cowatch-server-${key%% *}.$ext"
  if [ ! -e "$archive" ]; then
    # A directory the user cannot write keeps its old archives (unused) and gets no new one: no error.
    for old in "$dir"/cowatch-server-*.jsa "$dir"/cowatch-server-*.aot "$dir"/cowatch-server-*.aot.config \
        "$dir"/cowatch-server-*.tmp; do
      if [ -e "$old" ]; then rm -f "$old" 2>/dev/null || true; fi
    done
  fi
  if [ "$ext" = jsa ]; then
    CLASS_ARCHIVE_OPTS=(-XX:SharedArchiveFile="$archive" -XX:+AutoCreateSharedArchive -Xlog:cds=off,cds+dynamic=off)
  elif [ -e "$archive" ]; then
    CLASS_ARCHIVE_OPTS=(-XX:AOTCache="$archive" -Xlog:aot=off,cds=off)
  else
    # The training start records; aot_create assembles the cache after it exits. (The one-step
    # -XX:AOTCacheOutput assembles it in a child JVM that prints its whole class path to the user.)
    AOT_TRAINING="$archive"
    CLASS_ARCHIVE_OPTS=(-XX:AOTMode=record -XX:AOTConfiguration="$archive.config" -Xlog:aot=off,cds=off)
  fi
}

# After a training start: assembles the cache from what it recorded, quietly, into a temporary file renamed
# when whole, so that a start at the same moment never maps half a cache. Takes a few seconds, once per build.
# The JVM options are the training start's: with a module option missing (--enable-native-access), the JVM
# disabled its module handling while assembling and left out what makes the cache worth having (no class
# linked ahead of time, no lambda, no profile: 2.4 s of CPU per start instead of 1.6 s,
# docs/performance-history.md#second-pass-2026-11-23-afternoon-the-cache-had-been-assembled-mostly-empty).
# aot_create <class path> <the server's JVM options...>
aot_create() {
  local tmp="$AOT_TRAINING.$$.tmp" cp="$1"
  shift
  [ -e "$AOT_TRAINING.config" ] || return 0
  if "$JAVA" -XX:AOTMode=create -XX:AOTConfiguration="$AOT_TRAINING.config" -XX:AOTCache="$tmp" \
      -Xlog:aot=off,cds=off "$@" -cp "$cp" >/dev/null 2>&1; then
    mv -f "$tmp" "$AOT_TRAINING" 2>/dev/null || rm -f "$tmp"
  else
    rm -f "$tmp"
  fi
  rm -f "$AOT_TRAINING.config"
}

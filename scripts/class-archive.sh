# Sourced by ./cowatch: the JVM options for class data sharing (CDS) with an archive of the server's classes.
#
# The server's first start after a build writes the classes it loaded to an archive beside the jar when it
# exits; later starts map that archive instead of reading, parsing and verifying those classes again (a
# third of start-up; docs/performance.md). The JVM writes the archive itself (-XX:+AutoCreateSharedArchive)
# when the file is missing or was made by another JDK, but it does not replace one made from other jars: it
# only stops using it. So the archive's name carries a fingerprint of the jars (name, size, mtime) and of
# the JDK, a rebuilt jar gets a new archive, and the old ones are removed. A build's clean removes them all.
#
# Short commands (help, version, audit) get no archive: one of their few classes would be kept and serve
# the server badly. The JVM's notes about classes it leaves out of an archive are not for users.

# Sets CLASS_ARCHIVE_OPTS for: class_archive_options <jar, relative> <lib dir> <server arguments...>
class_archive_options() {
  local jar="$1" lib="$2" arg key dir archive old
  shift 2
  CLASS_ARCHIVE_OPTS=()
  for arg in "$@"; do
    case "$arg" in
      -h|--help|-V|--version|audit) return 0 ;;
    esac
  done
  # Without a fingerprint (no GNU stat) there is no archive: one kept across builds would go stale unnoticed.
  key=$(stat -c '%n %s %.9Y' "$jar" "$lib"/*.jar "$JAVA" 2>/dev/null | cksum) || return 0
  dir="$PWD/${jar%/*}"
  archive="$dir/cowatch-server-${key%% *}.jsa"
  if [ ! -e "$archive" ]; then
    # A directory the user cannot write keeps its old archives (unused) and gets no new one: no error.
    for old in "$dir"/cowatch-server-*.jsa; do
      if [ -e "$old" ]; then rm -f "$old" 2>/dev/null || true; fi
    done
  fi
  CLASS_ARCHIVE_OPTS=(-XX:SharedArchiveFile="$archive" -XX:+AutoCreateSharedArchive -Xlog:cds=off,cds+dynamic=off)
}

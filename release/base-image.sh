#!/usr/bin/env bash
# The container image's base, made from this machine's files: no registry is needed (none is reachable from the
# build machines), no daemon, no root. One layer: the C library the jlink runtime links against, a passwd with
# the unprivileged user the server runs as, /tmp, and /data owned by that user. Written as a `docker save`
# tarball, the form Jib reads as a base (tar://...); release/pom.xml puts the runtime and the jars on top.
#   base-image.sh <tarball> <work dir>
set -euo pipefail
out="$1" work="$2"
root="$work/rootfs"
rm -rf "$work" && mkdir -p "$root/lib/x86_64-linux-gnu" "$root/lib64" "$root/etc" "$root/tmp" "$root/data"

# What the JVM and SQLite's native library load (ldd of runtime/bin/java, libjvm.so, lib*.so): glibc's pieces,
# and libgcc_s, which glibc loads itself when a thread is cancelled or unwound. The AWT and sound libraries of
# java.desktop would need X11 and ALSA; a headless server never loads them.
for lib in libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libgcc_s.so.1; do
  cp -L "/lib/x86_64-linux-gnu/$lib" "$root/lib/x86_64-linux-gnu/"
done
cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
# Their licences travel with them (LGPL, GPL with the GCC runtime exception).
for pkg in libc6 libgcc-s1; do
  mkdir -p "$root/usr/share/doc/$pkg" && cp "/usr/share/doc/$pkg/copyright" "$root/usr/share/doc/$pkg/"
done

# uid 1000 by number too (Kubernetes' runAsNonRoot checks a number); home /data, where it may write.
printf 'root:x:0:0:root:/root:/sbin/nologin\ncowatch:x:1000:1000:Cowatch:/data:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\ncowatch:x:1000:\n' > "$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
chmod 1777 "$root/tmp"   # SQLite's JDBC driver unpacks its native library into java.io.tmpdir
chmod 755 "$root/data"

# Owners are set in the archive, not on disk, so this runs without root: root owns all but /data.
layer="$work/layer.tar"
tar_opts=(--sort=name --numeric-owner --mtime=@0 -C "$root")
tar "${tar_opts[@]}" --owner=0 --group=0 --exclude=./data -cf "$layer" .
tar "${tar_opts[@]}" --owner=1000 --group=1000 -rf "$layer" ./data
diff_id=$(sha256sum "$layer" | cut -d' ' -f1)

# The image configuration (Docker's form, which Jib keeps when it adds its layers): the layer, the user, and a
# health check that needs no shell and no curl: the server's own `healthcheck` subcommand.
cat > "$work/config.json" <<EOF
{"architecture":"amd64","os":"linux",
 "config":{"User":"1000:1000","Env":["PATH=/opt/cowatch/runtime/bin:/usr/bin:/bin"],
  "Healthcheck":{"Test":["CMD","/opt/cowatch/runtime/bin/java","-XX:TieredStopAtLevel=1","-XX:+UseSerialGC",
    "-Xmx32m","-cp","/opt/cowatch/cowatch-server.jar:/opt/cowatch/lib/*","dev.cowatch.server.cli.Main","healthcheck"],
   "Interval":30000000000,"Timeout":10000000000,"StartPeriod":60000000000,"Retries":3}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"release/base-image.sh: glibc, passwd, /tmp, /data"}]}
EOF
printf '[{"Config":"config.json","RepoTags":["cowatch-base:local"],"Layers":["layer.tar"]}]\n' > "$work/manifest.json"
tar --sort=name --numeric-owner --owner=0 --group=0 --mtime=@0 -C "$work" -cf "$out" manifest.json config.json layer.tar
echo "base-image.sh: $out ($(du -h "$out" | cut -f1))"

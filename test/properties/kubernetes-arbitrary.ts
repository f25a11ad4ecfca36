/**
 * Compose files for the Kubernetes target, built on the shared `composeFile()`: its services
 * with depends_on kept acyclic and waiting for service_healthy only on a healthcheck,
 * reservations within limits (reservation-limits.ts) and each host port published once
 * (port-conflicts.ts): each of these is an error on every target; plus the settings the
 * Kubernetes backend reads, written either as the `kompose.*` labels kompose users have or as
 * `x-kubernetes` (src/backends/kubernetes/settings.ts), volume size labels on the top-level
 * volumes, and the backend options (`--set`) as the CLI passes them, as text.
 *
 * @example
 * fc.assert(fc.asyncProperty(kubernetesComposeFile(), kubernetesOptions, async (doc, options) => { … }));
 */
import fc from 'fast-check';
import { objectName } from '../../src/backends/kubernetes/names.js';
import { composeFile, type ComposeDoc } from '../support/arbitraries.js';
import { healthyNeedsHealthcheck } from './ecs-arbitrary.js';
import { withUniquePorts } from './port-conflicts.js';
import { reservationsWithinLimits } from './reservation-limits.js';

/** Each setting: its kompose label, its x-kubernetes key, and values the backend takes. */
const SETTINGS: readonly { label: string; x: string; values: readonly string[] }[] = [
  { label: 'kompose.controller.type', x: 'controller', values: ['deployment', 'statefulset', 'daemonset', 'job'] },
  { label: 'kompose.service.type', x: 'service_type', values: ['clusterip', 'nodeport', 'loadbalancer', 'headless', 'NodePort'] },
  { label: 'kompose.service.nodeport.port', x: 'node_port', values: ['30080', '31000'] },
  { label: 'kompose.service.external-traffic-policy', x: 'external_traffic_policy', values: ['cluster', 'local'] },
  { label: 'kompose.service.expose', x: 'expose', values: ['true', 'app.example.com', 'a.example.com,b.example.com/api'] },
  { label: 'kompose.service.expose.tls-secret', x: 'tls_secret', values: ['tls-cert'] },
  { label: 'kompose.service.expose.ingress-class-name', x: 'ingress_class', values: ['nginx'] },
  { label: 'kompose.volume.size', x: 'volume_size', values: ['2Gi', '500M'] },
  { label: 'kompose.volume.storage-class-name', x: 'storage_class', values: ['fast'] },
  { label: 'kompose.image-pull-policy', x: 'image_pull_policy', values: ['always', 'IfNotPresent', 'never'] },
  { label: 'kompose.image-pull-secret', x: 'image_pull_secret', values: ['regcred'] },
  { label: 'kompose.serviceaccount-name', x: 'service_account', values: ['deployer'] },
  { label: 'kompose.security-context.fsgroup', x: 'fs_group', values: ['1000'] },
  { label: 'kompose.hpa.cpu', x: 'hpa_cpu', values: ['70', '80%'] },
  { label: 'kompose.hpa.memory', x: 'hpa_memory', values: ['75%', '512Mi'] },
  { label: 'kompose.hpa.replicas.min', x: 'hpa_min_replicas', values: ['1', '2'] },
  { label: 'kompose.hpa.replicas.max', x: 'hpa_max_replicas', values: ['3', '5'] },
];

/** Labels kompose has that the backend reports rather than reads (`kompose.service.group`, …). */
const UNREAD = fc.constantFrom({ 'kompose.service.group': 'front' }, { 'kompose.volume.type': 'hostPath' }, { 'kompose.cronjob.schedule': '* * * * *' });

/** A few settings of one service, as labels (`labels`) and as x-kubernetes (`x`). */
const settings = fc
  .tuple(
    fc.uniqueArray(fc.integer({ min: 0, max: SETTINGS.length - 1 }), { maxLength: 5 }),
    fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
    fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    fc.option(UNREAD, { nil: undefined, freq: 4 }),
  )
  .map(([picks, values, asLabel, unread]) => {
    const labels: Record<string, string> = { ...(unread ?? {}) };
    const x: Record<string, string | number> = {};
    picks.forEach((p, i) => {
      const s = SETTINGS[p]!;
      const value = s.values[(values[i] ?? 0) % s.values.length] as string;
      if (asLabel[i]) labels[s.label] = value;
      else x[s.x] = /^\d+$/.test(value) ? Number(value) : value;
    });
    return { labels, x };
  });

/** Adds labels to a service's labels, in whichever form (list or mapping) it uses. */
function addLabels(svc: Record<string, unknown>, labels: Record<string, string>): void {
  if (!Object.keys(labels).length) return;
  const own = svc.labels;
  if (Array.isArray(own)) svc.labels = [...own.filter((l) => !String(l).split('=')[0]!.startsWith('kompose.')), ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)];
  else svc.labels = { ...((own as Record<string, unknown> | undefined) ?? {}), ...labels };
}

/** depends_on only on services written before: no cycles (an error on every target). */
export function acyclic(doc: ComposeDoc): ComposeDoc {
  const names = Object.keys(doc.services);
  names.forEach((name, i) => {
    const svc = doc.services[name] as Record<string, unknown>;
    const earlier = new Set(names.slice(0, i));
    const d = svc.depends_on;
    if (Array.isArray(d)) svc.depends_on = d.filter((n) => earlier.has(n as string));
    else if (d && typeof d === 'object') svc.depends_on = Object.fromEntries(Object.entries(d).filter(([n]) => earlier.has(n)));
    const left = svc.depends_on;
    if (left !== undefined && Object.keys(left as object).length === 0) delete svc.depends_on;
  });
  return doc;
}

/**
 * Services, volumes, configs or secrets whose names become the same object name (`web` and
 * `Web`, `a.b` and `a-b`, configs `L_` and `l_`) are an error the backend reports
 * (K8S_INVALID, "two objects are both ConfigMap/l; rename one"): not files it can
 * take. (Only services were checked here; the fuzz run found two configs, seed 1001.)
 */
const distinctObjectNames = (doc: ComposeDoc): boolean =>
  ['services', 'volumes', 'configs', 'secrets'].every((section) => {
    const names = Object.keys((doc[section] as object | undefined) ?? {});
    return new Set(names.map((n) => objectName(n))).size === names.length;
  });

/** Per service: whether it joins an earlier service's namespace (05-services network_mode, pid, ipc "service:{name}"), and which. */
const sharing = fc.tuple(fc.constantFrom(undefined, undefined, undefined, 'network_mode', 'pid', 'ipc'), fc.nat());

/**
 * `network_mode` (or pid, ipc) `service:X` on some services, X written before them (no cycle,
 * which compose refuses). With network_mode a service has no networks of its own (06-networks:
 * network_mode and networks are exclusive), and publishes nothing (docker refuses ports with a
 * shared network namespace); one that extends another, which may give it both, keeps its own,
 * and one that extends such a service (inheriting its network_mode) has neither either.
 */
function shareNamespaces(doc: ComposeDoc, shares: readonly (readonly [string | undefined, number])[]): void {
  const names = Object.keys(doc.services);
  names.forEach((name, i) => {
    const [key, pick] = shares[i] ?? [undefined, 0];
    const svc = doc.services[name] as Record<string, unknown>;
    // A service that extends another may inherit its networks or ports.
    if (key === undefined || i === 0 || (key === 'network_mode' && svc.extends !== undefined)) return;
    svc[key] = `service:${names[pick % i]}`;
    if (key === 'network_mode') {
      delete svc.networks;
      delete svc.ports;
    }
  });
  // A service that extends one of them inherits its network_mode.
  for (const svc of Object.values(doc.services) as Record<string, unknown>[]) {
    const base = typeof svc.extends === 'string' ? svc.extends : (svc.extends as { service?: string } | undefined)?.service;
    if (base === undefined || (doc.services[base] as Record<string, unknown> | undefined)?.network_mode === undefined) continue;
    delete svc.networks;
    delete svc.ports;
  }
}

/** A `composeFile()` with Kubernetes settings on its services and volume sizes on its volumes. */
export function kubernetesComposeFile(): fc.Arbitrary<ComposeDoc> {
  return composeFile().filter(distinctObjectNames).chain((doc) =>
    fc.tuple(fc.tuple(...Object.keys(doc.services).map(() => settings)), fc.constantFrom('2Gi', '100Mi', 'lots'), fc.tuple(...Object.keys(doc.services).map(() => sharing))).map(([perService, size, shares]) => {
      const copy = withUniquePorts(reservationsWithinLimits(acyclic(structuredClone(doc))));
      for (const svc of Object.values(copy.services)) healthyNeedsHealthcheck(svc, copy.services);
      shareNamespaces(copy, shares);
      Object.values(copy.services).forEach((svc, i) => {
        const { labels, x } = perService[i]!;
        addLabels(svc, labels);
        if (Object.keys(x).length) svc['x-kubernetes'] = x;
      });
      // A size on a volume (a quantity, or text the backend reports as not one).
      const volumes = copy.volumes as Record<string, Record<string, unknown> | null> | undefined;
      const first = volumes && Object.keys(volumes)[0];
      if (volumes && first !== undefined && !volumes[first]?.external) volumes[first] = { ...(volumes[first] ?? {}), labels: { 'kompose.volume.size': size } };
      return copy;
    }),
  );
}

/** Backend options as `--set key=value` gives them: every value is text. */
export const kubernetesOptions: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    format: fc.constantFrom('yaml', 'json'),
    split: fc.constantFrom('true', 'false'),
    namespace: fc.constantFrom('shop', 'team-a'),
    controller: fc.constantFrom('deployment', 'statefulset', 'daemonset'),
    statefulVolumes: fc.constantFrom('true', 'false'),
    jobs: fc.constantFrom('true', 'false'),
    ingress: fc.constantFrom('true', 'false'),
    ingressClass: fc.constant('nginx'),
    serviceType: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'Headless'),
    waitForDependencies: fc.constantFrom('true', 'false'),
    storageClass: fc.constant('gp3'),
    volumeSize: fc.constantFrom('1Gi', '10Gi'),
    accessMode: fc.constantFrom('ReadWriteOnce', 'ReadWriteMany'),
    startPeriod: fc.constantFrom('startupProbe', 'initialDelay'),
  },
  { requiredKeys: [] },
);

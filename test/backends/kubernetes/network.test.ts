import { describe, expect, it } from 'vitest';
import { at, container, find, k8s } from './support.js';

const base = 'services:\n  app:\n    image: x\n    mem_limit: 64m\n';

describe('ports and expose → Service', () => {
  it('published port → Service port, container port → targetPort; names from protocol and port', async () => {
    const { objects } = await k8s(`${base}    ports: ["8080:80", "53:53/udp", "9000"]\n    expose: ["9100"]\n`);
    expect(find(objects, 'Service', 'app').spec).toEqual({
      type: 'ClusterIP',
      selector: { 'app.kubernetes.io/name': 'app', 'app.kubernetes.io/part-of': 'project' },
      ports: [
        { name: 'tcp-8080', port: 8080, targetPort: 80, protocol: 'TCP' },
        { name: 'tcp-80', port: 80, targetPort: 80, protocol: 'TCP' },
        { name: 'udp-53', port: 53, targetPort: 53, protocol: 'UDP' },
        { name: 'tcp-9000', port: 9000, targetPort: 9000, protocol: 'TCP' },
        { name: 'tcp-9100', port: 9100, targetPort: 9100, protocol: 'TCP' },
      ],
    });
    expect(container(find(objects, 'Deployment', 'app')).ports).toEqual([
      { containerPort: 80, protocol: 'TCP' },
      { containerPort: 53, protocol: 'UDP' },
      { containerPort: 9000, protocol: 'TCP' },
      { containerPort: 9100, protocol: 'TCP' },
    ]);
  });

  it('expose alone declares containerPorts (05-services expose), so the Service targets declared ports; a port ports declares is not repeated', async () => {
    const { objects } = await k8s(`${base}    ports: [{target: 80, published: "8080", mode: host}]\n    expose: ["80", "5432", "6000-6001/udp"]\n`);
    expect(container(find(objects, 'Deployment', 'app')).ports).toEqual([
      { containerPort: 80, protocol: 'TCP', hostPort: 8080 },
      { containerPort: 5432, protocol: 'TCP' },
      { containerPort: 6000, protocol: 'UDP' },
      { containerPort: 6001, protocol: 'UDP' },
    ]);
  });

  it('the Service answers on the container port too, where other services reach it under compose ("service-to-service communication uses the CONTAINER_PORT"); a published port that is another mapping\'s container port is left out with a warning', async () => {
    const { objects, k8s: d } = await k8s(`${base}    ports: ["8080:80", "80:8080"]\n`);
    expect(find(objects, 'Service', 'app').spec.ports).toEqual([
      { name: 'tcp-80', port: 80, targetPort: 80, protocol: 'TCP' },
      { name: 'tcp-8080', port: 8080, targetPort: 8080, protocol: 'TCP' },
    ]);
    expect(at(d, 'warning')).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/ports/0/published', 'K8S_UNSUPPORTED_FIELD@/services/app/ports/1/published']);
  });

  it('no ports and no expose: a headless Service without ports, so the name resolves to the pods on any port as under compose (netbox postgres and redis, superset db)', async () => {
    const { objects } = await k8s(base);
    expect(objects.map((o) => o.kind)).toEqual(['Service', 'Deployment']);
    expect(find(objects, 'Service', 'app').spec).toEqual({ clusterIP: 'None', selector: { 'app.kubernetes.io/name': 'app', 'app.kubernetes.io/part-of': 'project' } });
  });

  it('no ports: no Service for a Job (it runs to completion), nor for a service on the host\'s or another service\'s network', async () => {
    expect((await k8s(`${base}    x-kubernetes: { controller: job }\n`)).objects.map((o) => o.kind)).toEqual(['Job']);
    expect((await k8s(`${base}    network_mode: host\n`)).objects.map((o) => o.kind)).toEqual(['Deployment']);
  });

  it('no ports in a StatefulSet: the headless Service of the service\'s own name governs it', async () => {
    const { objects } = await k8s(`${base}    x-kubernetes: { controller: statefulset }\n`);
    expect(objects.map((o) => `${o.kind} ${(o.metadata as { name: string }).name}`)).toEqual(['Service app', 'StatefulSet app']);
    expect((find(objects, 'StatefulSet', 'app').spec as { serviceName?: string }).serviceName).toBe('app');
  });

  it('a long-syntax port keeps its name and app_protocol', async () => {
    const { objects } = await k8s(`${base}    ports: [{name: Web, target: 80, published: "8080", app_protocol: http}]\n`);
    expect(find(objects, 'Service', 'app').spec.ports).toEqual([
      { name: 'web', port: 8080, targetPort: 80, protocol: 'TCP', appProtocol: 'http' },
      { name: 'tcp-80', port: 80, targetPort: 80, protocol: 'TCP', appProtocol: 'http' },
    ]);
  });

  it('mode host → hostPort; host_ip and a published range are reported', async () => {
    const { objects, k8s: d } = await k8s(`${base}    ports: [{target: 9100, published: "9100", mode: host}, "127.0.0.1:8000-8010:80"]\n`);
    expect(container(find(objects, 'Deployment', 'app')).ports[0]).toEqual({ containerPort: 9100, protocol: 'TCP', hostPort: 9100 });
    expect(at(d, 'warning')).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/ports/1/host_ip', 'K8S_UNSUPPORTED_FIELD@/services/app/ports/1/published']);
  });

  it('published ports on a ClusterIP Service are reported as cluster-internal', async () => {
    expect(at((await k8s(`${base}    ports: ["80:80"]\n`)).k8s)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/ports']);
  });
});

describe('Service type', () => {
  it('the serviceType option applies to services with published ports only', async () => {
    const { objects } = await k8s('services:\n  pub:\n    image: x\n    ports: ["80:80"]\n  internal:\n    image: x\n    expose: ["80"]\n', { serviceType: 'LoadBalancer' });
    expect(find(objects, 'Service', 'pub').spec.type).toBe('LoadBalancer');
    expect(find(objects, 'Service', 'internal').spec.type).toBe('ClusterIP');
  });

  it('deploy.endpoint_mode dnsrr → a headless Service', async () => {
    const { objects } = await k8s(`${base}    expose: ["80"]\n    deploy: {endpoint_mode: dnsrr}\n`);
    expect(find(objects, 'Service', 'app').spec).toMatchObject({ type: 'ClusterIP', clusterIP: 'None' });
  });

  it('a nodePort on a ClusterIP Service is reported', async () => {
    const { k8s: d } = await k8s(`${base}    expose: ["80"]\n    labels: {kompose.service.nodeport.port: "30080"}\n`);
    expect(at(d)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/labels/kompose.service.nodeport.port']);
  });
});

describe('Ingress', () => {
  it('the ingress option: one per service with a published TCP port, no host, path /', async () => {
    const { objects } = await k8s('services:\n  web:\n    image: x\n    ports: ["80:8080"]\n  dns:\n    image: x\n    ports: ["53:53/udp"]\n', { ingress: 'true', ingressClass: 'nginx' });
    expect(objects.filter((o) => o.kind === 'Ingress').map((o) => o.metadata.name)).toEqual(['web']);
    expect(find(objects, 'Ingress', 'web').spec).toEqual({
      ingressClassName: 'nginx',
      rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
    });
  });

  it('x-kubernetes.expose hosts with paths and a TLS secret', async () => {
    const { objects } = await k8s(`${base}    ports: ["80:80"]\n    x-kubernetes: {expose: "a.example.com, b.example.com/api", tls_secret: tls}\n`);
    const spec = find(objects, 'Ingress', 'app').spec;
    expect(spec.tls).toEqual([{ hosts: ['a.example.com', 'b.example.com'], secretName: 'tls' }]);
    expect(spec.rules.map((r: any) => [r.host, r.http.paths[0].path])).toEqual([['a.example.com', '/'], ['b.example.com', '/api']]);
  });

  it('asked for a service without a TCP Service port: reported, none made', async () => {
    const { objects, k8s: d } = await k8s(`${base}    labels: {kompose.service.expose: "true"}\n`);
    expect(objects.some((o) => o.kind === 'Ingress')).toBe(false);
    expect(at(d)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/labels/kompose.service.expose']);
  });
});

describe('DNS, hosts, host namespaces', () => {
  it('network_mode host with a mode host port that publishes another number: no hostPort (the API takes only hostPort = containerPort with hostNetwork), a warning that the published port is discarded, as docker discards it', async () => {
    const { objects, k8s: d } = await k8s(`${base}    network_mode: host\n    ports: [{target: 80, published: "8080", mode: host}, {target: 9100, published: "9100", mode: host}]\n`);
    expect(container(find(objects, 'Deployment', 'app')).ports).toEqual([
      { containerPort: 80, protocol: 'TCP' },
      { containerPort: 9100, protocol: 'TCP', hostPort: 9100 },
    ]);
    expect(at(d, 'warning')).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/ports/0/published']);
  });

  it('dns, dns_search, dns_opt → dnsConfig; extra_hosts → hostAliases by address', async () => {
    const { objects } = await k8s(`${base}    dns: [1.1.1.1]\n    dns_search: [corp]\n    dns_opt: ["ndots:2", edns0]\n    extra_hosts: ["a=10.0.0.1", "b=10.0.0.1", "c=10.0.0.2"]\n`);
    const pod = find(objects, 'Deployment', 'app').spec.template.spec;
    expect(pod.dnsConfig).toEqual({ nameservers: ['1.1.1.1'], searches: ['corp'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] });
    expect(pod.hostAliases).toEqual([{ ip: '10.0.0.1', hostnames: ['a', 'b'] }, { ip: '10.0.0.2', hostnames: ['c'] }]);
  });

  it('network_mode host, pid host, ipc host → host namespaces', async () => {
    const { objects } = await k8s(`${base}    network_mode: host\n    pid: host\n    ipc: host\n`);
    expect(find(objects, 'Deployment', 'app').spec.template.spec).toMatchObject({ hostNetwork: true, hostPID: true, hostIPC: true, dnsPolicy: 'ClusterFirstWithHostNet' });
  });

  it('hostname → pod hostname', async () => {
    expect(find((await k8s(`${base}    hostname: box\n`)).objects, 'Deployment', 'app').spec.template.spec.hostname).toBe('box');
  });
});

describe('networks and links', () => {
  it('named networks are one network (info); attachment settings are reported', async () => {
    const { objects, k8s: d } = await k8s(`${base}    networks: {back: {aliases: [db], ipv4_address: 172.16.0.5}}\nnetworks: {back: {ipam: {config: [{subnet: 172.16.0.0/24}]}}}\n`);
    // The alias of a service without ports: a headless Service without ports, as its own name has.
    expect(at(d).sort()).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/networks', 'K8S_UNSUPPORTED_FIELD@/services/app/networks/back/ipv4_address']);
    expect(find(objects, 'Service', 'db').spec).toEqual(find(objects, 'Service', 'app').spec);
    expect(find(objects, 'Service', 'db').spec.clusterIP).toBe('None');
  });

  it('the alias of a Job, which has no Service, is reported', async () => {
    const { k8s: d } = await k8s(`${base}    x-kubernetes: { controller: job }\n    networks: {back: {aliases: [db]}}\nnetworks: {back: {}}\n`);
    expect(at(d)).toContain('K8S_UNSUPPORTED_FIELD@/services/app/networks/back/aliases/0');
  });

  // 05-services networks.aliases: "Other containers on the same network can use either the service name or this alias".
  it('a network alias is a Service of its own, selecting the same pods on the same ports; its name a DNS-1035 label', async () => {
    const { objects, k8s: d } = await k8s(`${base}    expose: ["5432"]\n    networks: {back: {aliases: [database, Main_DB]}}\nnetworks: {back: {}}\n`);
    const own = find(objects, 'Service', 'app');
    for (const name of ['database', 'main-db']) {
      const alias = find(objects, 'Service', name);
      expect(alias.spec, name).toEqual(own.spec);
      expect(alias.metadata.labels, name).toEqual(own.metadata.labels);
    }
    expect(at(d)).toContain('K8S_UNSUPPORTED_FIELD@/services/app/networks/back/aliases/1');
  });

  it('an alias that is another service\'s name is left out, with a warning at the alias', async () => {
    const { objects, k8s: d } = await k8s(`${base}    expose: ["5432"]\n    networks: {default: {aliases: [db]}}\n  db:\n    image: x\n    expose: ["5432"]\n`);
    expect(find(objects, 'Service', 'db').spec.selector['app.kubernetes.io/name']).toBe('db');
    expect(objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name)).toEqual(['app', 'db']);
    expect(d.filter((x) => x.path === '/services/app/networks/default/aliases/0').map((x) => `${x.code} ${x.severity}`)).toEqual(['K8S_INVALID warning']);
  });

  it('a link to a service without ports resolves through its headless Service; one to a service on the host network (no Service) is reported', async () => {
    const { objects, k8s: d } = await k8s('services:\n  app:\n    image: x\n    links: ["db:database", cache]\n  db:\n    image: x\n    expose: ["5432"]\n  cache:\n    image: x\n');
    expect(at(d)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/depends_on']);
    expect(find(objects, 'Service', 'cache').spec.clusterIP).toBe('None');
    const host = await k8s('services:\n  app:\n    image: x\n    links: [cache]\n  cache:\n    image: x\n    network_mode: host\n');
    expect(at(host.k8s)).toContain('K8S_UNSUPPORTED_FIELD@/services/app/links/0');
  });

  // 05-services links: "Containers for the linked service are reachable at a hostname identical to the alias, or the service name if no alias is specified."
  it('a link alias is a Service of its own, selecting the linked service\'s pods on its ports (as a Service Connect alias on ECS)', async () => {
    const { objects, k8s: d } = await k8s('services:\n  app:\n    image: x\n    links: ["db:database", "db:Main_DB"]\n  worker:\n    image: x\n    links: ["db:database"]\n  db:\n    image: x\n    expose: ["5432"]\n');
    const own = find(objects, 'Service', 'db');
    for (const name of ['database', 'main-db']) {
      const alias = find(objects, 'Service', name);
      expect(alias.spec, name).toEqual(own.spec);
      expect(alias.metadata.labels, name).toEqual(own.metadata.labels);
    }
    // Two services linking db as database: one Service (app and worker, without ports, have their headless one).
    expect(objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name).sort()).toEqual(['app', 'database', 'db', 'main-db', 'worker']);
    // Main_DB is main-db: a container that asks for Main_DB finds nothing, so that is a warning.
    expect(at(d, 'warning')).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/links/1']);
    expect(d.filter((x) => x.path === '/services/app/links/1').map((x) => `${x.code} ${x.severity}`)).toEqual(['K8S_UNSUPPORTED_FIELD warning']);
  });

  // 05-services links: "reachable at a hostname identical to the alias"; DNS names ignore case (RFC 4343).
  it('a name that only changes case as a Service still resolves (an info); any other change does not (a warning naming the Service)', async () => {
    const { objects, k8s: d } = await k8s('services:\n  Web:\n    image: x\n    expose: ["80"]\n    links: ["db:DB2", "db:main.db"]\n  web_app:\n    image: x\n    expose: ["80"]\n  db:\n    image: x\n    expose: ["5432"]\n');
    expect(objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name).sort()).toEqual(['db', 'db2', 'main-db', 'web', 'web-app']);
    const severity = (path: string) => d.filter((x) => x.path === path && x.code === 'K8S_UNSUPPORTED_FIELD').map((x) => x.severity);
    expect(severity('/services/Web')).toEqual(['info']);
    expect(severity('/services/Web/links/0')).toEqual(['info']);
    expect(severity('/services/web_app')).toEqual(['warning']);
    expect(severity('/services/Web/links/1')).toEqual(['warning']);
    expect(d.find((x) => x.path === '/services/web_app')?.message).toContain('use web-app');
  });

  it('a link alias that is another service\'s name, or another service\'s alias, is left out with a warning at the link', async () => {
    const { objects, k8s: d } = await k8s('services:\n  app:\n    image: x\n    links: ["db:cache", "db:store"]\n  cache:\n    image: x\n    expose: ["6379"]\n    networks: {default: {aliases: [store]}}\n  db:\n    image: x\n    expose: ["5432"]\n');
    expect(find(objects, 'Service', 'cache').spec.selector['app.kubernetes.io/name']).toBe('cache');
    expect(find(objects, 'Service', 'store').spec.selector['app.kubernetes.io/name']).toBe('cache');
    expect(d.filter((x) => x.path?.startsWith('/services/app/links')).map((x) => `${x.path} ${x.code} ${x.severity}`)).toEqual(['/services/app/links/0 K8S_INVALID warning', '/services/app/links/1 K8S_INVALID warning']);
  });
});

describe('06-networks internal: "create an externally isolated network"', () => {
  const compose = 'services:\n  web:\n    image: x\n    networks: [front, back]\n  db:\n    image: y\n    networks: [back]\nnetworks:\n  front: {}\n  back:\n    internal: true\n';
  it('each service on an internal network gets a warning at its networks: its pods reach outside the cluster without a NetworkPolicy denying their egress', async () => {
    const { diagnostics } = await k8s(compose);
    const found = diagnostics.filter((d) => d.severity === 'warning' && d.message.includes('internal'));
    expect(found.map((d) => d.path)).toEqual(['/services/db/networks', '/services/web/networks']);
    expect(found[0]?.message).toMatch(/back is internal \(no outside access under compose\), but the pods of db reach outside the cluster: add a NetworkPolicy/);
  });
  it('a network that is not internal: only the note that networks do not separate', async () => {
    const { diagnostics } = await k8s(compose.replace('internal: true', 'internal: false'));
    expect(diagnostics.filter((d) => d.message.includes('internal'))).toEqual([]);
  });
});

// 02-model: services reach each other by name on any port; a ClusterIP Service forwards only its listed ports.
describe('05-services expose: a port reached by name that the Service does not forward', () => {
  // n8n's queue mode: the runner reaches the main process on its task broker port 5679; n8n publishes 5678 only.
  const n8n = (extra = '') => `services:\n  n8n:\n    image: n8nio/n8n:1.80.0\n    ports: ["5678:5678"]\n${extra}  runner:\n    image: n8nio/runners:1.80.0\n    environment:\n      N8N_RUNNERS_TASK_BROKER_URI: http://n8n:5679\n      N8N_EDITOR_URL: http://n8n:5678\n`;

  it('is a warning at the variable, with the expose line that adds the port', async () => {
    const { k8s: d } = await k8s(n8n());
    expect(at(d, 'warning')).toEqual(['K8S_UNSUPPORTED_FIELD@/services/runner/environment/N8N_RUNNERS_TASK_BROKER_URI']);
    expect(d.find((x) => x.path === '/services/runner/environment/N8N_RUNNERS_TASK_BROKER_URI')?.message).toContain('add expose: ["5679"] to services.n8n');
  });

  it('is quiet once the port is exposed, and for a headless Service, where every port of the pods answers', async () => {
    expect(at((await k8s(n8n('    expose: ["5679"]\n'))).k8s, 'warning')).toEqual([]);
    expect(at((await k8s(n8n('    deploy: {endpoint_mode: dnsrr}\n'))).k8s, 'warning')).toEqual([]);
  });
});

/**
 * What the ECS API shapes (validators/ecs.ts) cannot see: the rules that make `aws ecs
 * register-task-definition`, `create-service` or `run-task` refuse a document that has the
 * right shape, or start a task that cannot run. Each rule is one the ECS API reference states;
 * the page is named beside it. Checked over one project's documents together, because a service
 * or a run-task input is only right against the task definition it names.
 *
 * A problem is a line `<path>: <what>`; none is the empty list.
 */

type Json = Record<string, unknown>;
type Container = Json & { name: string };

/** One emitted document: its path under --out, and its value. */
export type EcsDocument = { readonly path: string; readonly value: unknown };

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const containersOf = (td: Json): Container[] => list(td.containerDefinitions).filter((c): c is Container => typeof c.name === 'string');

/**
 * Every problem of the ECS documents of one project (task definitions, services, run-task
 * inputs, told apart by their file names as the ECS target writes them). `reported` are the
 * run's diagnostics: a part left out on purpose (a service's networkConfiguration when no
 * subnets are known) is a problem only when no warning tells the user what to give.
 *
 * @example checkEcsDocuments([{ path: 'web.task-definition.json', value: { family: 'web', containerDefinitions: [] } }])
 * // ['web.task-definition.json: no essential container …']
 */
export function checkEcsDocuments(docs: readonly EcsDocument[], reported: readonly { readonly severity: string; readonly message: string }[] = []): string[] {
  const problems: string[] = [];
  const tasks = new Map<string, Json>();
  for (const d of docs) {
    if (!d.path.endsWith('.task-definition.json') || !isObject(d.value)) continue;
    if (typeof d.value.family === 'string') tasks.set(d.value.family, d.value);
    for (const p of checkTaskDefinition(d.value)) problems.push(`${d.path}: ${p}`);
  }
  const aliases = new Map<string, string>();
  for (const d of docs) {
    if (!isObject(d.value)) continue;
    const kind = d.path.endsWith('.service.json') ? 'service' : d.path.endsWith('.run-task.json') ? 'run-task' : undefined;
    if (!kind) continue;
    const family = typeof d.value.taskDefinition === 'string' ? d.value.taskDefinition : undefined;
    const td = family === undefined ? undefined : tasks.get(family);
    if (!td) {
      // An ARN or family:revision is a task definition registered elsewhere: not ours to check.
      if (family === undefined || !/^arn:|:/.test(family)) problems.push(`${d.path}: taskDefinition ${JSON.stringify(family)} is no task definition of this output`);
      continue;
    }
    for (const p of checkAgainstTask(d.value, td, kind, reported)) problems.push(`${d.path}: ${p}`);
    if (kind === 'service') {
      for (const p of checkServiceConnect(d.value, td, aliases, d.path)) problems.push(`${d.path}: ${p}`);
    }
  }
  return problems;
}

/** The rules of one task definition on its own. */
export function checkTaskDefinition(td: Json): string[] {
  const out: string[] = [];
  const containers = containersOf(td);
  const byName = new Map<string, Container>();
  for (const c of containers) {
    // RegisterTaskDefinition: container names are unique within a task definition (ContainerDefinition.name).
    if (byName.has(c.name)) out.push(`two containers are named "${c.name}"`);
    byName.set(c.name, c);
  }
  // ContainerDefinition.essential: "All tasks must have at least one essential container."
  if (containers.length > 0 && !containers.some((c) => c.essential !== false)) out.push('no essential container: every task must have at least one');
  const mode = typeof td.networkMode === 'string' ? td.networkMode : 'bridge';
  const volumes = new Set(list(td.volumes).map((v) => v.name));
  const portNames = new Map<string, string>();
  for (const c of containers) {
    for (const dep of list(c.dependsOn)) {
      const target = typeof dep.containerName === 'string' ? byName.get(dep.containerName) : undefined;
      if (!target) {
        out.push(`${c.name}.dependsOn names "${String(dep.containerName)}", no container of this task`);
        continue;
      }
      if (target === c) out.push(`${c.name}.dependsOn names the container itself`);
      // ContainerDependency.condition: COMPLETE and SUCCESS "can't be set on an essential container";
      // HEALTHY "requires that the dependent container has health checks configured".
      if ((dep.condition === 'COMPLETE' || dep.condition === 'SUCCESS') && target.essential !== false) out.push(`${c.name} waits for ${target.name} to ${dep.condition === 'SUCCESS' ? 'succeed' : 'complete'}, but ${target.name} is essential (ECS refuses COMPLETE/SUCCESS on an essential container)`);
      if (dep.condition === 'HEALTHY' && !isObject(target.healthCheck)) out.push(`${c.name} waits for ${target.name} to be HEALTHY, but ${target.name} has no healthCheck`);
    }
    for (const m of list(c.mountPoints)) {
      // MountPoint.sourceVolume: "must match the name of a volume in the task definition".
      if (!volumes.has(m.sourceVolume)) out.push(`${c.name}.mountPoints names volume "${String(m.sourceVolume)}", which the task does not define`);
    }
    for (const v of list(c.volumesFrom)) {
      if (typeof v.sourceContainer !== 'string' || !byName.has(v.sourceContainer)) out.push(`${c.name}.volumesFrom names "${String(v.sourceContainer)}", no container of this task`);
    }
    const links = Array.isArray(c.links) ? c.links : [];
    // ContainerDefinition.links: "This parameter is not supported ... for tasks that use the awsvpc network mode" (bridge only).
    if (links.length > 0 && mode !== 'bridge') out.push(`${c.name}.links in network mode ${mode} (links work in bridge mode only)`);
    for (const l of links) {
      const name = String(l).split(':')[0] ?? '';
      if (!byName.has(name)) out.push(`${c.name}.links names "${name}", no container of this task`);
    }
    for (const pm of list(c.portMappings)) {
      // PortMapping.hostPort: with awsvpc or host, "the hostPort can either be left blank or set to the same value as the containerPort".
      if ((mode === 'awsvpc' || mode === 'host') && pm.hostPort !== undefined && pm.containerPort !== undefined && pm.hostPort !== pm.containerPort) out.push(`${c.name}: hostPort ${String(pm.hostPort)} ≠ containerPort ${String(pm.containerPort)} in network mode ${mode}`);
      if (typeof pm.name === 'string') {
        // PortMapping.name: "the name must be unique within the task definition" (Service Connect).
        if (portNames.has(pm.name)) out.push(`port mapping name "${pm.name}" used twice (${portNames.get(pm.name)} and ${c.name})`);
        portNames.set(pm.name, c.name);
      }
    }
    // ContainerDefinition.memory: without task-level memory (EC2), each container needs memory or memoryReservation.
    if (td.memory === undefined && c.memory === undefined && c.memoryReservation === undefined) out.push(`${c.name} has neither memory nor memoryReservation, and the task has no memory`);
    if (typeof c.memory === 'number' && typeof c.memoryReservation === 'number' && c.memoryReservation > c.memory) out.push(`${c.name}.memoryReservation ${c.memoryReservation} exceeds memory ${c.memory}`);
    if (isObject(c.healthCheck)) out.push(...checkHealthCheck(c.name, c.healthCheck));
  }
  out.push(...dependencyCycles(containers));
  const compat = Array.isArray(td.requiresCompatibilities) ? td.requiresCompatibilities : [];
  if (compat.includes('FARGATE')) {
    // Fargate: "The awsvpc network mode is required"; task-level cpu and memory are required (TaskDefinition).
    if (mode !== 'awsvpc') out.push(`FARGATE task in network mode ${mode} (Fargate requires awsvpc)`);
    if (td.cpu === undefined || td.memory === undefined) out.push('FARGATE task without task-level cpu and memory');
  }
  return out;
}

/** HealthCheck: command starts with CMD or CMD-SHELL; interval 5–300, timeout 2–60, retries 1–10, startPeriod 0–300 (seconds). */
function checkHealthCheck(name: string, hc: Json): string[] {
  const out: string[] = [];
  const cmd = Array.isArray(hc.command) ? hc.command : [];
  if (!['CMD', 'CMD-SHELL'].includes(String(cmd[0]))) out.push(`${name}.healthCheck.command starts with ${JSON.stringify(cmd[0])}, not CMD or CMD-SHELL`);
  const ranges: [string, number, number][] = [['interval', 5, 300], ['timeout', 2, 60], ['retries', 1, 10], ['startPeriod', 0, 300]];
  for (const [k, lo, hi] of ranges) {
    const v = hc[k];
    if (v !== undefined && (typeof v !== 'number' || v < lo || v > hi)) out.push(`${name}.healthCheck.${k} ${String(v)} outside ${lo}–${hi}`);
  }
  return out;
}

/** A container that waits, through dependsOn, for itself never starts. */
function dependencyCycles(containers: readonly Container[]): string[] {
  const edges = new Map(containers.map((c) => [c.name, list(c.dependsOn).map((d) => String(d.containerName))]));
  const state = new Map<string, 'open' | 'done'>();
  const out: string[] = [];
  const visit = (n: string, path: string[]): void => {
    if (state.get(n) === 'done') return;
    if (state.get(n) === 'open') {
      out.push(`dependsOn cycle: ${[...path.slice(path.indexOf(n)), n].join(' → ')}`);
      return;
    }
    state.set(n, 'open');
    for (const m of edges.get(n) ?? []) if (edges.has(m) && m !== n) visit(m, [...path, n]);
    state.set(n, 'done');
  };
  for (const c of containers) visit(c.name, []);
  return out;
}

/** A service or run-task input against the task definition it names. */
function checkAgainstTask(doc: Json, td: Json, kind: 'service' | 'run-task', reported: readonly { readonly severity: string; readonly message: string }[]): string[] {
  const out: string[] = [];
  const containers = new Map(containersOf(td).map((c) => [c.name, c]));
  const mode = typeof td.networkMode === 'string' ? td.networkMode : 'bridge';
  // CreateService/RunTask networkConfiguration: "required for task definitions that use the awsvpc
  // network mode ... not supported for other network modes".
  // Left out on purpose when no subnets are known: then a warning must tell the user to give them.
  const toldToGiveSubnets = reported.some((d) => d.severity !== 'info' && d.message.includes(`task "${String(td.family)}" uses awsvpc networking`) && d.message.includes('--network-configuration'));
  if (mode === 'awsvpc' && !isObject(doc.networkConfiguration) && !toldToGiveSubnets) out.push('the task uses awsvpc, but there is no networkConfiguration and no warning says to give one');
  if (mode !== 'awsvpc' && doc.networkConfiguration !== undefined) out.push(`networkConfiguration with a task in network mode ${mode}`);
  const compat = Array.isArray(td.requiresCompatibilities) ? td.requiresCompatibilities : [];
  if (doc.launchType === 'FARGATE' && !compat.includes('FARGATE')) out.push('launchType FARGATE, but the task definition does not require FARGATE compatibility');
  // CreateService.schedulingStrategy: "Tasks using the Fargate launch type ... don't support the DAEMON scheduling strategy."
  if (kind === 'service' && doc.schedulingStrategy === 'DAEMON' && doc.launchType === 'FARGATE') out.push('DAEMON scheduling with launchType FARGATE');
  for (const lb of list(doc.loadBalancers)) {
    // LoadBalancer.containerName/containerPort: "as it appears in a container definition" / "the port on the container to associate with the load balancer".
    const c = typeof lb.containerName === 'string' ? containers.get(lb.containerName) : undefined;
    if (!c) {
      out.push(`loadBalancers names container "${String(lb.containerName)}", not in task ${String(td.family)}`);
      continue;
    }
    if (!list(c.portMappings).some((pm) => pm.containerPort === lb.containerPort)) out.push(`loadBalancers targets ${c.name}:${String(lb.containerPort)}, a port ${c.name} does not map`);
  }
  const overrides = isObject(doc.overrides) ? list(doc.overrides.containerOverrides) : [];
  for (const o of overrides) if (typeof o.name !== 'string' || !containers.has(o.name)) out.push(`overrides names container "${String(o.name)}", not in task ${String(td.family)}`);
  return out;
}

/**
 * ServiceConnectService.portName "must match the name of one of the portMappings"; a discovery
 * name is one Cloud Map service, so two entries of one service cannot share it (unset, it is the
 * portName); ServiceConnectClientAlias: "Each name and port mapping must be unique within the
 * namespace" (`aliases`, shared across the project's services).
 */
function checkServiceConnect(service: Json, td: Json, aliases: Map<string, string>, path: string): string[] {
  const sc = isObject(service.serviceConnectConfiguration) ? service.serviceConnectConfiguration : undefined;
  if (!sc || sc.enabled === false) return [];
  const out: string[] = [];
  const portNames = new Set(containersOf(td).flatMap((c) => list(c.portMappings).map((pm) => pm.name)));
  const discovery = new Set<string>();
  for (const s of list(sc.services)) {
    if (!portNames.has(s.portName)) out.push(`serviceConnect portName "${String(s.portName)}" is no port mapping name of task ${String(td.family)}`);
    const name = String(s.discoveryName ?? s.portName);
    if (discovery.has(name)) out.push(`two Service Connect entries have the discovery name "${name}"`);
    discovery.add(name);
    // ServiceConnectService.discoveryName: "This must be unique within the Cloud Map namespace."
    const cloudMap = `${String(sc.namespace)} discovery ${name}`;
    const other = aliases.get(cloudMap);
    if (other !== undefined && other !== path) out.push(`discovery name "${name}" is also ${other}'s in namespace ${String(sc.namespace)}`);
    aliases.set(cloudMap, path);
    for (const a of list(s.clientAliases)) {
      const key = `${String(sc.namespace)} ${String(a.dnsName ?? s.portName)}:${String(a.port)}`;
      const holder = aliases.get(key);
      if (holder !== undefined) out.push(`client alias ${String(a.dnsName)}:${String(a.port)} is also ${holder === path ? 'another entry' : holder}'s in namespace ${String(sc.namespace)}`);
      aliases.set(key, path);
    }
  }
  return out;
}

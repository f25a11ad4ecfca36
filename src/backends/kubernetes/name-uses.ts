/**
 * Ports a service reaches by name that the target's Service does not forward. Under compose the
 * network reaches any port of a service; a ClusterIP Service forwards only the ports it lists
 * (the published and exposed ones), so `N8N_RUNNERS_TASK_BROKER_URI=http://n8n:5679` finds
 * nothing when n8n publishes only 5678. One warning at the environment variable (or the
 * command), with the `expose` line that adds the port. A headless Service (a service without
 * ports, or dnsrr) gives the pods' addresses, where every port answers: nothing to say.
 */
import { K8S_CODES } from './codes.js';
import type { ProjectPlan } from './context.js';
import { hostUses, serviceTexts } from '../host-uses.js';
import { byName } from '../../passes/by-name.js';

export function reportPortUses(plan: ProjectPlan): void {
  const { ir } = plan;
  // Which service answers to each name in the cluster: its Service, then its alias Services.
  const who = new Map<string, string>();
  const services = Object.keys(ir.project.services).sort(byName);
  for (const s of services) {
    if (!plan.ports.has(s)) continue;
    for (const n of [s.toLowerCase(), plan.names.get(s) ?? s]) if (!who.has(n)) who.set(n, s);
  }
  for (const s of services) for (const a of plan.aliases.get(s) ?? []) if (!who.has(a)) who.set(a, s);
  const headless = (s: string): boolean =>
    (plan.ports.get(s)?.ports.length ?? 0) === 0 || plan.settings.get(s)?.serviceType?.value === 'Headless' || ir.project.services[s]?.deploy?.endpoint_mode === 'dnsrr' ||
    (plan.settings.get(s)?.serviceType === undefined && plan.ports.get(s)?.published === true && plan.options.serviceType === 'Headless');
  for (const s of services) {
    const svc = ir.project.services[s];
    if (!svc) continue;
    for (const { text, path: at, where } of serviceTexts(s, svc)) {
      const said = new Set<string>();
      for (const use of hostUses(text)) {
        const target = who.get(use.host.toLowerCase());
        if (target === undefined || target === s || use.port === undefined || headless(target)) continue;
        const ports = plan.ports.get(target)?.ports.map((p) => p.port) ?? [];
        const key = `${use.host.toLowerCase()}:${use.port}`;
        if (ports.includes(use.port) || said.has(key)) continue;
        said.add(key);
        plan.diagnostics.push(ir.diagnostic(K8S_CODES.unsupported, 'warning', `${where} reaches ${use.host}:${use.port}, but the Service of ${target} forwards only ${[...new Set(ports)].join(', ')}, so the port does not answer (under compose the network reaches any port): add expose: ["${use.port}"] to services.${target}`, at));
      }
    }
  }
}

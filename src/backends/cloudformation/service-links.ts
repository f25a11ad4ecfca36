/**
 * depends_on and links across tasks → DependsOn between the ECS services (the used service is
 * created, and deleted, first); and in awsvpc mode the used service's security group admits
 * its users on the ports it publishes or exposes.
 */
import type { IR } from '../../ir/ir.js';
import type { CreatedService } from './discovery.js';
import { ref, type Json, type Template } from './template.js';

/** Links the services; returns the `expose` entries it used (for ingress), as diagnostic paths. */
export function linkServices(ir: IR, t: Template, created: readonly CreatedService[]): Set<string> {
  const used = new Set<string>();
  const byTask = new Map(created.map((c) => [c.task.name, c]));
  const taskOf = new Map<string, string>();
  for (const c of created) for (const s of c.task.services) taskOf.set(s, c.task.name);
  const pairs = new Set<string>();
  for (const [name, svc] of Object.entries(ir.project.services)) {
    const from = taskOf.get(name);
    const targets = [...Object.keys(svc.depends_on ?? {}), ...(svc.links ?? []).map((l) => l.split(':')[0] as string)];
    for (const target of targets) {
      const to = taskOf.get(target);
      if (!from || !to || to === from) continue;
      const a = byTask.get(from) as CreatedService;
      const b = byTask.get(to) as CreatedService;
      const res = t.resources[a.serviceId] as Json;
      res.DependsOn = [...new Set([...((res.DependsOn as string[]) ?? []), b.serviceId])].sort();
      if (!a.securityGroup || !b.securityGroup || pairs.has(`${from}\0${to}`)) continue;
      pairs.add(`${from}\0${to}`);
      const ports = new Set<number>();
      for (const s of b.task.services) {
        const target = ir.project.services[s];
        for (const p of target?.ports ?? []) ports.add(p.target);
        for (const e of target?.expose ?? []) {
          const n = Number(String(e).split(/[-/]/)[0]);
          if (Number.isInteger(n)) ports.add(n);
        }
        if (target?.expose?.length) used.add(`/services/${s}/expose`);
      }
      const all = [...ports].sort((x, y) => x - y);
      const rules = all.length ? all.map((port) => ({ FromPort: port, ToPort: port })) : [{ FromPort: 0, ToPort: 65535 }];
      rules.forEach((r, i) => {
        t.resource(`${b.id}From${a.id}Ingress${all.length > 1 ? i + 1 : ''}`, 'AWS::EC2::SecurityGroupIngress', {
          GroupId: ref(b.securityGroup as string),
          SourceSecurityGroupId: ref(a.securityGroup as string),
          IpProtocol: 'tcp',
          ...r,
          Description: `${from} uses ${to}`,
        });
      });
    }
  }
  return used;
}

/**
 * EC2 tasks in bridge mode behind a load balancer: the routed container ports get dynamic
 * host ports (0), so ECS picks a free port on the container instance for each task and
 * registers it in the target group. Several tasks of a service (and several environments of
 * a stack) then fit on one instance, which a fixed published port forbids.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsIR, Task } from '../../ir/ir.js';
import { DYNAMIC_PORTS_FROM, DYNAMIC_PORTS_TO, type RouteResources } from './load-balancing.js';
import type { Json } from './template.js';

export function useDynamicHostPorts(ir: EcsIR, task: Task, containers: Json[], routes: RouteResources | undefined, diagnostics: Diagnostic[]): void {
  if (task.networkMode !== 'bridge' || !routes) return;
  for (const { route } of routes.targetGroups) {
    const c = containers.find((x) => x.Name === route.service);
    if (!c) continue;
    const protocol = route.protocol === 'UDP' ? 'udp' : 'tcp';
    const mappings = (c.PortMappings as Json[] | undefined) ?? [];
    const m = mappings.find((x) => x.ContainerPort === route.port && (x.Protocol ?? 'tcp') === protocol);
    const where = route.portIndex !== undefined ? ['services', route.service, 'ports', route.portIndex] : ['services', route.service, 'x-ecs', 'routing', 'port'];
    const shown = route.portIndex !== undefined ? `services.${route.service}.ports[${route.portIndex}]` : `services.${route.service}.x-ecs.routing.port`;
    const why = `the load balancer learns each task's port, so several tasks fit on one container instance (whose security group must admit the load balancer on ${DYNAMIC_PORTS_FROM}-${DYNAMIC_PORTS_TO})`;
    if (!m) {
      c.PortMappings = [...mappings, { ContainerPort: route.port, HostPort: 0, ...(protocol === 'udp' ? { Protocol: 'udp' } : {}) }];
      diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'info', `${shown}: container port ${route.port} is mapped to a dynamic host port for the load balancer: ${why}`, where));
    } else if (m.HostPort !== 0) {
      diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'info', `${shown}: host port ${String(m.HostPort)} becomes dynamic (0) behind the load balancer: ${why}`, where));
      m.HostPort = 0;
      // An unpublished mapping of the same port (`"8080:80"` and `"80"`) is now the same mapping.
      const same = (x: Json) => x !== m && x.ContainerPort === m.ContainerPort && x.HostPort === 0 && (x.Protocol ?? 'tcp') === protocol && !x.Name && !x.AppProtocol;
      c.PortMappings = mappings.filter((x) => !same(x));
    }
  }
}

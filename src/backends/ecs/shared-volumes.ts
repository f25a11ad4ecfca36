/**
 * Named volumes that compose shares and ECS does not. Under `docker compose up` every service
 * (and every replica) that mounts a named volume sees the same data (07-volumes: "named volumes
 * that can be reused across multiple services"). On ECS a named volume without EFS is a Docker
 * volume of one container instance (EC2), or task storage (Fargate): tasks of other ECS services
 * or other replicas, placed elsewhere, see data of their own. One warning per such volume, at
 * its top-level key, for the ECS and CloudFormation targets, which both call this.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsIR } from '../../ir/ir.js';
import { ownValue } from '../../core/own.js';
import { compareText } from '../../core/text-order.js';

/**
 * Reports each named volume without x-ecs EFS (nor an x-ecs host_path, a volume driver or an
 * external volume, which may be shared storage) that services of more than one task, or of a
 * service with more than one replica, mount.
 *
 * @example
 * reportUnsharedVolumes(ir, diagnostics) // netbox, netbox-worker, netbox-housekeeping mount netbox-media-files in three tasks
 */
export function reportUnsharedVolumes(ir: EcsIR, diagnostics: Diagnostic[]): void {
  if (ir.layout !== 'service') return;
  for (const volume of Object.keys(ir.project.volumes ?? {}).sort(compareText)) {
    const top = ownValue(ir.project.volumes, volume);
    const ecs = ownValue(ir.settings.volumes, volume);
    if (ecs?.efs || ecs?.host_path || top?.external || (top?.driver !== undefined && top.driver !== 'local')) continue;
    const users: string[] = [];
    const tasks = new Set<string>();
    let replicated = false;
    for (const task of ir.tasks) {
      for (const name of task.services) {
        const svc = ir.project.services[name];
        if (!svc?.volumes?.some((v) => v.type === 'volume' && v.source === volume)) continue;
        if (!users.includes(name)) users.push(name);
        tasks.add(task.name);
        if (task.withService && ir.workloads[name]?.kind === 'service' && (ir.workloads[name]?.replicas ?? 1) > 1) replicated = true;
      }
    }
    // A job copied into each waiter's task (job-placement.ts) alone is one user: nothing reads what it writes elsewhere.
    if ((users.length < 2 || tasks.size < 2) && !replicated) continue;
    users.sort(compareText);
    const who = tasks.size > 1 ? `${users.join(', ')}, which run in ${tasks.size} tasks` : `${users[0] ?? ''}, whose replicas run as tasks of their own`;
    diagnostics.push(
      ir.diagnostic(
        'ECS_UNSUPPORTED_FIELD',
        'warning',
        `volumes.${volume} is mounted by ${who}: compose shares one volume between them, but on ECS it is a Docker volume of one container instance (on Fargate, storage of one task), so tasks placed elsewhere do not see each other's data; give it x-ecs.volumes.${volume}.efs (an EFS file system), or put the services in one task (x-ecs.task)`,
        ['volumes', volume],
      ),
    );
  }
}

/** Rules about CPU and memory: reservations within limits, tasks within what Fargate runs. */
import { ruleCode, type Rule } from './rule.js';
import { LARGEST_FARGATE_SIZE } from '../passes/fargate-size.js';
import { containerTotals } from '../passes/task-size.js';

type Path = (string | number)[];

/** The first value set, with where it was written. */
function first(candidates: [number | undefined, Path][]): { value: number; path: Path } | undefined {
  for (const [value, path] of candidates) if (value !== undefined && value > 0) return { value, path };
  return undefined;
}

function show(path: Path): string {
  return path.join('.');
}

const MIB = 1024 * 1024;

export const reservationAboveLimit: Rule = {
  ...ruleCode('RESOURCE_RESERVATION_ABOVE_LIMIT'),
  check(project, ctx) {
    for (const [name, svc] of Object.entries(project.services)) {
      const at = (...p: Path): Path => ['services', name, ...p];
      const limits = svc.deploy?.resources?.limits;
      const reservations = svc.deploy?.resources?.reservations;
      const pairs: { kind: 'memory' | 'cpus'; limit: ReturnType<typeof first>; reservation: ReturnType<typeof first> }[] = [
        {
          kind: 'memory',
          limit: first([[limits?.memory, at('deploy', 'resources', 'limits', 'memory')], [svc.mem_limit, at('mem_limit')]]),
          reservation: first([[reservations?.memory, at('deploy', 'resources', 'reservations', 'memory')], [svc.mem_reservation, at('mem_reservation')]]),
        },
        {
          kind: 'cpus',
          limit: first([[limits?.cpus, at('deploy', 'resources', 'limits', 'cpus')], [svc.cpus, at('cpus')]]),
          reservation: first([[reservations?.cpus, at('deploy', 'resources', 'reservations', 'cpus')]]),
        },
      ];
      for (const { kind, limit, reservation } of pairs) {
        if (!limit || !reservation || reservation.value <= limit.value) continue;
        const amount = (v: number) => (kind === 'memory' ? `${Math.ceil(v / MIB)} MiB` : `${v} CPUs`);
        ctx.report(`${show(reservation.path)} (${amount(reservation.value)}) is above the limit ${show(limit.path)} (${amount(limit.value)}): a reservation cannot exceed the limit`, reservation.path);
      }
    }
  },
};

export const beyondFargate: Rule = {
  ...ruleCode('RESOURCE_BEYOND_FARGATE'),
  check(_project, ctx) {
    const ir = ctx.ir()?.ecs;
    if (!ir) return;
    for (const task of ir.tasks) {
      const sum = containerTotals(task, ir.services);
      if (sum.cpu <= LARGEST_FARGATE_SIZE.cpu && sum.memory <= LARGEST_FARGATE_SIZE.memory) continue;
      // Point at the service that asks for the most.
      const biggest = [...task.services].sort((a, b) => weight(ir.services[b]?.resources) - weight(ir.services[a]?.resources))[0] ?? task.services[0] ?? '';
      const fargate = task.launchType === 'FARGATE';
      ctx.report(
        `task "${task.name}" asks for ${sum.cpu} CPU units and ${sum.memory} MiB, beyond the largest Fargate size (${LARGEST_FARGATE_SIZE.cpu} units, ${LARGEST_FARGATE_SIZE.memory} MiB)${fargate ? '' : `; it runs on ${task.launchType} but could never move to Fargate`}`,
        ['services', biggest],
        { severity: fargate ? 'error' : 'warning', key: true },
      );
    }
  },
};

function weight(r: { cpu?: number; memory?: number; memoryReservation?: number } | undefined): number {
  return (r?.cpu ?? 0) / LARGEST_FARGATE_SIZE.cpu + Math.max(r?.memory ?? 0, r?.memoryReservation ?? 0) / LARGEST_FARGATE_SIZE.memory;
}

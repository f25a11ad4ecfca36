/**
 * Ports of remote shells and databases that the stack would open to the whole internet. The
 * list is cfn-lint's (rule W2508, which @aws/cloudformation-validate applies too): SSH, RDP,
 * MySQL, PostgreSQL, SQL Server, Redis and MongoDB. Compose files often publish a database
 * port for local work (`5432:5432`); on a Network Load Balancer that becomes a port anyone
 * can reach, so the backend says so where the port was written.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsIR } from '../../ir/ir.js';

const SENSITIVE: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'],
  [1433, 'SQL Server'],
  [3306, 'MySQL'],
  [3389, 'RDP'],
  [5432, 'PostgreSQL'],
  [6379, 'Redis'],
  [27017, 'MongoDB'],
]);

const ANYWHERE = new Set(['0.0.0.0/0', '::/0']);

/**
 * Reports the sensitive ports in `from`..`to`, in one finding, when `cidr` is anywhere: `what` says which
 * security group admits them and why, `at` is where the user wrote the port or the rule.
 *
 * @example
 * warnOpenPorts(ir, diagnostics, '0.0.0.0/0', 5432, 5432, 'the tasks of "db" (a Network Load Balancer keeps the client\'s address)', ['services', 'db', 'ports', 0]);
 */
export function warnOpenPorts(ir: EcsIR, diagnostics: Diagnostic[], cidr: string | undefined, from: number, to: number, what: string, at: (string | number)[]): void {
  if (cidr === undefined || !ANYWHERE.has(cidr)) return;
  const open = [...SENSITIVE].filter(([port]) => port >= from && port <= to).map(([port, name]) => `${port} (${name})`);
  if (open.length === 0) return;
  const ports = open.length === 1 ? `port ${open[0]} is` : `ports ${open.join(', ')} are`;
  diagnostics.push(ir.diagnostic('CFN_OPEN_PORT', 'warning', `${ports} open to anyone (${cidr}): ${what}; open it only if it must be reached from the internet (other services reach a port listed under expose)`, at));
}

/** The messages between the page (main.ts) and the compile worker (worker.ts). */

export type Target = 'ecs' | 'cloudformation' | 'kubernetes';
export type LayoutChoice = 'service' | 'project';
export type LaunchChoice = 'fargate' | 'ec2';

/** What the page asks: compile this text with these choices. */
export interface CompileRequest {
  id: number;
  text: string;
  target: Target;
  layout: LayoutChoice;
  launchType: LaunchChoice;
}

/**
 * One tab of the output side. `text` is shown as it is (a document the CLI's convert would
 * write, named by its path); `svg` is a picture (for a tab such as a diagram, later).
 */
export interface OutputTab {
  id: string;
  label: string;
  kind: 'text' | 'svg';
  content: string;
}

/** A finding, as the page lists and marks it. */
export interface Finding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  path?: string;
}

/** What the worker answers. */
export interface CompileReply {
  id: number;
  tabs: OutputTab[];
  findings: Finding[];
}

/** Where the compose text lives in the worker's in-memory project. */
export const PROJECT_DIR = '/playground';
export const COMPOSE_FILE = 'compose.yaml';

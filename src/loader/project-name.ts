/**
 * 04-version-and-name: the project name comes from (first found) the -p option,
 * COMPOSE_PROJECT_NAME, the top-level `name`, or the project directory's name. Compose
 * allows only lowercase letters, digits, dashes and underscores, starting with a letter
 * or digit.
 */
const VALID = /^[a-z0-9][a-z0-9_-]*$/;

export function isValidProjectName(name: string): boolean {
  return VALID.test(name);
}

/** A directory name made into a valid project name (as compose does): lowercased, other characters removed. */
export function projectNameFromDirectory(dir: string): string {
  const cleaned = dir.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[_-]+/, '');
  return cleaned;
}

export type ProjectNameSource = 'option' | 'environment' | 'file' | 'directory';

/** Picks the project name by the precedence above. */
export function chooseProjectName(candidates: {
  option?: string | undefined;
  environment?: string | undefined;
  file?: string | undefined;
  directory: string;
}): { name: string; source: ProjectNameSource } {
  if (candidates.option) return { name: candidates.option, source: 'option' };
  if (candidates.environment) return { name: candidates.environment, source: 'environment' };
  if (candidates.file) return { name: candidates.file, source: 'file' };
  return { name: projectNameFromDirectory(candidates.directory), source: 'directory' };
}

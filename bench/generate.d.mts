// Types for the tests that read the benchmark's generated projects.
export function composeFile(n: number): string;
export function overrideFile(n: number): string;
export function writeProject(dir: string, n: number): Promise<string[]>;
export const PROJECT_FILES: string[];
export function projectFiles(n: number): Record<string, string>;

// Types for the tests that read the benchmark's generated projects.
export function composeFile(n: number): string;
export function overrideFile(n: number): string;
export function writeProject(dir: string, n: number): Promise<void>;

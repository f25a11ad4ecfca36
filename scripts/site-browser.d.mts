// Types of scripts/site-browser.mjs, for the playground's tests.
import type { BrowserContext } from 'playwright-core';

export declare function serveDir(dir: string): Promise<{ url: string; close(): Promise<void> }>;
export declare function findChromium(): string | undefined;
export declare function launchChromium(executablePath: string): Promise<{ context: BrowserContext; close(): Promise<void> }>;

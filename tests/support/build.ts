import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Brings dist/ up to date once before the suite, as every npm script does (compile, snapshot the fact
 * base, bundle the gateway bot), so that tests which run the real programs run the current code.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/fresh.mjs'], {
    cwd: resolve(import.meta.dirname, '../..'),
    stdio: 'inherit',
  });
}

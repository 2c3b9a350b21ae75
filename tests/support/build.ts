import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Builds dist/ once before the suite exactly as `npm run build` does (compile, snapshot the fact
 * base, bundle the gateway bot), so that tests which run the real programs run the current code.
 */
export default function setup(): void {
  execFileSync('npm', ['run', 'build', '--silent'], {
    cwd: resolve(import.meta.dirname, '../..'),
    stdio: 'inherit',
  });
}

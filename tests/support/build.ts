import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Builds dist/ once before the suite, so that tests which run the real CLI run the current code. */
export default function setup(): void {
  const root = resolve(import.meta.dirname, '../..');
  execFileSync(
    process.execPath,
    [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}

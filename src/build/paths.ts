import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The root of the built code (dist/, or the repository when tests run the sources), found from
 * this module two folders below it. A program bundled into one file (see scripts/bundle.ts) is
 * written beside its own module, two folders down as well, so the root is the same whether the
 * code runs bundled or not: what one writes here (a snapshot, prebuilt indexes), the other reads.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A folder of the built code: `src/knowledge`, `.cache/knowledge`… */
export function builtPath(relative: string): string {
  return join(ROOT, relative);
}

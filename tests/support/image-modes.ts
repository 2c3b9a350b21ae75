import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './bot.js';

/** The modes the image's entry point runs a program for: the first name of each such branch. */
export function imageModes(): string[] {
  const entrypoint = readFileSync(join(ROOT, 'docker/entrypoint.sh'), 'utf8');
  return [...entrypoint.matchAll(/^ {2}([\w:-]+)(?: \| [\w:-]+)*\) .*\bexec node /gm)].map(
    (m) => m[1] as string,
  );
}

import { resolve } from 'node:path';
import { config } from 'dotenv';

/** Loads `.env` once; real environment variables win over the file. */
let loaded = false;
export function loadEnv(): void {
  if (loaded) return;
  config({ quiet: true });
  loaded = true;
}

/** The fact base folder: `KNOWLEDGE_DIR`, or `knowledge/` in the working directory. */
export function knowledgeDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.KNOWLEDGE_DIR?.trim() || 'knowledge');
}

/**
 * Start-up messages tell people what to do where Summit runs: the image (which sets
 * SUMMIT_IN_IMAGE=1) has no .env and no npm, only `docker run` and its settings.
 */
const inImage = () => process.env.SUMMIT_IN_IMAGE === '1';

/** How to give Summit a setting, e.g. "put your bot token in .env (see .env.example)". */
export function howToSet(name: string, what: string): string {
  return inImage()
    ? `pass ${what} to the container as ${name} (docker run -e ${name}=… or --env-file, or the compose file's environment)`
    : `put ${what} in .env (see .env.example)`;
}

/** The command that runs another mode: `npm run console`, or `docker run -it --rm summit console`. */
export function commandFor(mode: 'ask' | 'console'): string {
  if (!inImage()) return mode === 'ask' ? 'npm run ask --' : `npm run ${mode}`;
  return `docker run ${mode === 'console' ? '-it' : '-i'} --rm summit ${mode}`;
}

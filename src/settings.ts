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

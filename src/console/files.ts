import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Reply } from '../answers/reply.js';
import { knowledgeSettings } from '../settings.js';

/**
 * The console cannot show a picture: it writes a reply's file where `--out` or
 * `SUMMIT_TIMELINE_OUT` says (a file path), else into the system's temporary folder, and says
 * where it went and what it shows.
 */
function filePath(name: string, out: string | undefined): string {
  const chosen = out?.trim() || knowledgeSettings().SUMMIT_TIMELINE_OUT;
  return chosen ? resolve(chosen) : join(tmpdir(), 'summit', name);
}

/** Writes the reply's file, if it has one, and returns the line that tells where it went. */
export async function saveFile(reply: Reply, out: string | undefined): Promise<string | undefined> {
  if (!reply.file) return undefined;
  const path = filePath(reply.file.name, out);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, await reply.file.bytes());
  } catch (error) {
    // The answer above holds without the picture.
    return `The picture could not be written to ${path}: ${(error as Error).message}`;
  }
  return `Picture written to ${path}\n  ${reply.file.description}`;
}

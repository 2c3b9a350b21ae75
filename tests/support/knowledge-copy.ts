import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KNOWLEDGE_DIR } from './summit.js';

const copies: string[] = [];

/** An empty temporary folder, deleted with the copies. */
export function scratchFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'summit-knowledge-'));
  copies.push(dir);
  return dir;
}

/** A fresh copy of the real fact base (in a temporary folder unless told where), to edit as a moderator would. */
export function copyKnowledge(dir = scratchFolder()): string {
  cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
  return dir;
}

/** Deletes every copy made so far (call from afterAll). */
export function removeKnowledgeCopies(): void {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Replaces text in one file of a copy; fails loudly when the text to replace is not there. */
export function mutate(dir: string, file: string, from: string | RegExp, to: string): string {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`the mutation of ${file} matched nothing: ${String(from)}`);
  writeFileSync(path, after);
  return after;
}

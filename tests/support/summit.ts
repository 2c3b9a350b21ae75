import { resolve } from 'node:path';
import type { Reply } from '../../src/answers/reply.js';
import { renderText } from '../../src/console/render.js';
import { ConsoleSession } from '../../src/console/session.js';
import { createEngine } from '../../src/engine/create.js';
import type { Engine } from '../../src/engine/engine.js';

export const KNOWLEDGE_DIR = resolve(import.meta.dirname, '../../knowledge');

let shared: Engine | undefined;

/** The engine over the real fact base, built once per test file. */
export function engine(): Engine {
  shared ??= createEngine(KNOWLEDGE_DIR);
  return shared;
}

export interface Answer {
  reply: Reply;
  /** The reply as the console prints it (no colour): title, text, fields, sources. */
  text: string;
}

/**
 * Answers one console line exactly as `npm run ask` does. A handler error fails the test
 * instead of being turned into an apology.
 */
export function ask(line: string, session = newSession()): Answer {
  const reply = session.answer(line);
  return { reply, text: renderText(reply) };
}

export function newSession(random: () => number = () => 0.5): ConsoleSession {
  return new ConsoleSession(
    engine(),
    (error) => {
      throw error;
    },
    random,
  );
}

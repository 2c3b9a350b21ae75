import type { Reply } from '../src/answers/reply.js';
import type { Choice } from '../src/commands/command.js';
import { dispatch } from '../src/commands/dispatch.js';
import { createContext, findCommand } from '../src/commands/registry.js';
import type { Engine } from '../src/engine/engine.js';
import type { Query } from './queries.js';

/** Runs one benchmark query through Summit exactly as an adapter would, and times it. */
export function answer(engine: Engine, query: Query): { ms: number; hit: boolean } {
  const ctx = createContext(engine, { random: () => 0.5 });
  const fail = (error: unknown) => {
    throw error;
  };
  const started = performance.now();
  if (query.kind === 'autocomplete') {
    const command = findCommand(query.command);
    const choices = command?.autocomplete?.(query.option, query.text, ctx) ?? [];
    const ms = performance.now() - started;
    return { ms, hit: firstChoice(choices) === query.target.record.id };
  }
  const reply = dispatch({ command: query.command, args: { [query.option]: query.text } }, ctx, fail);
  const ms = performance.now() - started;
  return { ms, hit: shows(reply, query) };
}

const firstChoice = (choices: Choice[]) => choices[0]?.value;

const flat = (text: string) => text.replace(/\s+/g, ' ');

/** Whether the reply's first answer is the query's record. */
function shows(reply: Reply, query: Query): boolean {
  if (reply.kind !== 'answer') return false;
  if (query.target.type === 'quote') {
    // The first quote a reply shows is in its text; a reply about something else does not quote it.
    return flat(reply.text).includes(flat(query.target.record.text).slice(0, 60));
  }
  const first = [...reply.followUps, ...reply.suggestions]
    .map((f) => /^\/meeting query:(\S+)$/.exec(f.command)?.[1])
    .find(Boolean);
  return first === query.target.record.id;
}

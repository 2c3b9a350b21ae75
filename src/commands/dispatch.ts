import { randomUUID } from 'node:crypto';
import { echo } from '../answers/format.js';
import { type Reply, reply, usage } from '../answers/reply.js';
import { editDistance } from '../search/vocabulary.js';
import { type Context, type Invocation, UsageError } from './command.js';
import { parseLine, typedAfterCommand } from './parse-line.js';
import { commands, execute, findCommand, UnknownCommandError } from './registry.js';

export type { Invocation } from './command.js';

/** Called once per failed handler with the reference id the user was shown. */
export type ErrorSink = (error: unknown, reference: string, invocation: Invocation) => void;

/**
 * Runs a command and always returns a reply: bad input becomes a friendly private usage note,
 * an unknown command a "did you mean", and a failing handler an apology with a reference id
 * (the error itself goes to `onError`, never to the user).
 */
export function dispatch(invocation: Invocation, ctx: Context, onError: ErrorSink): Reply {
  try {
    return execute(invocation.command, invocation.args, ctx);
  } catch (error) {
    if (error instanceof UsageError) return usage('Not quite', error.message, examplesOf(invocation.command));
    if (error instanceof UnknownCommandError) return unknownCommand(error.command, '');
    const reference = newReference();
    onError(error, reference, invocation);
    return apology(reference);
  }
}

/** A short id that ties what a user was shown to the logged error. */
export function newReference(): string {
  return randomUUID().slice(0, 8);
}

/** What a user sees when answering failed: an apology and the reference, never the error. */
export function apology(reference: string): Reply {
  return reply({
    kind: 'error',
    title: 'Sorry, something went wrong',
    text: `I couldn't answer that one. If it keeps happening, tell a moderator the reference **${reference}**.`,
    private: true,
  });
}

/** Runs a command line as typed (`/when Sochi`, or a plain question); a malformed line gets a usage note. */
export function runLine(line: string, ctx: Context, onError: ErrorSink): Reply {
  let invocation: Invocation;
  try {
    invocation = parseLine(line);
  } catch (error) {
    if (error instanceof UsageError) return usage('Not quite', error.message);
    throw error;
  }
  // A mistyped name keeps what was typed after it, so that the suggestion runs the line meant.
  if (!findCommand(invocation.command)) return unknownCommand(invocation.command, typedAfterCommand(line));
  return dispatch(invocation, ctx, onError);
}

function examplesOf(name: string) {
  const command = commands.find((c) => c.name === name);
  return (command?.examples ?? []).slice(0, 3).map((e) => ({ label: e, command: e }));
}

/** Options longer than this are not carried into a suggestion, which must fit a button. */
const MAX_KEPT = 60;

function unknownCommand(name: string, typed: string): Reply {
  const close = commands
    .map((c) => ({ c, d: editDistance(name.toLowerCase(), c.name, 3) }))
    .filter(({ d }) => d <= 3)
    .sort((a, b) => a.d - b.d)
    .map(({ c }) => {
      const line =
        typed && typed.length <= MAX_KEPT ? `/${c.name} ${typed}` : (c.examples[0] ?? `/${c.name}`);
      return { label: line, command: line };
    });
  return usage(
    'Unknown command',
    `There is no command /${echo(name).slice(1, -1)}.${close.length ? '' : ' Try /help.'}`,
    close.length ? close : [{ label: '/help', command: '/help' }],
  );
}

import type { Reply } from '../answers/reply.js';
import type { RawArgs } from '../commands/command.js';
import { commandOf } from '../commands/parse-line.js';
import type { AskedVia } from '../store/schema.js';
import type { BotDeps } from './answer.js';
import type { Vote } from './custom-id.js';

/**
 * What the Discord adapter records of what members ask, and their 👍/👎 on answers. Free-text
 * questions (/ask, a mention, Ask Summit) are recorded whatever they got; another command only
 * when its lookup missed. Only answers to free text are offered for rating.
 */

export interface Answered {
  /** How a free-text question came; absent for a command. */
  via?: Exclude<AskedVia, 'lookup'>;
  /** The question, or the command line run. */
  text: string;
  reply: Reply;
  guild: string | null;
  /** performance.now() when the question arrived. */
  started: number;
}

/** Records the question; returns the id that 👍/👎 buttons carry, when the answer may be rated. */
export function recordAnswer(deps: BotDeps, answered: Answered): string | undefined {
  const { recorder } = deps;
  if (!recorder) return undefined;
  const freeText = answered.via !== undefined;
  if (!freeText && answered.reply.kind !== 'not-found') return undefined;
  const id = recorder.question({
    via: answered.via ?? 'lookup',
    text: answered.text,
    reply: answered.reply,
    guild: answered.guild,
    latencyMs: performance.now() - answered.started,
    kb: deps.engine.kb,
  });
  return freeText && answered.reply.kind === 'answer' && recorder.takesVotes ? id : undefined;
}

/** A mention carries free text or a command line (`@Summit /when Sochi`). */
export function mentionVia(text: string): 'mention' | undefined {
  return commandOf(text) === 'ask' ? 'mention' : undefined;
}

/** A slash command as a line, for the record: `/when query:Sochi`. */
export function commandLine(command: string, args: RawArgs): string {
  return [`/${command}`, ...Object.entries(args).map(([name, value]) => `${name}:${value}`)].join(' ');
}

/** Records a click on 👍/👎; returns what to tell the member (privately) and the outcome. */
export function takeVote(deps: BotDeps, vote: Vote, memberId: string): { thanks: string; outcome: string } {
  const counted = deps.recorder?.vote(vote.answer, memberId, vote.up) ?? false;
  return counted
    ? {
        thanks: `Thanks: your ${vote.up ? '👍' : '👎'} is counted (once; click the other to change it). The moderators see which answers miss.`,
        outcome: 'voted',
      }
    : { thanks: 'Thanks, but feedback is not being collected right now.', outcome: 'refused' };
}

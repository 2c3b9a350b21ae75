import type { Reply } from '../answers/reply.js';
import type { Invocation } from '../commands/dispatch.js';
import { commandOf } from '../commands/parse-line.js';
import { findCommand } from '../commands/registry.js';
import { CHANNEL_OPTION } from './definitions.js';

/**
 * What both transports share of the moderator tools (/summary, /reload): which command lines run
 * one, and the channel a moderator's pick from "which meeting?" carries to where it posts.
 */

export interface PostRequest {
  /** The moderator command as typed, or the command line a button carries. */
  run: Invocation | string;
  /** Where to post; the interaction's own channel when absent. */
  channelId?: string;
}

/** Whether a command line runs a moderator tool (which only its own path may run). */
export function isModeratorLine(line: string): boolean {
  return findCommand(commandOf(line))?.moderator === true;
}

/** Buttons on a moderator's "which meeting?" carry the channel they chose, so the pick posts there. */
const CHANNEL_SUFFIX = new RegExp(` ${CHANNEL_OPTION}:(\\d{17,20})$`);

export function splitChannel(line: string): PostRequest {
  const match = line.match(CHANNEL_SUFFIX);
  return match?.[1] ? { run: line.slice(0, match.index), channelId: match[1] } : { run: line };
}

export function withChannel(reply: Reply, channelId: string): Reply {
  const carry = (s: Reply['suggestions'][number]) =>
    isModeratorLine(s.command) ? { ...s, command: `${s.command} ${CHANNEL_OPTION}:${channelId}` } : s;
  return { ...reply, suggestions: reply.suggestions.map(carry) };
}

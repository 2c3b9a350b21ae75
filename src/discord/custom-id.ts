import { LIMITS } from '../limits.js';

/**
 * What a button or menu does, packed into its custom_id so that whichever process receives the
 * click can serve it without shared state: run a command line, or show one page of a list.
 * `hidden` keeps answers private when the user asked for that (`hide`).
 *
 *   run:/quote speaker:putin      run.h:/meeting query:sochi-2019      page.2:/meetings year:2015
 *   pick / pick.h                 (a select menu; the chosen option's value is the command line)
 */
export type Action =
  | { kind: 'run'; line: string; hidden: boolean }
  | { kind: 'page'; line: string; page: number; hidden: boolean }
  | { kind: 'pick'; hidden: boolean };

export function encodeAction(action: Action): string | undefined {
  const flag = action.hidden ? '.h' : '';
  const id =
    action.kind === 'pick'
      ? `pick${flag}`
      : action.kind === 'run'
        ? `run${flag}:${action.line}`
        : `page.${action.page}${flag}:${action.line}`;
  // A line that does not fit cannot be carried: the caller leaves that button out.
  return id.length <= LIMITS.customId ? id : undefined;
}

export function decodeAction(customId: string): Action | undefined {
  const match = customId.match(/^(run|page\.(\d{1,4})|pick)(\.h)?(?::([\s\S]+))?$/);
  if (!match) return undefined;
  const [, head, page, flag, line] = match;
  const hidden = flag === '.h';
  if (head === 'pick') return line === undefined ? { kind: 'pick', hidden } : undefined;
  if (line === undefined || !line.startsWith('/')) return undefined;
  if (head === 'run') return { kind: 'run', line, hidden };
  const n = Number(page);
  return n >= 1 ? { kind: 'page', line, page: n, hidden } : undefined;
}

/**
 * What a click asks for: the action its custom_id carries and the command line to run, which for
 * a menu is the option picked (`picked`: the menu's chosen values).
 */
export function readClick(customId: string, picked?: readonly string[]): { action?: Action; line?: string } {
  const action = decodeAction(customId);
  if (action?.kind !== 'pick') return { ...(action && { action, line: action.line }) };
  const line = picked?.[0];
  return { action, ...(line && { line }) };
}

/**
 * 👍/👎 on a recorded answer: `vote.up:Jx3kQ9…` carries the answer's id (12 characters), so
 * that any replica can record the click.
 */
export interface Vote {
  answer: string;
  up: boolean;
}

export function encodeVote({ answer, up }: Vote): string {
  return `vote.${up ? 'up' : 'down'}:${answer}`;
}

export function decodeVote(customId: string): Vote | undefined {
  const match = customId.match(/^vote\.(up|down):([\w-]{1,32})$/);
  return match ? { answer: match[2] as string, up: match[1] === 'up' } : undefined;
}

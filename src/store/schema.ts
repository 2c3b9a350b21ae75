/**
 * The tables as the queries see them: one description for SQLite and PostgreSQL. Times are
 * milliseconds since the epoch in a 64-bit integer column; PostgreSQL hands those back as
 * strings, so readers convert with `Number`.
 */

/** What a recorded question got back. */
export const ANSWER_KINDS = ['answered', 'not-covered', 'did-you-mean', 'usage', 'error'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

/** How the question reached the bot: /ask, a mention, the Ask Summit menu, or a lookup command that missed. */
export const ASKED_VIA = ['ask', 'mention', 'menu', 'lookup'] as const;
export type AskedVia = (typeof ASKED_VIA)[number];

export interface QuestionsTable {
  id: string;
  asked_at: number | string;
  guild: string | null;
  via: AskedVia;
  /** The question as typed, cut to QUESTION_MAX characters. */
  text: string;
  /** Its content words, normalised, sorted and unique: questions that say the same thing group on it. */
  terms: string;
  kind: AnswerKind;
  /** The ids of the articles cited, space-separated. */
  sources: string;
  topic: string | null;
  latency_ms: number;
  kb_version: string;
}

export interface VotesTable {
  question_id: string;
  /** A keyed hash of the member: the same member always, never who it is. */
  voter: string;
  /** 1 for 👍, -1 for 👎. */
  value: number;
  voted_at: number | string;
}

/**
 * A member's use of one rationed command, shared by every shard and replica: a window that opens
 * at their first use and admits a number of uses until it ends.
 */
export interface CooldownsTable {
  /** A keyed hash of the command and the member: never who it is, and unlike their votes' hash. */
  id: string;
  ends_at: number | string;
  used: number;
  /** A token of the take that last used the window: a take learns from it whether it got in. */
  holder: string;
}

export interface Database {
  questions: QuestionsTable;
  votes: VotesTable;
  cooldowns: CooldownsTable;
}

/** Longest question text kept: a question, not a document. */
export const QUESTION_MAX = 500;

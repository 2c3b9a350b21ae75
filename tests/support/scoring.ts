/**
 * Scores question sets written by people who read only the articles: each question lists the
 * facts its answer must and must not contain, whether the articles answer it at all, and whether
 * its premise is wrong and must be corrected.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Reply } from '../../src/answers/reply.js';
import { renderText } from '../../src/console/render.js';
import { ask } from './summit.js';

export interface ScoredQuestion {
  id: string;
  persona?: string;
  type?: string;
  question: string;
  must_include: string[];
  must_not_include: string[];
  expect_no_answer: boolean;
  expect_correction: boolean;
}

export interface Outcome {
  q: ScoredQuestion;
  shown: string;
  failures: string[];
  /** Declined a question the articles answer. */
  falseRefusal: boolean;
  /** Said "Yes" to a claim the articles do not support. */
  falseYes: boolean;
}

export function loadSet(name: string): ScoredQuestion[] {
  const raw: unknown = JSON.parse(readFileSync(resolve(import.meta.dirname, '../questions', name), 'utf8'));
  const list = Array.isArray(raw) ? raw : (raw as { questions: unknown[] }).questions;
  return list as ScoredQuestion[];
}

/** What the user reads as the answer: everything but the sources list, suggestions and follow-ups. */
function body(reply: Reply): string {
  return renderText({ ...reply, citations: [], followUps: [], suggestions: [] });
}

/** A reply that says the articles do not answer the question. */
export function isDecline(reply: Reply): boolean {
  return reply.kind === 'not-found' || /\bthe articles (don't|do not) (say|cover|report)\b/i.test(reply.text);
}

const saysYes = (reply: Reply) => /^\W*yes\b/i.test(reply.text);
const contradicts = (reply: Reply) =>
  /^\W*no\b|\b(not|don't|doesn't|didn't|never|no|but|instead|rather)\b/i.test(reply.text);

/**
 * Whether the text says a fact that must not be said. A word must be said as a word: "Yes" is
 * not said by a quoted "goodbyes" or "yesterday"; a fact ending in punctuation ("Yes,") as written.
 */
function mentions(text: string, fact: string): boolean {
  const escaped = fact.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const start = /^[\p{L}\p{N}]/u.test(fact) ? '(?<![\\p{L}\\p{N}])' : '';
  const end = /[\p{L}\p{N}]$/u.test(fact) ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(`${start}${escaped}${end}`, 'u').test(text);
}

export function score(q: ScoredQuestion): Outcome {
  const { reply } = ask(q.question);
  const shown = body(reply);
  const lower = shown.toLowerCase();
  const failures: string[] = [];
  const declined = isDecline(reply);
  for (const fact of q.must_include)
    if (!lower.includes(fact.toLowerCase())) failures.push(`missing "${fact}"`);
  for (const fact of q.must_not_include)
    if (mentions(lower, fact.toLowerCase())) failures.push(`contains "${fact}"`);
  if (q.expect_no_answer && !declined && !(q.expect_correction && contradicts(reply)))
    failures.push('should decline');
  if (!q.expect_no_answer && declined && !q.expect_correction) failures.push('declined');
  if (q.expect_correction && !q.expect_no_answer && !declined && !contradicts(reply))
    failures.push('no correction');
  const falseYes = (q.expect_correction || q.expect_no_answer || q.type === 'yesno-false') && saysYes(reply);
  if (falseYes) failures.push('said Yes to an unsupported claim');
  if (!declined && reply.kind === 'answer' && reply.citations.length === 0) failures.push('no citation');
  return {
    q,
    shown,
    failures,
    falseRefusal: !q.expect_no_answer && declined,
    falseYes,
  };
}

/** Per-type pass rates as a printable table. */
export function table(outcomes: Outcome[], typeOf: (q: ScoredQuestion) => string): string {
  const rows = new Map<string, { pass: number; all: number }>();
  for (const o of outcomes) {
    for (const key of [typeOf(o.q), 'ALL']) {
      const row = rows.get(key) ?? { pass: 0, all: 0 };
      row.all += 1;
      if (!o.failures.length) row.pass += 1;
      rows.set(key, row);
    }
  }
  return [...rows]
    .sort(([a], [b]) => (a === 'ALL' ? 1 : b === 'ALL' ? -1 : a.localeCompare(b)))
    .map(
      ([k, r]) =>
        `${k.padEnd(22)} ${String(r.pass).padStart(4)}/${String(r.all).padEnd(4)} ${((100 * r.pass) / r.all).toFixed(1)} %`,
    )
    .join('\n');
}

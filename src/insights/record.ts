import { randomBytes } from 'node:crypto';
import { stemmer } from 'stemmer';
import type { Reply } from '../answers/reply.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import { STOPWORDS } from '../search/stopwords.js';
import { searchTokens } from '../search/tokens.js';
import type { AnswerKind, AskedVia } from '../store/schema.js';
import { QUESTION_MAX } from '../store/schema.js';
import type { QuestionRow } from '../store/store.js';

/**
 * A question as recorded: what was asked, how, and what it got back, with no trace of who asked.
 */

export interface Asked {
  via: AskedVia;
  /** The question, or for a lookup its command line. */
  text: string;
  reply: Reply;
  guild?: string | null | undefined;
  latencyMs: number;
  kb: KnowledgeBase;
}

/**
 * What kind of answer a reply is, as /insights counts them: a miss (whatever it offers instead)
 * is a question the articles do not cover; "which one did you mean?" is a did-you-mean.
 */
export function answerKind(reply: Reply): AnswerKind {
  switch (reply.kind) {
    case 'answer':
      return 'answered';
    case 'not-found':
      return 'not-covered';
    case 'ambiguous':
      return 'did-you-mean';
    default:
      return reply.kind;
  }
}

const ZERO_WIDTH = /[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]/g;

/** Text without the invisible characters that make two equal-looking questions differ. */
export function visible(text: string): string {
  return text.replace(ZERO_WIDTH, '');
}

/**
 * A question's content words with the search engine's own tokens: lower case, accents folded,
 * function words left out, reduced to their stems (Porter's), each once, sorted. "When did they
 * meet in Sochi?" and "in sochi when did they meet" have the same terms, and "prices" is "price".
 */
export function termsOf(text: string): string[] {
  const words = searchTokens(visible(text)).filter((t) => t.length > 1 && !STOPWORDS.has(t));
  return [...new Set(words.map((word) => stemmer(word)))].sort();
}

/** The fact base's topics as sets of terms (label and each alias), computed once per fact base. */
const topicTerms = new WeakMap<KnowledgeBase, { id: string; terms: string[] }[]>();

function topicsOf(kb: KnowledgeBase) {
  let topics = topicTerms.get(kb);
  if (!topics) {
    topics = kb.topics.flatMap((t) =>
      [t.label, ...(t.aliases ?? [])].map((name) => ({ id: t.id, terms: termsOf(name) })),
    );
    topics = topics.filter((t) => t.terms.length > 0);
    topicTerms.set(kb, topics);
  }
  return topics;
}

/** The topic whose label or alias the question names most fully, if any. */
export function topicOf(kb: KnowledgeBase, terms: readonly string[]): string | null {
  const have = new Set(terms);
  let best: { id: string; size: number } | undefined;
  for (const topic of topicsOf(kb)) {
    if (topic.terms.length > (best?.size ?? 0) && topic.terms.every((t) => have.has(t))) {
      best = { id: topic.id, size: topic.terms.length };
    }
  }
  return best?.id ?? null;
}

/** A fresh id for a recorded question, short enough to ride in a button's custom_id. */
export function newQuestionId(): string {
  return randomBytes(9).toString('base64url');
}

export function questionRow(id: string, asked: Asked, at: number): QuestionRow {
  const text = asked.text.slice(0, QUESTION_MAX);
  const terms = termsOf(text);
  return {
    id,
    asked_at: at,
    guild: asked.guild ?? null,
    via: asked.via,
    text,
    terms: terms.join(' ').slice(0, QUESTION_MAX),
    kind: answerKind(asked.reply),
    sources: [...new Set(asked.reply.citations.map((c) => c.sourceId))].join(' ').slice(0, 1000),
    topic: topicOf(asked.kb, terms),
    latency_ms: Math.round(asked.latencyMs),
    kb_version: asked.kb.version.slice(0, 64),
  };
}

import type { Engine, Understanding } from '../engine/engine.js';
import { type Passage, passageTerms } from '../engine/passages.js';
import { isFunctionWord, type NounKind } from '../language/index.js';
import { groundedSentences, quoting } from './passages.js';
import { type Reply, reply } from './reply.js';

/**
 * What English makes a question ask for, whatever it is about: "how long" a time, "how much …"
 * with a unit ("in dollars") a quantity. Other questions say nothing here.
 */
function askedKind(engine: Engine, folded: string): { kind: NounKind; asked: string } | undefined {
  const [how, which, ...rest] = folded.split(' ');
  if (how !== 'how') return undefined;
  if (which === 'long') return { kind: 'time', asked: 'how long' };
  if (which === 'much' && rest.some((w) => engine.sense.kind(w) === 'quantity'))
    return { kind: 'quantity', asked: 'how much' };
  return undefined;
}

/**
 * Whether a sentence gives a value of that kind: a noun of it ("last week", "25 years"); a
 * quantity with its number too.
 */
function gives(engine: Engine, passage: Passage, kind: NounKind): boolean {
  const terms = passageTerms(passage.text);
  const named = terms.some((t) => !isFunctionWord(t) && engine.sense.kind(t) === kind);
  return kind === 'quantity' ? named && terms.some((t) => /^\d/.test(t)) : named;
}

/**
 * "The articles don't say how long …" when no sentence that answers the question gives a value of
 * the kind it asks for ("how long did the tour last": the tour is told, its length is not), with
 * the closest sentences they do give.
 */
export function unsaidValue(
  engine: Engine,
  question: string,
  u: Understanding,
  folded: string,
): Reply | undefined {
  const asked = askedKind(engine, folded);
  if (!asked) return undefined;
  const found = groundedSentences(engine, question, u);
  // No sentence on the subject at all is for the other answers to tell.
  if (!found.length || found.some((f) => gives(engine, f.passage, asked.kind))) return undefined;
  const quoted = quoting(engine, found.slice(0, 2));
  return reply({
    title: 'Not in the articles',
    text: `The articles don't say ${asked.asked}. The closest they come:\n${quoted.text}`,
    citations: quoted.citations,
  });
}

/**
 * A message that asks several things ("Who proposed the mechanism, and when was it set up?",
 * "Why did he leave Paris? What happened in Israel?") is answered part by part, in one reply.
 */
import { echo } from '../answers/format.js';
import type { Citation, Reply } from '../answers/reply.js';
import { LIMITS, oneLine } from '../limits.js';
import { searchWords } from '../search/text-index.js';

/** Where English starts another question inside a sentence: ", and what …", "second, who …". */
const NEXT_QUESTION =
  /(?:,\s*(?:and\s+)?|\s+and\s+)(?:(?:first|second|third|then|also)(?:ly)?,?\s+)?(?=(?:(?:in|on|at|for|from|to|by|with)\s+)?(?:what|who|whom|whose|when|where|which|how|why)\s)/i;
/** A question of its own: a question word, or a sentence opening as a question does. */
const OPENS_QUESTION =
  /\b(?:what|who|whom|whose|when|where|which|how|why)\b|^(?:did|do|does|is|are|was|were|has|have|had|can|could|will|would)\b/i;
/** A piece that asks something: a question of its own, or one asked by its question mark alone. */
const ASKS = new RegExp(`${OPENS_QUESTION.source}|\\?$`, 'i');
/** The words that only point back at the question before ("and what were they"). */
const POINTS_BACK = /\b(?:he|she|it|they|him|her|them|his|its|their|there|that|this|those|these)\b/i;
/** A field shown as a line of its part's text is cut to this many characters. */
const FIELD_LINE = 300;
/** Parts answered at most, so that a long message stays one readable reply. */
const MAX_PARTS = 3;

/**
 * The questions a message asks, in order. A piece with no word of its own ("and what were they",
 * "and what day") belongs to the question before it, which it only continues.
 */
export function questionParts(message: string): string[] {
  const pieces = message
    .split(/(?<=\?)\s+/)
    .flatMap((sentence) => {
      const [head, ...rest] = sentence.split(NEXT_QUESTION).map((p) => p.trim());
      // "Two questions: first, what …": what comes before the first question only leads to it.
      return head !== undefined && rest.length && !ASKS.test(head)
        ? [`${head} ${rest[0]}`, ...rest.slice(1)]
        : [head ?? '', ...rest];
    })
    .filter(Boolean);
  const parts: string[] = [];
  for (const piece of pieces) {
    const last = parts.length - 1;
    // A piece with no word of its own, or asked by its question mark alone ("any Palestinian
    // leaders?"), goes on with the question before it.
    const elliptic = piece.endsWith('?') && !OPENS_QUESTION.test(piece);
    if (last >= 0 && (searchWords(piece).length === 0 || elliptic))
      parts[last] = `${parts[last]} and ${piece}`;
    else parts.push(piece);
  }
  return parts.length > MAX_PARTS ? [message] : parts;
}

/**
 * A part that points back ("who else did he meet there"), or that names nothing of its own
 * (`unnamed`), is read with the names said before it.
 */
export function withContext(part: string, namedBefore: readonly string[], unnamed = false): string {
  return namedBefore.length && (unnamed || POINTS_BACK.test(part))
    ? `${part} ${namedBefore.join(' ')}`
    : part;
}

/**
 * One reply answering each part under its own heading. Each part's sources are numbered in its
 * own text: they are renumbered into the one list of sources the reply carries.
 */
export function combineParts(parts: readonly string[], replies: readonly Reply[]): Reply {
  const citations: Citation[] = [];
  const texts = replies.map((r, i) => {
    const number = r.citations.map((c) => {
      let at = citations.findIndex((x) => x.sourceId === c.sourceId && x.quote === c.quote);
      if (at < 0) at = citations.push(c) - 1;
      return at + 1;
    });
    const text = r.text.replace(/\[(\d+)\]/g, (whole, n: string) => {
      const to = number[Number(n) - 1];
      return to ? `[${to}]` : whole;
    });
    // A part's fields (the meetings a list names) are lines of its own text: as fields of the one
    // reply they would stand after every part's text, apart from what they belong to. They take
    // what is left of the part's share of the reply (less the blank line between parts).
    const heading = `**${i + 1}. ${echo(parts[i] ?? '')}**\n`;
    let room = Math.floor(LIMITS.embedDescription / replies.length) - 2 - heading.length - text.length;
    let listed = '';
    for (const f of r.fields) {
      const line = `\n${f.name}: ${oneLine(f.value, FIELD_LINE)}`;
      room -= line.length;
      if (room < 0) break;
      listed += line;
    }
    return `${heading}${text}${listed}`;
  });
  const [first] = replies;
  const answered = replies.find((r) => r.kind === 'answer') ?? first;
  return {
    kind: answered?.kind ?? 'answer',
    title: answered?.title ?? 'From the articles',
    text: texts.join('\n\n'),
    fields: [],
    citations,
    followUps: [...new Map(replies.flatMap((r) => r.followUps).map((f) => [f.command, f])).values()].slice(
      0,
      LIMITS.buttonsPerRow,
    ),
    suggestions: replies.flatMap((r) => r.suggestions).slice(0, LIMITS.selectOptions),
  };
}

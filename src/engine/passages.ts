import { spansIn } from '../knowledge/evidence.js';
import type { KnowledgeBase, Source } from '../knowledge/model.js';
import { foldQuestion } from '../language/index.js';
import { Bm25Index } from '../search/bm25.js';
import { normaliseForComparison } from '../text/normalise.js';

/**
 * The terms a text is searched by: folded as questions are (numerals, possessives, hyphenation
 * and abbreviations written one way), so a question and a sentence meet on the same words.
 */
export function passageTerms(text: string): string[] {
  return foldQuestion(text).split(' ').filter(Boolean);
}

/** One sentence of an article's text, with its paragraph for context. */
export interface Passage {
  source: Source;
  /** The sentence exactly as the article writes it (white space folded). */
  text: string;
  paragraph: string;
  /** Position of the paragraph in the article's body: nearby sentences tell one story. */
  paragraphIndex: number;
  /**
   * The sentences before it in its paragraph that it cannot be read without: it goes on with
   * them ("In this sense, we are allies"), or it is a quotation whose speaker they name.
   */
  lead?: string;
  /** Who speaks, when the article gives the speaker a line of its own ("Russian President Putin:"). */
  speaker?: string;
  /**
   * A line about the article rather than its story, wherever the page prints it: a credit
   * ("Photo Credit: …", "Source: …") or a line on its author ("… is a Middle East news analyst").
   */
  role?: PassageRole;
}

export type PassageRole = 'credit' | 'author';

/** A credit, as English pages print one: a label of what is credited, a colon, who. */
const CREDIT = /^\[?\s*(?:(?:photo|image|picture|video)\s*(?:credit)?|credit|source|courtesy)s?\s*:/i;

/** The lines of an article outside its story that say who made it: credits, and its author's lines. */
export function attributionLines(text: string, source: Source): { text: string; role: PassageRole }[] {
  const author = source.author && normaliseForComparison(source.author);
  return text
    .split(/\n/)
    .map(normaliseForComparison)
    .flatMap((line): { text: string; role: PassageRole }[] => {
      const credits = splitSentences(line).filter((s) => CREDIT.test(s));
      if (credits.length) return credits.map((c) => ({ text: c, role: 'credit' }));
      return author && line.includes(author)
        ? splitSentences(line).map((s) => ({ text: s, role: 'author' }))
        : [];
    });
}

/** Sentences that go on from the one before: a pronoun or a "this" for what it said. */
const GOES_ON = /^(?:he|she|it|they|this|that|these|those|his|her|its|their|in this|such)\b/i;
/** A sentence that is all quotation: it opens with a quotation mark and has no words outside. */
const ALL_QUOTED = /^["“][^"”]*["”]?$/;
/** How many sentences before it a sentence may need. */
const LEAD_SENTENCES = 2;

/** A line that names who speaks next: a few words ending with a colon. */
const isSpeakerLine = (paragraph: string) => /^[^.!?"“]{3,60}:$/.test(paragraph);

/** The sentences before `i` that sentence `i` cannot be read without. */
function leadOf(sentences: readonly string[], i: number): string | undefined {
  let from = i;
  while (from > 0 && i - from < LEAD_SENTENCES) {
    const s = sentences[from] as string;
    if (!GOES_ON.test(s) && !ALL_QUOTED.test(s)) break;
    from -= 1;
  }
  return from < i ? sentences.slice(from, i).join(' ') : undefined;
}

/** A paragraph whose sentences are this short is a label, a credit or a button, not prose. */
const MIN_SENTENCE_WORDS = 4;

/** A title's abbreviation ends no sentence: "Ms. Julian". */
const TITLE_BEFORE = /\b(?:Mr|Mrs|Ms|Dr|Prof|St)\.$/;

const sentences = new Intl.Segmenter('en-u-ss-standard', { granularity: 'sentence' });

/**
 * The sentences of a paragraph, by ICU's English rules. What follows an abbreviation's period
 * ("Mr. President", "Sept. 12") is no new sentence: a piece of one word, or one that starts with
 * a digit or a lower-case letter, goes with its neighbour.
 */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const { segment } of sentences.segment(paragraph)) {
    const piece = segment.trim();
    if (!piece) continue;
    const last = out.length - 1;
    if (pending) {
      out.push(`${pending} ${piece}`);
      pending = '';
    } else if (last >= 0 && (/^[\p{Ll}\p{N}]/u.test(piece) || TITLE_BEFORE.test(out[last] as string)))
      out[last] = `${out[last]} ${piece}`;
    else if (!piece.includes(' ')) pending = piece;
    else out.push(piece);
  }
  if (pending) out.push(pending);
  return out;
}

const wordCount = (s: string) => s.split(' ').filter((w) => /\p{L}/u.test(w)).length;

/**
 * The paragraphs of an article that are its text, not the page around it. The body starts at the
 * paragraph holding the title the source entry gives and ends at the last paragraph any record
 * cites; an article no record cites yet runs to its end. Within it, paragraphs with no sentence of
 * a few words (“Advertisement”, “SHARE”, a speaker's label) are page furniture.
 */
export function articleBody(text: string, source: Source, cited: readonly string[]): string[] {
  const paragraphs = text.split(/\n/).map(normaliseForComparison).filter(Boolean);
  const title = normaliseForComparison(source.title);
  const holds = (p: string, span: string) => p.includes(span);
  const first = Math.max(
    0,
    paragraphs.findIndex((p) => holds(p, title)),
  );
  let last = paragraphs.length - 1;
  if (cited.length) {
    const citedAt = paragraphs
      .map((p, i) => (cited.some((c) => holds(p, c)) ? i : -1))
      .filter((i) => i >= first);
    if (citedAt.length) last = Math.max(...citedAt);
  }
  return paragraphs
    .slice(first, last + 1)
    .filter(
      (p) =>
        splitSentences(p).some((s) => wordCount(s) >= MIN_SENTENCE_WORDS) || p === title || isSpeakerLine(p),
    );
}

/** The spans every record cites, by source: they mark where each article's text runs. */
function citedSpans(kb: KnowledgeBase): Map<string, string[]> {
  const bySource = new Map<string, string[]>();
  const records = [kb.meetings, kb.events, kb.quotes, kb.people, kb.places, kb.topics];
  for (const span of records.flatMap((r) => spansIn(r))) {
    const list = bySource.get(span.source) ?? [];
    list.push(normaliseForComparison(span.text));
    bySource.set(span.source, list);
  }
  for (const q of kb.quotes) {
    const list = bySource.get(q.source) ?? [];
    list.push(normaliseForComparison(q.text));
    bySource.set(q.source, list);
  }
  return bySource;
}

/** Every sentence of every article, searchable by BM25 over its search tokens. */
export class PassageIndex {
  readonly passages: Passage[] = [];
  readonly index: Bm25Index;
  /** Where each article's sentences are: they are stored one article after another. */
  readonly bySource = new Map<string, { start: number; end: number }>();
  /** 1 for each sentence that states a number (in digits or in words). */
  readonly numbered: Uint8Array;

  constructor(kb: KnowledgeBase) {
    const cited = citedSpans(kb);
    for (const source of kb.sources) {
      let text: string;
      try {
        text = kb.article(source);
      } catch {
        continue;
      }
      // A photo caption printed twice is one sentence of the article.
      const seen = new Set<string>();
      const start = this.passages.length;
      let speaker: string | undefined;
      articleBody(text, source, cited.get(source.id) ?? []).forEach((paragraph, paragraphIndex) => {
        // A speaker's line is no sentence: it says who speaks in the paragraphs after it.
        if (isSpeakerLine(paragraph)) {
          speaker = paragraph.slice(0, -1);
          return;
        }
        const split = splitSentences(paragraph);
        split.forEach((sentence, i) => {
          if (seen.has(sentence)) return;
          seen.add(sentence);
          const lead = leadOf(split, i);
          this.passages.push({
            source,
            text: sentence,
            paragraph,
            paragraphIndex,
            ...(lead && { lead }),
            ...(speaker && { speaker }),
          });
        });
      });
      // Who took the picture or wrote the piece is asked too, wherever the page prints it.
      const body = this.passages.length;
      for (const line of attributionLines(text, source)) {
        const at = this.passages.slice(start, body).find((p) => p.text === line.text);
        if (at) at.role = line.role;
        else if (!seen.has(line.text)) {
          seen.add(line.text);
          this.passages.push({
            source,
            text: line.text,
            paragraph: line.text,
            paragraphIndex: -1,
            role: line.role,
          });
        }
      }
      this.bySource.set(source.id, { start, end: this.passages.length });
    }
    const terms = this.passages.map((p) => passageTerms(p.text));
    this.index = new Bm25Index(terms);
    this.numbered = Uint8Array.from(terms, (t) => (t.some((w) => /^\d/.test(w)) ? 1 : 0));
  }
}

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
}

/** A paragraph whose sentences are this short is a label, a credit or a button, not prose. */
const MIN_SENTENCE_WORDS = 4;

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
    } else if (last >= 0 && /^[\p{Ll}\p{N}]/u.test(piece)) out[last] = `${out[last]} ${piece}`;
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
    .filter((p) => splitSentences(p).some((s) => wordCount(s) >= MIN_SENTENCE_WORDS) || p === title);
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
      articleBody(text, source, cited.get(source.id) ?? []).forEach((paragraph, paragraphIndex) => {
        for (const sentence of splitSentences(paragraph)) {
          if (seen.has(sentence)) continue;
          seen.add(sentence);
          this.passages.push({ source, text: sentence, paragraph, paragraphIndex });
        }
      });
      this.bySource.set(source.id, { start, end: this.passages.length });
    }
    const terms = this.passages.map((p) => passageTerms(p.text));
    this.index = new Bm25Index(terms);
    this.numbered = Uint8Array.from(terms, (t) => (t.some((w) => /^\d/.test(w)) ? 1 : 0));
  }
}

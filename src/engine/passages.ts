import { spansIn } from '../knowledge/evidence.js';
import type { KnowledgeBase, Source } from '../knowledge/model.js';
import { foldQuestion } from '../language/index.js';
import { Bm25Builder, type Bm25Index } from '../search/bm25.js';
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

/** A paragraph of an article's text, and the line of the article's file it is. */
export interface BodyParagraph {
  line: number;
  text: string;
}

/**
 * The paragraphs of an article that are its text, not the page around it. The body starts at the
 * paragraph holding the title the source entry gives and ends at the last paragraph any record
 * cites; an article no record cites yet runs to its end. Within it, paragraphs with no sentence of
 * a few words (“Advertisement”, “SHARE”, a speaker's label) are page furniture.
 */
export function articleBody(text: string, source: Source, cited: readonly string[]): BodyParagraph[] {
  const paragraphs = text
    .split(/\n/)
    .map((line, i) => ({ line: i, text: normaliseForComparison(line) }))
    .filter((p) => p.text);
  const title = normaliseForComparison(source.title);
  const holds = (p: BodyParagraph, span: string) => p.text.includes(span);
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
      (p) => splitSentences(p.text).some((s) => wordCount(s) >= MIN_SENTENCE_WORDS) || p.text === title,
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

/**
 * Where each sentence lies, one entry per passage: the line of its paragraph in the article's
 * file, the paragraph's place in the article's body, and the sentence's start and end in the
 * paragraph as folded (see `articleBody`). With `firsts` (each source's first passage, in the
 * order of the fact base's sources, then the end; a source without an article holds none) this is
 * all the index keeps of the text itself.
 */
export interface PassageArrays {
  line: Uint32Array;
  paragraphIndex: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
  /** 1 for each sentence that states a number (in digits or in words). */
  numbered: Uint8Array;
  firsts: Int32Array;
}

/** Articles whose sentences are kept read, the most recently used: a question reads a few dozen. */
const ARTICLES_KEPT = 64;

/**
 * Every sentence of every article, searchable by BM25 over its search tokens. The sentences'
 * text is not held: three hundred thousand strings and objects would be most of what a large fact
 * base costs in memory. A sentence is read back from its article when a search returns it.
 */
export class PassageIndex {
  /** The sentences in the order they were indexed, each made from its article when read. */
  readonly passages: readonly Passage[];
  /** Where each article's sentences are: they are stored one article after another. */
  readonly bySource = new Map<string, { start: number; end: number }>();
  /** The articles read most recently, in the order they were last read: their lines, and those folded. */
  private readonly read = new Map<string, { lines: string[]; folded: Map<number, string> }>();

  constructor(
    private readonly kb: KnowledgeBase,
    readonly index: Bm25Index,
    readonly arrays: PassageArrays,
    /** Sentences that are not one stretch of their paragraph (rare), by passage. */
    readonly exceptions: ReadonlyMap<number, string>,
  ) {
    const { firsts } = arrays;
    kb.sources.forEach((source, i) => {
      this.bySource.set(source.id, { start: firsts[i] as number, end: firsts[i + 1] as number });
    });
    this.passages = lazyArray(arrays.line.length, (i) => this.passage(i));
  }

  /** 1 for each sentence that states a number (in digits or in words). */
  get numbered(): Uint8Array {
    return this.arrays.numbered;
  }

  /** Splits every article of a fact base into sentences and indexes them. */
  static build(kb: KnowledgeBase): PassageIndex {
    const cited = citedSpans(kb);
    const builder = new Bm25Builder();
    const line: number[] = [];
    const paragraphIndex: number[] = [];
    const start: number[] = [];
    const end: number[] = [];
    const numbered: number[] = [];
    const firsts = new Int32Array(kb.sources.length + 1);
    const exceptions = new Map<number, string>();
    kb.sources.forEach((source, s) => {
      firsts[s] = line.length;
      let text: string;
      try {
        text = kb.article(source);
      } catch {
        return;
      }
      // A photo caption printed twice is one sentence of the article.
      const seen = new Set<string>();
      articleBody(text, source, cited.get(source.id) ?? []).forEach((paragraph, p) => {
        let cursor = 0;
        for (const sentence of splitSentences(paragraph.text)) {
          if (seen.has(sentence)) continue;
          seen.add(sentence);
          const at = paragraph.text.indexOf(sentence, cursor);
          if (at < 0) exceptions.set(line.length, sentence);
          else cursor = at + sentence.length;
          line.push(paragraph.line);
          paragraphIndex.push(p);
          start.push(Math.max(at, 0));
          end.push(at < 0 ? 0 : cursor);
          const terms = passageTerms(sentence);
          builder.add(terms);
          numbered.push(terms.some((w) => /^\d/.test(w)) ? 1 : 0);
        }
      });
    });
    firsts[kb.sources.length] = line.length;
    return new PassageIndex(
      kb,
      builder.build(),
      {
        line: Uint32Array.from(line),
        paragraphIndex: Uint32Array.from(paragraphIndex),
        start: Uint32Array.from(start),
        end: Uint32Array.from(end),
        numbered: Uint8Array.from(numbered),
        firsts,
      },
      exceptions,
    );
  }

  /**
   * The source a passage belongs to, by its position among the fact base's sources: the last
   * whose first passage is at or before it (one without an article holds none, and is passed).
   */
  private sourceOf(i: number): number {
    const { firsts } = this.arrays;
    let lo = 0;
    let hi = this.kb.sources.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((firsts[mid] as number) <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Passage `i`. Its source and place are known at once; its text and paragraph are read from its
   * article when first asked for, so that a filter over thousands of candidates reads none.
   */
  private passage(i: number): Passage {
    const index = this;
    const source = this.kb.sources[this.sourceOf(i)] as Source;
    let paragraph: string | undefined;
    const read = () => {
      paragraph ??= index.paragraph(source, index.arrays.line[i] as number);
      return paragraph;
    };
    return {
      source,
      paragraphIndex: this.arrays.paragraphIndex[i] as number,
      get paragraph() {
        return read();
      },
      get text() {
        return index.exceptions.get(i) ?? read().slice(index.arrays.start[i], index.arrays.end[i]);
      },
    };
  }

  /** A line of an article, folded as the index read it (kept for the articles read most recently). */
  private paragraph(source: Source, line: number): string {
    let article = this.read.get(source.id);
    if (article) this.read.delete(source.id);
    else {
      const lines = this.kb.article(source).split(/\n/);
      article = { lines, folded: new Map() };
      if (this.read.size >= ARTICLES_KEPT) this.read.delete(this.read.keys().next().value as string);
    }
    this.read.set(source.id, article);
    let folded = article.folded.get(line);
    if (folded === undefined) {
      folded = normaliseForComparison(article.lines[line] ?? '');
      article.folded.set(line, folded);
    }
    return folded;
  }
}

/**
 * A read-only array whose items are made when read: what reads the passages sees an array (index,
 * slice, map…), while the index holds no object per sentence.
 */
function lazyArray<T>(length: number, item: (i: number) => T): readonly T[] {
  const position = (key: string | symbol) => {
    if (typeof key !== 'string') return -1;
    const i = Number(key);
    return Number.isInteger(i) && i >= 0 && i < length ? i : -1;
  };
  return new Proxy([] as T[], {
    get: (target, key) => {
      if (key === 'length') return length;
      const i = position(key);
      return i >= 0 ? item(i) : Reflect.get(target, key);
    },
    has: (target, key) => position(key) >= 0 || Reflect.has(target, key),
  });
}

import { spansIn } from '../knowledge/evidence.js';
import type { KnowledgeBase, Source } from '../knowledge/model.js';
import { foldQuestion } from '../language/index.js';
import { Bm25Builder, type Bm25Index } from '../search/bm25.js';
import { normaliseForComparison } from '../text/normalise.js';

/**
 * The terms a text is searched by: folded as questions are (numerals, possessives, hyphenation
 * and abbreviations written one way), so a question and a sentence meet on the same words.
 */
export function passageTerms(text: string): readonly string[] {
  let terms = folded.get(text);
  if (!terms) {
    terms = foldQuestion(text).split(' ').filter(Boolean);
    // The same sentences are read by several checks of one answer: each is folded once.
    if (folded.size >= FOLDED) folded.clear();
    folded.set(text, terms);
  }
  return terms;
}

/** Texts whose terms are kept; a few answers' worth of sentences. */
const FOLDED = 2_000;
const folded = new Map<string, readonly string[]>();

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

/** A line about who made an article: which line of its file, the sentence, and what it credits. */
export interface AttributionLine {
  line: number;
  text: string;
  role: PassageRole;
}

/** The lines of an article outside its story that say who made it: credits, and its author's lines. */
export function attributionLines(text: string, source: Source): AttributionLine[] {
  const author = source.author && normaliseForComparison(source.author);
  return text.split(/\n/).flatMap((raw, line): AttributionLine[] => {
    const folded = normaliseForComparison(raw);
    const credits = splitSentences(folded).filter((s) => CREDIT.test(s));
    if (credits.length) return credits.map((c) => ({ line, text: c, role: 'credit' }));
    return author && folded.includes(author)
      ? splitSentences(folded).map((s) => ({ line, text: s, role: 'author' }))
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

/** How many of the sentences before `i` sentence `i` cannot be read without. */
function leadOf(sentences: readonly string[], i: number): number {
  let from = i;
  while (from > 0 && i - from < LEAD_SENTENCES) {
    const s = sentences[from] as string;
    if (!GOES_ON.test(s) && !ALL_QUOTED.test(s)) break;
    from -= 1;
  }
  return i - from;
}

/** A paragraph whose sentences are this short is a label, a credit or a button, not prose. */
const MIN_SENTENCE_WORDS = 4;

/** A title's abbreviation ends no sentence: "Ms. Julian". */
const TITLE_BEFORE = /\b(?:Mr|Mrs|Ms|Dr|Prof|St)\.$/;

// Made at the first split: loading ICU's break rules costs a one-shot answer that reads the
// index saved at build time some 10 ms for nothing.
let sentences: Intl.Segmenter | undefined;

/**
 * The sentences of a paragraph, by ICU's English rules. What follows an abbreviation's period
 * ("Mr. President", "Sept. 12") is no new sentence: a piece of one word, or one that starts with
 * a digit or a lower-case letter, goes with its neighbour.
 */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  let pending = '';
  sentences ??= new Intl.Segmenter('en-u-ss-standard', { granularity: 'sentence' });
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
      (p) =>
        splitSentences(p.text).some((s) => wordCount(s) >= MIN_SENTENCE_WORDS) ||
        p.text === title ||
        isSpeakerLine(p.text),
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
 * file, the paragraph's place in the article's body (-1 for a line outside it, such as a credit),
 * and the sentence's start and end in the paragraph as folded (see `articleBody`). With `firsts`
 * (each source's first passage, in the order of the fact base's sources, then the end; a source
 * without an article holds none) this is all the index keeps of the text itself.
 */
export interface PassageArrays {
  line: Uint32Array;
  paragraphIndex: Int32Array;
  start: Uint32Array;
  end: Uint32Array;
  /** Where the sentences it cannot be read without start (its own start when there are none). */
  leadStart: Uint32Array;
  /** The line of the article that names its speaker, or -1. */
  speakerLine: Int32Array;
  /** 0, or 1 + the place of its role in `ROLES`. */
  role: Uint8Array;
  /** 1 for each sentence that states a number (in digits or in words). */
  numbered: Uint8Array;
  firsts: Int32Array;
}

const ROLES: readonly PassageRole[] = ['credit', 'author'];

/** Articles whose sentences are kept read, the most recently used: a question reads a few dozen. */
const ARTICLES_KEPT = 64;
/**
 * Passages kept made, so that the one read twice is the same object (what answers keep about a
 * sentence is kept by it): a question reads a few dozen.
 */
const PASSAGES_KEPT = 4096;

/** The arrays an index is built into, one entry per passage. */
class PassageColumns {
  readonly line: number[] = [];
  readonly paragraphIndex: number[] = [];
  readonly start: number[] = [];
  readonly end: number[] = [];
  readonly leadStart: number[] = [];
  readonly speakerLine: number[] = [];
  readonly role: number[] = [];
  readonly numbered: number[] = [];
  readonly exceptions = new Map<number, string>();

  get length(): number {
    return this.line.length;
  }

  /**
   * Adds the sentence `sentence` of the paragraph `paragraph` (folded), found from `cursor` on;
   * returns where it ends, for the next one.
   */
  add(
    builder: Bm25Builder,
    sentence: string,
    paragraph: { line: number; text: string; index: number },
    cursor: number,
    extra: { leadFrom?: number; speakerLine?: number; role?: PassageRole } = {},
  ): number {
    const at = paragraph.text.indexOf(sentence, cursor);
    if (at < 0) this.exceptions.set(this.length, sentence);
    const end = at < 0 ? cursor : at + sentence.length;
    this.line.push(paragraph.line);
    this.paragraphIndex.push(paragraph.index);
    this.start.push(Math.max(at, 0));
    this.end.push(at < 0 ? 0 : end);
    this.leadStart.push(Math.min(extra.leadFrom ?? at, Math.max(at, 0)));
    this.speakerLine.push(extra.speakerLine ?? -1);
    this.role.push(extra.role ? ROLES.indexOf(extra.role) + 1 : 0);
    const terms = passageTerms(sentence);
    builder.add(terms);
    this.numbered.push(terms.some((w) => /^\d/.test(w)) ? 1 : 0);
    return end;
  }

  arrays(firsts: Int32Array): PassageArrays {
    return {
      line: Uint32Array.from(this.line),
      paragraphIndex: Int32Array.from(this.paragraphIndex),
      start: Uint32Array.from(this.start),
      end: Uint32Array.from(this.end),
      leadStart: Uint32Array.from(this.leadStart),
      speakerLine: Int32Array.from(this.speakerLine),
      role: Uint8Array.from(this.role),
      numbered: Uint8Array.from(this.numbered),
      firsts,
    };
  }
}

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
  private readonly made = new Map<number, Passage>();

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
    const columns = new PassageColumns();
    const firsts = new Int32Array(kb.sources.length + 1);
    kb.sources.forEach((source, s) => {
      firsts[s] = columns.length;
      let text: string;
      try {
        text = kb.article(source);
      } catch {
        return;
      }
      // A photo caption printed twice is one sentence of the article.
      const seen = new Map<string, number>();
      let speakerLine: number | undefined;
      articleBody(text, source, cited.get(source.id) ?? []).forEach((paragraph, index) => {
        // A speaker's line is no sentence: it says who speaks in the paragraphs after it.
        if (isSpeakerLine(paragraph.text)) {
          speakerLine = paragraph.line;
          return;
        }
        const split = splitSentences(paragraph.text);
        const starts: number[] = [];
        let cursor = 0;
        split.forEach((sentence, i) => {
          starts.push(Math.max(paragraph.text.indexOf(sentence, cursor), 0));
          if (seen.has(sentence)) return;
          seen.set(sentence, columns.length);
          const lead = leadOf(split, i);
          cursor = columns.add(builder, sentence, { ...paragraph, index }, cursor, {
            ...(lead > 0 ? { leadFrom: starts[i - lead] as number } : {}),
            ...(speakerLine !== undefined ? { speakerLine } : {}),
          });
        });
      });
      // Who took the picture or wrote the piece is asked too, wherever the page prints it.
      const lines = text.split(/\n/);
      for (const line of attributionLines(text, source)) {
        const at = seen.get(line.text);
        if (at !== undefined) columns.role[at] = ROLES.indexOf(line.role) + 1;
        else {
          seen.set(line.text, columns.length);
          const folded = normaliseForComparison(lines[line.line] ?? '');
          columns.add(builder, line.text, { line: line.line, text: folded, index: -1 }, 0, {
            role: line.role,
          });
        }
      }
    });
    firsts[kb.sources.length] = columns.length;
    return new PassageIndex(kb, builder.build(), columns.arrays(firsts), columns.exceptions);
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
    let made = this.made.get(i);
    if (made) return made;
    if (this.made.size >= PASSAGES_KEPT) this.made.clear();
    made = this.make(i);
    this.made.set(i, made);
    return made;
  }

  private make(i: number): Passage {
    const index = this;
    const { arrays } = this;
    const source = this.kb.sources[this.sourceOf(i)] as Source;
    const paragraphIndex = arrays.paragraphIndex[i] as number;
    const line = () => index.paragraph(source, arrays.line[i] as number);
    const text = () => index.exceptions.get(i) ?? line().slice(arrays.start[i], arrays.end[i]);
    const leadStart = arrays.leadStart[i] as number;
    const speakerLine = arrays.speakerLine[i] as number;
    const role = ROLES[(arrays.role[i] as number) - 1];
    return {
      source,
      paragraphIndex,
      get text() {
        return text();
      },
      // A line outside the story (a credit) is its own paragraph: the rest of its line is page.
      get paragraph() {
        return paragraphIndex < 0 ? text() : line();
      },
      get lead() {
        return leadStart < (arrays.start[i] as number)
          ? line().slice(leadStart, arrays.start[i]).trim()
          : undefined;
      },
      get speaker() {
        return speakerLine < 0 ? undefined : index.paragraph(source, speakerLine).slice(0, -1);
      },
      ...(role && { role }),
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

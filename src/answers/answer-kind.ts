import type { Engine, Understanding } from '../engine/engine.js';
import { type Passage, passageTerms } from '../engine/passages.js';
import { EXPANSION_WEIGHTS, isFunctionWord, type NounKind } from '../language/index.js';
import { countryOf } from './actors.js';
import { AUXILIARY } from './claims.js';
import { echo } from './format.js';
import { type Found, groundedSentences, inCorpus, quoting } from './passages.js';
import { type Reply, reply } from './reply.js';

/** A word of an action said at least this close (a synonym or another form) says it. */
const STATED_ACTION = 0.5;

/** "The articles don't say <what>", with the sentences that come closest. */
function closestTo(engine: Engine, what: string, found: readonly Found[]): Reply {
  const quoted = quoting(engine, found.slice(0, 2));
  return reply({
    title: 'Not in the articles',
    text: `The articles don't say ${what}. The closest they come:\n${quoted.text}`,
    citations: quoted.citations,
  });
}

/** Shorter words are clipped words or shorthand (pic, abt, u), not things a subject is made of. */
const MIN_THING = 4;

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
  return closestTo(engine, asked.asked, found);
}

/**
 * The subject of a yes/no question ("did trump join …", "did the weather …") when it is a noun
 * the articles never use, nor any word that means it: the question is about something they
 * never mention, whatever it asks of it. A name is judged with the other names.
 */
export function unsaidClaimSubject(engine: Engine, corrected: string): string | undefined {
  const words = corrected.split(' ');
  if (!AUXILIARY.test(words[0] ?? '')) return undefined;
  const at = words[1] === 'the' ? 2 : 1;
  const subject = words[at] ?? '';
  if (
    engine.sense.partOfSpeech(subject) !== 'noun' ||
    subject.length < MIN_THING ||
    inCorpus(engine, subject)
  )
    return undefined;
  const means = engine.sense
    .expand(subject)
    .some((t) => t.weight >= EXPANSION_WEIGHTS.synonym && inCorpus(engine, t.term));
  return means ? undefined : subject;
}

/**
 * The word of what a question asks "about" that the articles never use in any form: "about the
 * Iran nuclear deal" is not about Iran, and "nuclear" is the part they never say. The phrase is
 * the nouns and adjectives right after "about" (or "regarding"); names are judged with
 * the other names, and clipped words, shorthand and a verb's -ing form are not its things.
 */
export function unsaidSubject(engine: Engine, corrected: string): string | undefined {
  const words = corrected.split(' ');
  const said = (w: string) =>
    inCorpus(engine, w) ||
    engine.sense.expand(w).some((t) => t.weight >= EXPANSION_WEIGHTS.correction && inCorpus(engine, t.term));
  for (const [i, word] of words.entries()) {
    if (!/^(about|abt|regarding)$/.test(word)) continue;
    let content = false;
    for (const w of words.slice(i + 1)) {
      const part = engine.sense.partOfSpeech(w);
      if (part === 'function') {
        if (content) break;
        continue;
      }
      if (part !== 'noun' && part !== 'adj' && part !== 'proper') break;
      content = true;
      if (part !== 'proper' && w.length >= MIN_THING && !w.endsWith('ing') && !said(w)) return w;
    }
  }
  return undefined;
}

/**
 * "Who won …": a question that asks who did something, when no sentence on its subject says that
 * action in any form ("who will be elected to the Knesset" names no winner). The action is the
 * word right after "who"; "who is", "who was" ask for a person's role, and are answered elsewhere.
 */
export function unsaidDoer(
  engine: Engine,
  question: string,
  u: Understanding,
  folded: string,
): Reply | undefined {
  // "So who won …", "ok who won …": a word or two of conversation may come before it.
  const words = folded.split(' ');
  const who = words.slice(0, 3).indexOf('who');
  // "Who actually shot down …": an adverb says how, the verb after it what was done.
  const at = who >= 0 && engine.sense.partOfSpeech(words[who + 1] ?? '') === 'adv' ? who + 1 : who;
  const action = who < 0 ? undefined : words[at + 1];
  if (!action || isFunctionWord(action) || engine.sense.partOfSpeech(action) === 'proper') return undefined;
  const found = groundedSentences(engine, question, u);
  if (!found.length) return undefined;
  const forms = new Set(
    engine.sense
      .expand(action)
      .filter((e) => e.weight >= STATED_ACTION)
      .map((e) => e.term),
  );
  if (found.some((f) => passageTerms(f.passage.text).some((t) => forms.has(t)))) return undefined;
  return closestTo(engine, `who ${action} ${echo(words.slice(at + 2).join(' '))}`, found);
}

/**
 * The people or things a question asks to be named: "which generals …" (a noun WordNet files as
 * a person) and "the names of the companies …". Adjectives and numbers may come between.
 */
function askedNames(engine: Engine, words: readonly string[]): string | undefined {
  const names = words.findIndex((w, i) => (w === 'names' || w === 'name') && words[i + 1] === 'of');
  const which = words.slice(0, 3).findIndex((w) => w === 'which' || w === 'what');
  const from = names >= 0 ? names + 2 : which >= 0 ? which + 1 : -1;
  if (from < 0) return undefined;
  const rest = words.slice(from);
  // "What did Netanyahu tell Putin": after an auxiliary comes its subject and verb, no thing asked for.
  if (names < 0 && AUXILIARY.test(rest[0] ?? '')) return undefined;
  const first = rest.findIndex((w) => {
    const part = engine.sense.partOfSpeech(w);
    return !(part === 'function' || part === 'adj' || part === 'proper' || /^\d+$/.test(w));
  });
  if (first < 0 || engine.sense.partOfSpeech(rest[first] as string) !== 'noun') return undefined;
  // The thing asked for is the run of nouns there ("clean tech companies"), named by its last.
  let last = first;
  while (engine.sense.partOfSpeech(rest[last + 1] ?? '') === 'noun') last++;
  const head = rest[last] as string;
  return names >= 0 || engine.sense.kind(head) === 'person'
    ? rest.slice(first, last + 1).join(' ')
    : undefined;
}

/**
 * "The articles don't name the companies" when no sentence that answers a question asking for
 * names gives one it does not say itself: a name is a word WordNet and the articles know only as
 * a name, or a person of the records; the countries are the parties, not names of anyone.
 */
export function unsaidName(
  engine: Engine,
  question: string,
  u: Understanding,
  folded: string,
): Reply | undefined {
  const words = folded.split(' ');
  const asked = askedNames(engine, words);
  if (!asked) return undefined;
  const found = groundedSentences(engine, question, u);
  if (!found.length) return undefined;
  const said = new Set(passageTerms(question));
  // A number is no name, nor a word the question says joined to another ("cleantech").
  const isName = (t: string) =>
    !said.has(t) &&
    !/^\d/.test(t) &&
    ![...said].some((w) => w.length >= MIN_THING && t.startsWith(w)) &&
    engine.sense.partOfSpeech(t) === 'proper' &&
    countryOf(engine, t) === undefined;
  // A word the sentence itself capitalises past its start names something, whatever else English
  // uses it for ("the Quartet of which Moscow is a member").
  const capitalised = (text: string) =>
    new Set(passageTerms(text.replace(/^\W*\S+/, '').replace(/\b\p{Ll}[\p{L}'’-]*/gu, ' ')));
  const names = (f: (typeof found)[number]) => {
    const written = capitalised(f.passage.text);
    return passageTerms(f.passage.text).some(
      (t) => isName(t) || (written.has(t) && !said.has(t) && countryOf(engine, t) === undefined),
    );
  };
  if (found.some(names)) return undefined;
  return closestTo(engine, `which ${echo(asked)}: they name none`, found);
}

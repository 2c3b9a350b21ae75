import type { Engine, Understanding } from '../engine/engine.js';
import { type Passage, passageTerms } from '../engine/passages.js';
import { earliest, findTargets, latest } from '../engine/targets.js';
import type { Meeting } from '../knowledge/model.js';
import type { Person, Place } from '../knowledge/schema.js';
import { EXPANSION_WEIGHTS, type Expansion, isFunctionWord, timesOfDay } from '../language/index.js';
import { hasDateFilter, MONTHS, ORDER_WORD } from '../search/dates.js';
import { STOPWORDS } from '../search/stopwords.js';
import { searchTokens } from '../search/tokens.js';
import { foldForSearch } from '../text/normalise.js';
import { actorOf, countryOf, isParty, parties, personIds, personWords, roleHolder } from './actors.js';
import { citeSources, datedLabel, listWords, meetingTitle } from './format.js';
import { whereLine } from './meeting-view.js';
import {
  contextOf,
  coversNames,
  type Found,
  findPassages,
  meetingsGiven,
  occasionsOf,
  type QuestionTerms,
  questionTerms,
  quoting,
  STATED,
} from './passages.js';
import { type Reply, reply } from './reply.js';
import { orderBetween } from './time-between.js';
import { closestMeetings, notFound } from './views.js';
import { answerWhenWhere } from './when-where.js';

export interface Conflict {
  /** The details the question gave that fit no meeting together ("in Sochi", "in 2015"). */
  asked: string[];
  /** The meetings that fit all but one of them. */
  meetings: Meeting[];
  /** A meeting the question named ("the climate conference"), and where or when it was instead. */
  named?: { words: string; actual: string; dated: boolean };
}

/** How far apart a place and a date may stand to be said of one thing ("in Moscow on Sept 12 2019"). */
const PLACED_AT_DATE = 4;

/**
 * Whether the question says a place and a date together, as of one meeting: "the 2012 Sochi
 * meeting". In "memorials in Israel … talked about them in 2019" they are said of two things.
 */
export function placedAtDate(u: Understanding): boolean {
  const names = [
    ...u.places.flatMap((p) => [p.name, ...p.aliases]),
    ...u.meetings.flatMap((m) => u.spelled.get(m) ?? []),
  ];
  return nearDate(u, names);
}

/** Whether a word of the names stands within PLACED_AT_DATE words of the question's month or year. */
function nearDate(u: Understanding, names: readonly string[]): boolean {
  const words = foldForSearch(u.question).split(' ');
  const at = (said: (w: string) => boolean) => words.flatMap((w, i) => (said(w) ? [i] : []));
  const named = new Set(names.flatMap((n) => foldForSearch(n).split(' ')));
  const month = u.dates.month && MONTHS[u.dates.month - 1];
  const places = at((w) => named.has(w));
  // A month however short it is typed ("sept"), or the year.
  const dates = at(
    (w) => w === String(u.dates.year) || Boolean(month && w.length >= 3 && month.startsWith(w)),
  );
  return places.some((p) => dates.some((d) => Math.abs(p - d) <= PLACED_AT_DATE));
}

/**
 * The meetings the question's place and date would match if one of them were dropped, when the
 * two together match none: the question put a real meeting in the wrong city or year.
 */
export function premiseConflict(engine: Engine, u: Understanding): Conflict | undefined {
  const places = engine.meetingPlaces(
    u.places.filter((p) => (p.kind !== 'country' || locative(u.question, p)) && ofTheMeeting(u, p)),
  );
  const dated = hasDateFilter(u.dates);
  const at = (place: Place) => (m: Meeting) => engine.catalogue.facets.get(m.id)?.places.includes(place.id);
  // A meeting named ("the Sochi meeting") at a date it was not held, or at another place it is put
  // at ("in the Kremlin"; "his Moscow trip" is no place of it): the meeting is what was meant.
  const placing = places.filter((p) => locative(u.question, p));
  if (u.meetings.length && dated !== placing.length > 0 && placing.length === places.length) {
    const fits = engine
      .filterMeetings({ meetings: u.meetings, ...(dated && { dates: u.dates }) })
      .filter((m) => places.every((p) => at(p)(m)));
    if (fits.length) return undefined;
    const where = u.meetings.flatMap((m) => {
      const city = m.place && (m.place.city ?? m.place.region ?? m.place.country);
      const name = city && engine.kb.place(city)?.name;
      return name ? [`in ${name}`] : [];
    });
    const meetings = u.meetings.slice(0, 3);
    const [only] = meetings;
    const words = only && meetings.length === 1 ? u.spelled.get(only)?.join(' ') : undefined;
    const actual = dated ? only && datedLabel(only.date) : [...new Set(where)].join(' and ');
    return {
      asked: dated ? [u.dates.description ?? 'at that date'] : places.map((p) => `in ${p.name}`),
      meetings,
      ...(words && actual && { named: { words, actual, dated } }),
    };
  }
  // A conflict needs two details that fit apart but not together, said of one meeting: one alone
  // that fits nothing is simply not in the articles. With a date, the places beside it, if any,
  // are the ones it dates ("in Sochi, Putin confirmed he would visit Israel in January" puts
  // January in Israel); two places joined as two ("their Moscow and Paris meetings") are not one
  // meeting's.
  const near = dated ? places.filter((p) => nearDate(u, [p.name, ...p.aliases])) : [];
  const beside = near.length ? near : places;
  if (beside.length + (dated ? 1 : 0) < 2 || joinedAsTwo(u, beside)) return undefined;
  const people = u.people.filter((p) => !engine.principals.has(p.id));
  // Every place named must be the meeting's (a venue and its city are one place).
  const all = engine
    .filterMeetings({ places: beside, people, dates: u.dates })
    .filter((m) => beside.every((p) => at(p)(m)));
  if (all.length) return undefined;
  const meetings = new Set<Meeting>();
  const keep = (list: Meeting[]) => {
    for (const m of list.slice(0, 3)) meetings.add(m);
  };
  if (dated) keep(engine.filterMeetings({ places: beside, people }));
  for (const place of beside) {
    const others = beside.filter((p) => p !== place);
    keep(
      engine
        .filterMeetings({ places: others, people, dates: u.dates })
        .filter((m) => others.every((p) => at(p)(m))),
    );
  }
  const asked = [
    ...beside.map((p) => `in ${p.name}`),
    ...(dated ? [u.dates.description ?? 'at that date'] : []),
  ];
  return meetings.size ? { asked, meetings: [...meetings] } : undefined;
}

/**
 * Whether a place stands in the clause of the meeting the question names, when it names one: "in
 * Sochi, Putin confirmed he would visit Israel … for the Auschwitz memorial" puts the confirming in
 * Sochi, not the visit; "was the Sochi meeting held at the Kremlin" puts the meeting there.
 */
function ofTheMeeting(u: Understanding, place: Place): boolean {
  if (!u.meetings.length) return true;
  const words = passageTerms(u.question);
  const clauses = clausesOf(u.question, words);
  const clauseOf = (said: readonly string[]) =>
    new Set(words.flatMap((w, i) => (said.includes(w) ? [clauses[i]] : [])));
  const meeting = clauseOf(u.meetings.flatMap((m) => passageTerms((u.spelled.get(m) ?? []).join(' '))));
  const where = clauseOf(passageTerms((u.spelled.get(place) ?? []).join(' ')));
  return !meeting.size || !where.size || [...where].some((c) => meeting.has(c));
}

/** Whether the question joins two of the places by "and" or "or", as two things ("Moscow and Paris"). */
function joinedAsTwo(u: Understanding, places: readonly Place[]): boolean {
  const words = foldForSearch(u.question).split(' ');
  const named = places.map((p) => new Set(passageTerms([p.name, ...p.aliases].join(' '))));
  return words.some(
    (w, i) =>
      (w === 'and' || w === 'or') &&
      named.some(
        (a, k) => a.has(words[i - 1] ?? '') && named.some((b, j) => j !== k && b.has(words[i + 1] ?? '')),
      ),
  );
}

/**
 * Whether the question puts something at a country ("in Russia", "to Israel") rather than naming
 * it as a party ("Israel and Russia are allies"): only the first says where a meeting was.
 */
function locative(question: string, place: Place): boolean {
  const words = question.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  const names = [place.name, ...place.aliases].map((n) => n.toLowerCase());
  const putAt = (w: string | undefined) => /^(in|at|to|into|from|inside|within)$/.test(w ?? '');
  // "in the Kremlin": the article between them puts it there too.
  return words.some(
    (w, i) => names.includes(w) && (putAt(words[i - 1]) || (words[i - 1] === 'the' && putAt(words[i - 2]))),
  );
}

/**
 * A year the question gives that no meeting, sentence or article date holds: the articles say
 * nothing about that year, so nothing they say answers the question ("what did they agree at
 * their 2022 meeting"). The meetings that fit the rest of the question are what they do report.
 */
export function unrecordedYear(engine: Engine, u: Understanding): Conflict | undefined {
  const { year } = u.dates;
  if (year === undefined || engine.catalogue.meetingsIn(year).length) return undefined;
  if (engine.passages.index.has(String(year))) return undefined;
  if (engine.kb.sources.some((s) => s.published.year === year)) return undefined;
  const places = engine.meetingPlaces(
    u.places.filter((p) => p.kind !== 'country' || locative(u.question, p)),
  );
  const people = u.people.filter((p) => !engine.principals.has(p.id));
  // With a place, person or meeting named ("the Sochi meeting"), the meetings that fit them are
  // what the question meant; without, no meeting is nearer than another.
  const meetings =
    places.length || people.length || u.meetings.length
      ? engine
          .filterMeetings({ places, people, ...(u.meetings.length && { meetings: u.meetings }) })
          .slice(0, 3)
      : [];
  return { asked: [u.dates.description ?? String(year)], meetings };
}

/** "The articles don't say anything in 2022", with the meetings they do report that fit the rest. */
export function yearNotCovered(engine: Engine, conflict: Conflict): Reply {
  const lead = `The articles don't say anything ${conflict.asked.join(' ')}: they report no meeting then.`;
  return conflict.meetings.length
    ? correction(engine, conflict, `${lead} What they do report:`)
    : notFound(lead, closestMeetings(engine));
}

/** "No: …" with the meetings the articles do report for the question's other details. */
export function correction(
  engine: Engine,
  conflict: Conflict,
  lead = conflict.named
    ? `No: the articles ${conflict.named.dated ? 'date' : 'put'} the ${conflict.named.words} ${conflict.named.actual}, not ${conflict.asked.join(' ')}. What they report:`
    : `No: the articles report no meeting ${conflict.asked.join(' ')}. What they report instead:`,
): Reply {
  const lines = conflict.meetings.map(
    (m) => `- **${meetingTitle(engine.kb, m)}** — ${whereLine(engine, m)}, ${datedLabel(m.date)}`,
  );
  return reply({
    title: 'Not quite',
    text: `${lead}\n${lines.join('\n')}`,
    citations: citeSources(
      engine.kb,
      conflict.meetings.flatMap((m) => m.sources),
    ),
  });
}

/**
 * Whether one sentence states the whole claim: every content word the question uses, in some form,
 * in that sentence. The names it gives may come from around it (see `coversNames`); the two
 * leaders, whom every article is about, and the date, which the records check, need not be in it.
 */
function states(
  engine: Engine,
  question: string,
  terms: QuestionTerms,
  found: Found,
  month: number | undefined,
  year?: number,
): Support {
  if (
    !coversNames(engine, terms, found) ||
    !sameRoles(engine, question, found) ||
    otherOwner(engine, question, found.passage.text) ||
    otherWayRound(engine, question, found.passage.text)
  )
    return 'none';
  // "Did Netanyahu mention militant Islam?": what he is quoted saying states that he said it, and
  // he is its speaker, not the doer of what he speaks of ("attempts by Iran").
  const voiced = spokenBy(engine, found);
  const speaks = claimSubject(engine, question);
  // A claim of what a country did ("did Israel and Russia sign …") is no leader's saying.
  const [doer] = claimedAgents(engine, question).agents;
  const byCountry = !speaks && doer !== undefined && countryOf(engine, doer) !== undefined;
  const saidBy =
    !byCountry && (speaks ? voiced.has(speaks) : [...voiced].some((id) => engine.principals.has(id)));
  const said = passageTerms(found.passage.text);
  // "Say" and "tell" are stop words, which name no group of their own. Only a verb of saying the
  // sentence does not say itself is taken as said by its speaker.
  const lemmas = new Set(said.map((t) => engine.sense.lemma(t)));
  const asked = passageTerms(question);
  const sayingClaim =
    saidBy && asked.some((w, i) => saysAt(engine, asked, i) && !lemmas.has(engine.sense.lemma(w)));
  const saying = (g: number) => sayingClaim && engine.sense.isSaying(terms.heads[g] ?? '');
  // What the speaker reports another saying ("your statement that …") is not his own saying.
  const reported = reportedSayers(engine, found);
  if (sayingClaim && speaks && reported.size > 0 && !reported.has(speaks)) return 'partial';
  if (otherMonth(found, month) || otherYear(found, year)) return 'none';
  if (!sayingClaim && (otherAgent(engine, question, found) || otherObject(engine, question, found)))
    return 'none';
  if (!sayingClaim && unsaidAction(engine, question, found)) return 'partial';
  if (unrealised(engine, question, found)) return 'partial';
  // A sentence that names another person of the records, and not the one the claim has doing
  // it, tells of the other's doing ("during Netanyahu's visit" is no visit by Putin).
  if (speaks && !saidBy) {
    const named = new Set(said.map((w) => personIds(engine).get(w)));
    if (!named.has(speaks) && [...named].some((id) => id !== undefined && id !== speaks)) return 'partial';
  }
  // Who is quoted is not who did what the quotation tells, where it names the doer ("proposed by you").
  if (otherSpeaker(engine, question, found) && !doerStated(engine, question, found)) return 'none';
  // What someone said is said in its own words: "militant Islam" is not said by "terrorism",
  // though both name one topic.
  if (sayingClaim && !inOwnWords(engine, terms, found)) return 'partial';
  if (sayingClaim && speaks && !inTheirWords(engine, terms, found, speaks)) return 'partial';
  // "Between the Israeli and Russian air forces" is said by "the two nations … their air forces":
  // the leaders' countries need not be named by a sentence that names no country.
  const namesCountry = said.some((w) => countryOf(engine, w) !== undefined);
  // What a greeting wishes is described by its words, not by facts: "wish Bibi a happy Hanukkah"
  // is said by "extended his well wishes for … Hannukah".
  const { verb } = claimedAgents(engine, question);
  const greeting = (g: number) =>
    verb !== undefined &&
    engine.sense.isGreeting(verb) &&
    engine.sense.partOfSpeech(terms.heads[g] ?? '') === 'adj';
  const missing = missingDetails(terms, found).filter(
    (g) =>
      !saying(g) &&
      !greeting(g) &&
      (namesCountry || !isParty(engine, terms.heads[g] ?? '')) &&
      !identifying(engine, question, terms, found, g),
  );
  if (otherPlace(engine, question, found)) return 'partial';
  // A month the claim gives is a detail the sentence must give too: no record checks it here.
  if (month !== undefined && !said.includes(MONTHS[month - 1] as string)) return 'partial';
  if (year !== undefined && !said.includes(String(year))) return 'partial';
  // A word the sentence says only in a looser sense ("countries" for "allies") states nothing; a
  // short form of a person's name ("vlad" for Vladimir) names them, as the roles check.
  const saidTerms = new Set(said);
  const ids = personIds(engine);
  const loose = terms.kinds.some((kind, g) => {
    const matched = (terms.groups[g] ?? []).filter((t) => saidTerms.has(t.term));
    const best = Math.max(0, ...matched.map((t) => t.weight));
    return (
      (kind === 'word' || kind === 'name') &&
      found.groups & (1 << g) &&
      !matched.some((t) => ids.has(t.term)) &&
      !ofOccasion(engine, terms, found, g) &&
      (best < STATED || otherSense(engine, terms.heads[g] ?? '', matched, best))
    );
  });
  // A word of the occasion the article reports is said around the sentence: "at the climate conf"
  // is where every sentence of the climate conference's story was said.
  // A sentence that puts the claim's words in another relation, or denies them, does not state it.
  // A person the claim names is named by the sentence that states it: around it, another
  // sentence of the story may be about them ("spoke briefly with Abbas" beside "eight Israeli
  // companies … at the conference").
  const unnamed = terms.kinds.some((kind, g) => kind === 'person' && !(found.groups & (1 << g)));
  const otherwise =
    loose ||
    unnamed ||
    otherRelation(engine, question, found) ||
    negates(question, found) ||
    opposesUnsaid(question, found);
  // "Did Putin say the coordination was working": a sentence that does not give him saying it
  // states, at most, what he would have said.
  const stated: Support = speaks && !saidBy && saysAfter(engine, asked, speaks) ? 'partial' : 'full';
  if (!missing.length) return otherwise ? 'partial' : stated;
  if (!otherwise && missing.every((g) => ofOccasion(engine, terms, found, g))) return stated;
  // A word the sentence's article never uses cannot be checked against it ("deconfliction" for
  // "the mechanism"); one the article does use elsewhere ("Israeli" beside "a Russian jet") is a
  // detail the sentence does not state.
  const article = articleWords(engine, found.passage.source.id);
  return missing.every((g) => !(terms.groups[g] ?? []).some((t) => article.has(t.term))) ? 'partial' : 'none';
}

type Support = 'full' | 'partial' | 'none';

/**
 * Whether the claim's word at `i` is a verb of saying where it stands: after "the" it is a noun
 * ("the reason"), and right after the opening "did" the subject ("did sanctions come up").
 */
function saysAt(engine: Engine, words: readonly string[], i: number): boolean {
  const word = words[i] ?? '';
  return (
    !isFunctionWord(word) &&
    !DETERMINER.test(words[i - 1] ?? '') &&
    !(i === 1 && AUXILIARY.test(words[0] ?? '')) &&
    engine.sense.isSaying(word)
  );
}

/**
 * Whether a sentence dates what it says to a month other than the claim's (1–12). "May" in a
 * sentence is as often the verb as the month, so it dates nothing.
 */
function otherMonth(found: Found, month: number | undefined): boolean {
  if (month === undefined) return false;
  const months = passageTerms(found.passage.text)
    .map((t) => MONTHS.indexOf(t as (typeof MONTHS)[number]) + 1)
    .filter((m) => m > 0 && MONTHS[m - 1] !== 'may');
  return months.length > 0 && !months.includes(month);
}

/** Whether a sentence dates what it says to a year other than the claim's. */
function otherYear(found: Found, year: number | undefined): boolean {
  if (year === undefined) return false;
  const years = passageTerms(found.passage.text).filter((t) => /^(1[89]|20)\d\d$/.test(t));
  return years.length > 0 && !years.includes(String(year));
}

/** English's words of negation: a sentence that says "no future meeting set" does not say one was. */
const NEGATION = /^(no|not|never|nor|neither|none|nothing|nobody|nowhere)$/;

/** Whether the sentence denies what it says where the claim does not ("no future meeting set"). */
const denies = (text: string) => passageTerms(text).some((t) => NEGATION.test(t));

function negates(question: string, found: Found): boolean {
  return denies(found.passage.text) !== deniesClaim(question);
}

/**
 * Whether the claim itself is denied ("did Putin say no to …", "did they never meet"): not by a
 * "not" that only makes the question negative, right after its opening auxiliary ("didn't Putin
 * say …") or in a tag at its end ("…, didn't he").
 */
export function deniesClaim(question: string): boolean {
  const words = passageTerms(question);
  return words.some(
    (w, i) => NEGATION.test(w) && !(i === 1 && AUXILIARY.test(words[0] ?? '')) && !inTag(words, i),
  );
}

/** Whether the word at `i` is in a question tag that ends the words ("…, didn't he", "…, wasn't it"). */
function inTag(words: readonly string[], i: number): boolean {
  return AUXILIARY.test(words[i - 1] ?? '') && i >= words.length - 2;
}

/** English's prepositions of opposition: "against" a thing is no stance a sentence "for" it states. */
const OPPOSING = /^(against|anti)$/;

/** Whether the claim takes a side against something that the sentence never says it takes. */
function opposesUnsaid(question: string, found: Found): boolean {
  const said = passageTerms(`${found.passage.lead ?? ''} ${found.passage.text}`);
  return passageTerms(question).some((t) => OPPOSING.test(t)) && !said.some((t) => OPPOSING.test(t));
}

/**
 * Whether the sentence puts the claim's words in another relation at the same place: the claim
 * says "after" where, between the same matched words, the sentence says "before" ("a tour of the
 * Kremlin before their meeting" does not say the tour came after the talks). Only function words
 * that say how what follows relates (WordNet knows them as adverbs too: before, after, in, on)
 * count, and only one the sentence does not say anywhere against one the claim does not say.
 */
function otherRelation(engine: Engine, question: string, found: Found): boolean {
  const asked = passageTerms(question);
  const said = passageTerms(found.passage.text);
  const lemmas = said.map((t) => engine.sense.lemma(t));
  const at = (word: string) => {
    if (isFunctionWord(word)) return -1;
    const actor = actorOf(engine, word);
    if (actor) return said.findIndex((t) => actorOf(engine, t) === actor);
    const forms = new Set([
      engine.sense.lemma(word),
      ...engine.sense
        .expand(word)
        .filter((e) => e.weight >= STATED)
        .map((e) => e.term),
    ]);
    return said.findIndex((t, j) => forms.has(t) || forms.has(lemmas[j] as string));
  };
  const positions = asked.map(at);
  const occasion = occasionWords(engine, found);
  return asked.some((word, i) => {
    if (!engine.sense.isRelationWord(word) || said.includes(word)) return false;
    const from = Math.max(-1, ...positions.slice(0, i));
    const later = positions.slice(i + 1).filter((j) => j >= 0);
    // A relation to the occasion the sentence's article reports, which the sentence itself does
    // not name ("around the time of the climate conference"), puts none of its words otherwise;
    // one the sentence names with another relation ("before their meeting") does.
    const relatedThere = said.some(
      (t, j) =>
        engine.sense.isRelationWord(t) &&
        !asked.includes(t) &&
        [said[j + 1], said[j + 2]].some((w) => w !== undefined && occasion.has(w)),
    );
    if (!later.length && !relatedThere && asked.slice(i + 1).some((w) => occasion.has(w))) return false;
    const to = later.length ? Math.min(...later) : said.length;
    // A relation before a verb heads a clause of its own ("in October to ensure that their air
    // forces"), not the phrase of the claim's next word.
    const clause = said.slice(from + 1, to).findLastIndex((t) => engine.sense.partOfSpeech(t) === 'verb');
    const others = said
      .slice(from + 1, to)
      .flatMap((t, k) =>
        k > clause && engine.sense.isRelationWord(t) && !asked.includes(t) ? [from + 1 + k] : [],
      );
    // Before a name the relation says where ("over Syria", "on the coming Chanukah"), which
    // `otherPlace` checks; but where one stands right before it ("in Moscow"), one further off
    // says something else ("after our meeting in Moscow").
    const named = to < said.length && engine.sense.partOfSpeech(said[to] as string) === 'proper';
    if (!named) return others.length > 0;
    return engine.sense.isRelationWord(said[to - 1] ?? '') && others.some((k) => k !== to - 1);
  });
}

/** How far before "by" the verb it gives the doer of may stand ("shot down last week by Turkey"). */
const AGENT_REACH = 4;

/**
 * The first word after each "by" that is not a function word: who did what a passive claim says;
 * with `doing`, only the "by" of that action ("rockets fired by Hamas" gives no doer of leaving).
 */
function agents(text: string, doing?: (word: string) => boolean): string[] {
  const words = searchTokens(text);
  const passive = words.flatMap((w, i) =>
    w === 'by' && (!doing || words.slice(Math.max(0, i - AGENT_REACH), i).some(doing))
      ? words
          .slice(i + 1)
          .filter((t) => !isFunctionWord(t))
          .slice(0, 1)
      : [],
  );
  // "credited Netanyahu with proposing", "thanked Putin for helping": the one credited with the
  // action, named right before "with" or "for", did it.
  const gerund = doing
    ? words.flatMap((w, i) => {
        const credited = words[i - 2] ?? '';
        return doing(w) &&
          w.endsWith('ing') &&
          /^(with|for)$/.test(words[i - 1] ?? '') &&
          !isFunctionWord(credited)
          ? [credited]
          : [];
      })
    : [];
  return [...passive, ...gerund];
}

/** The engine's own map in a cache of maps by engine, made on first use. */
function mapFor<K, V>(caches: WeakMap<Engine, Map<K, V>>, engine: Engine): Map<K, V> {
  let map = caches.get(engine);
  if (!map) {
    map = new Map();
    caches.set(engine, map);
  }
  return map;
}

const claimCache = new WeakMap<Engine, Map<string, ClaimedAgents>>();

type ClaimedAgents = { agents: string[]; verb?: string };

/** `readAgents`, remembered: every sentence checked against a claim asks for its doer again. */
function claimedAgents(engine: Engine, question: string): ClaimedAgents {
  const read = mapFor(claimCache, engine);
  let found = read.get(question);
  if (!found) {
    if (read.size > CLAIMS_REMEMBERED) read.clear();
    found = readAgents(engine, question);
    read.set(question, found);
  }
  return found;
}

/** How many claims' doers are remembered: a question checks a few. */
const CLAIMS_REMEMBERED = 64;

/**
 * The doer a claim names: its passive agent ("shot down by Israel"), or else the subject of an
 * active claim, the first word after the auxiliary that opens the question ("did Israel shoot …"),
 * with its verb, the word after it.
 */
function readAgents(engine: Engine, question: string): ClaimedAgents {
  const passive = agents(question);
  if (passive.length) return { agents: passive };
  const words = searchTokens(question);
  // The auxiliary that makes it a question, after any phrase of time or place before it ("after
  // the Sochi meeting, did Putin …"); else a question opening with a function word.
  const aux = words.findIndex((w) => AUXILIARY.test(w));
  const from = aux >= 0 ? aux : isFunctionWord(words[0] ?? '') ? 0 : -1;
  if (from < 0) return { agents: [] };
  const content = words.slice(from).filter((w) => !isFunctionWord(w));
  const [subject] = content;
  if (!subject) return { agents: [] };
  // A person named in several words ("Vladimir Putin", "the Russian president") is one subject.
  const u = engine.understand(question);
  const naming = new Set(u.people.flatMap((p) => u.spelled.get(p) ?? []));
  let at = 1;
  if (naming.has(subject)) while (naming.has(content[at] ?? '')) at += 1;
  // An adverb before the verb says how it was done ("did Putin personally show …").
  while (content[at + 1] && engine.sense.partOfSpeech(content[at] as string) === 'adv') at += 1;
  const verb = content[at];
  return { agents: [subject], ...(verb && { verb }) };
}

/** English's articles and question determiners: the word after one is a noun ("what deals", "the talk"), no verb of saying. */
const DETERMINER = /^(the|a|an|what|which|whose)$/;

/** English's auxiliaries, which open a yes/no question. */
export const AUXILIARY = /^(do|does|did|is|are|was|were|has|have|had|will|would|can|could|should)$/;

/**
 * Whether a claim names a doer ("shot down by Israel", "did Israel shoot down …") that the
 * sentence does not give as the agent of the claim's action ("shot down … by Turkey"): the same
 * words with another doer are another claim. A sentence that names no agent leaves it to the other checks.
 */
/** Whether a word is the action in any form a sentence may give it ("shot" for "shoot", which WordNet files apart). */
function doingForms(engine: Engine, verb: string): (word: string) => boolean {
  const forms = new Set([
    verb,
    engine.sense.lemma(verb),
    ...engine.sense
      .expand(verb)
      .filter((e) => e.weight >= STATED)
      .map((e) => e.term),
  ]);
  return (w) => forms.has(w) || forms.has(engine.sense.lemma(w));
}

function otherAgent(engine: Engine, question: string, found: Found): boolean {
  const claim = claimedAgents(engine, question);
  const stated = agents(found.passage.text, claim.verb ? doingForms(engine, claim.verb) : undefined);
  if (!stated.length) return false;
  const lemmas = new Set(stated.flatMap((a) => [a, engine.sense.lemma(a)]));
  const passive = agents(question).length > 0;
  // An active claim's subject counts only when it is a name: "did the nations …" names no doer.
  const named = (w: string) =>
    passive || engine.sense.partOfSpeech(w) === 'proper' || !engine.sense.isEnglish(w);
  // One person by any of their names ("by Benjamin Netanyahu" for "did Netanyahu …").
  const actors = new Set(stated.map((w) => actorOf(engine, w)));
  return claim.agents.some(
    (a) =>
      named(a) &&
      !lemmas.has(a) &&
      !actors.has(actorOf(engine, a) ?? a) &&
      !engine.sense.expand(a).some((e) => e.weight >= 0.5 && lemmas.has(e.term)),
  );
}

/**
 * The claim's doer ("did Putin propose …": Putin) and who the sentence gives its action to by
 * name ("credited Netanyahu with proposing", "proposed by you" to Netanyahu), as people or countries.
 */
function doers(
  engine: Engine,
  question: string,
  found: Found,
): { actor: string; stated: (string | undefined)[] } | undefined {
  const claim = claimedAgents(engine, question);
  const [subject] = claim.agents;
  const actor = subject && actorOf(engine, subject);
  if (!actor || !claim.verb) return undefined;
  return {
    actor,
    stated: agents(found.passage.text, doingForms(engine, claim.verb)).map((w) => actorOf(engine, w)),
  };
}

/** Whether the sentence gives the claim's action to the claim's own doer. */
function doerStated(engine: Engine, question: string, found: Found): boolean {
  const d = doers(engine, question, found);
  return !!d && d.stated.includes(d.actor);
}

/** Whether the sentence gives the claim's action to another person or country, and not to the claim's doer. */
function agentInstead(engine: Engine, question: string, found: Found): boolean {
  const d = doers(engine, question, found);
  return !!d && d.stated.length > 0 && d.stated.every((id) => id !== undefined && id !== d.actor);
}

/**
 * English marks an action not (yet) done by an infinitive or a modal before its verb ("his
 * intention to visit Israel", "will meet", "might do that"). This closed class is English, not
 * anything of the articles.
 */
const NOT_DONE = new Set(['to', 'will', 'would', 'shall', 'should', 'may', 'might', 'can', 'could', 'must']);

/**
 * Whether the sentence gives the claim's action only as intended, planned or possible where the
 * claim says it was done: "did Putin visit Israel" is not stated by "his intention to visit Israel".
 */
function unrealised(engine: Engine, question: string, found: Found): boolean {
  const { verb } = claimedAgents(engine, question);
  // "Did they discuss Hezbollah": with a pronoun for its subject, what follows the verb is no action.
  if (!verb || engine.sense.partOfSpeech(verb) === 'proper') return false;
  const asked = searchTokens(question);
  const at = asked.indexOf(verb);
  if (at > 0 && NOT_DONE.has(asked[at - 1] as string)) return false;
  const lemma = engine.sense.lemma(verb);
  const said = searchTokens(found.passage.text);
  const uses = said.flatMap((t, j) => (engine.sense.lemma(t) === lemma ? [j] : []));
  return uses.length > 0 && uses.every((j) => NOT_DONE.has(said[j - 1] ?? ''));
}

/** The claim's content words a sentence does not say (dates are the records' and `otherMonth`'s). */
/** A synonym below this weight shares only one of the word's rarer senses (see the meanings table). */
const COMMON_SENSE_SYNONYM = 0.7;

/**
 * Whether a noun of the claim is said only by a verb that shares one of its rarer senses:
 * "sanctions" (penalties) is not said by "endorsed", which means to sanction something.
 * Nouns and verbs share no sense: the verb matched another meaning of the word.
 */
function otherSense(engine: Engine, head: string, matched: readonly Expansion[], best: number): boolean {
  if (best >= COMMON_SENSE_SYNONYM || engine.sense.partOfSpeech(head) !== 'noun') return false;
  return matched.every((t) => t.weight < best || engine.sense.partOfSpeech(t.term) === 'verb');
}

function missingDetails(terms: QuestionTerms, found: Found): number[] {
  return terms.kinds
    .map((kind, g) => (kind === 'word' && !(found.groups & (1 << g)) ? g : -1))
    .filter((g) => g >= 0);
}

/**
 * Whether the claim's word (group `g`) only says which thing its next word names, as the
 * articles call it elsewhere: "the deconfliction mechanism" is the mechanism a sentence names
 * ("credited Netanyahu with proposing the mechanism"), where another calls it "our
 * de-confliction mechanisms".
 */
function identifying(
  engine: Engine,
  question: string,
  terms: QuestionTerms,
  found: Found,
  g: number,
): boolean {
  const word = terms.heads[g];
  const noun = terms.heads[g + 1];
  if (!word || !noun || g + 1 >= terms.spoken || !['word', 'name'].includes(terms.kinds[g + 1] ?? ''))
    return false;
  if (!(found.groups & (1 << (g + 1)))) return false;
  // Between an article and its noun, a word describes the noun ("the deconfliction mechanism"),
  // where a verb before a name says what was done ("visit Israel").
  if (!describesNoun(passageTerms(question), word, (next) => next === noun)) return false;
  const lemma = engine.sense.lemma(noun);
  const { index, passages } = engine.passages;
  return index
    .holding(word)
    .slice(0, NAMING_LOOKS)
    .some((i) => {
      const said = passageTerms(passages[i]?.text ?? '');
      return said.some((w, j) => w === word && engine.sense.lemma(said[j + 1] ?? '') === lemma);
    });
}
/** How many of the sentences using a word are read for what it names: the first few tell. */
const NAMING_LOOKS = 20;

/** Whether the words put `word` between an article and a noun ("the whole ceremony"): it describes the noun. */
function describesNoun(words: readonly string[], word: string, isNoun: (next: string) => boolean): boolean {
  return words.some(
    (w, i) => w === word && DETERMINER.test(words[i - 1] ?? '') && isNoun(words[i + 1] ?? ''),
  );
}

/**
 * Whether the claim's word (group `g`) names the occasion the sentence's article reports; a
 * number is a detail the sentence must give itself, even one in the occasion's name.
 */
function ofOccasion(engine: Engine, terms: QuestionTerms, found: Found, g: number): boolean {
  return slotOf(engine, terms.heads[g] ?? '') !== 'number' && namesOccasion(engine, terms, found, g);
}

/** Whether a word of the claim's group `g` is a word of the sentence's article's occasion, number or not. */
function namesOccasion(engine: Engine, terms: QuestionTerms, found: Found, g: number): boolean {
  const occasion = occasionWords(engine, found);
  return (terms.groups[g] ?? []).some((t) => t.weight >= STATED && occasion.has(t.term));
}

/**
 * Whether the claim's number (group `g`) ends the name of the occasion the sentence's article
 * reports, after another word of it ("WW1": world war 1): a name, which no number in the sentence
 * ("the two") says otherwise.
 */
function endsOccasionName(engine: Engine, terms: QuestionTerms, found: Found, g: number): boolean {
  return g > 0 && ofOccasion(engine, terms, found, g - 1) && namesOccasion(engine, terms, found, g);
}

/** The words of the occasions the sentence's article reports ("climate", "conference"). */
const occasionWords = (engine: Engine, found: Found) =>
  new Set(passageTerms(occasionsOf(engine, found.passage.source.id).join(' ')));

/**
 * What kind of detail a word gives, when it is one a sentence can give otherwise: a number or
 * ordinal (10th, 13th), or a proper name or adjective (Israeli, Russian).
 */
function slotOf(engine: Engine, term: string): 'number' | 'proper' | undefined {
  if (/^\d+(st|nd|rd|th)?$/.test(term)) return 'number';
  if (!personWords(engine).has(term) && engine.sense.partOfSpeech(term) === 'proper') return 'proper';
  return undefined;
}

/**
 * Whether a sentence says the claim's action with its actors but otherwise: the people on the
 * other sides of it ("Putin gave Netanyahu a tour" against "Netanyahu gave Putin one"), or one
 * detail of the same kind changed ("a Russian jet" against "an Israeli jet", "13th" against "10th").
 */
function contradicts(
  engine: Engine,
  question: string,
  terms: QuestionTerms,
  found: Found,
  month: number | undefined,
): boolean {
  if (otherDoer(engine, terms, found) || otherSubject(engine, question, terms, found)) return true;
  if (!coversNames(engine, terms, found)) return false;
  const missing = missingDetails(terms, found);
  if (otherMonth(found, month)) return missing.length === 0 && sameRoles(engine, question, found);
  if (!missing.length)
    return (
      agentInstead(engine, question, found) ||
      swapped(engine, question, found.passage.text) ||
      otherOwner(engine, question, found.passage.text) ||
      otherWayRound(engine, question, found.passage.text)
    );
  if (missing.length !== 1 || !sameRoles(engine, question, found)) return false;
  // One detail changed is a contradiction only where the sentence says the rest of the claim:
  // at least two other words of it, not a lone verb ("visited me in Moscow").
  const said = terms.kinds.filter((kind, g) => kind === 'word' && found.groups & (1 << g)).length;
  if (said < 2) return false;
  // A thing given another people's word is one, however the sentence puts the rest ("an Israeli
  // jet … near the Syrian border" against "the Russian jet … along the Turkish-Syrian border").
  if (otherOwner(engine, question, found.passage.text)) return true;
  const slot = slotOf(engine, terms.heads[missing[0] as number] ?? '');
  if (!slot || endsOccasionName(engine, terms, found, missing[0] as number)) return false;
  const asked = new Set(terms.groups.flat().map((t) => t.term));
  const sentence = passageTerms(found.passage.text);
  // A number counts what follows it: "the next 25 years" is not said otherwise by "our two militaries".
  const counted =
    slot === 'number'
      ? countedAfter(engine, passageTerms(question), terms.heads[missing[0] as number] ?? '')
      : undefined;
  return sentence.some(
    (t, j) =>
      !asked.has(t) &&
      slotOf(engine, t) === slot &&
      (counted === undefined || countedAfter(engine, sentence, t, j) === counted),
  );
}

/** The lemma of the first content word after a number (at `at`, else its first place): what it counts. */
function countedAfter(
  engine: Engine,
  words: readonly string[],
  number: string,
  at = words.indexOf(number),
): string | undefined {
  const next = words.slice(at + 1).find((w) => !isFunctionWord(w));
  return next === undefined ? undefined : engine.sense.lemma(next);
}

/**
 * A sentence that says the claim with one of its words turned to its opposite, as WordNet gives
 * opposites: "we are unconditional allies" against "Putin called Israel an enemy", "abruptly
 * left Paris" against "stayed in Paris". The claim's names are covered and on the same sides,
 * and its other words said in the sentence or around it, or by the occasion its article reports;
 * a word that only describes ("the whole ceremony") does not save a claim whose verb is opposed.
 */
function opposedBy(
  engine: Engine,
  question: string,
  terms: QuestionTerms,
  found: readonly Found[],
): Found | undefined {
  const asked = passageTerms(question);
  // An adjective or adverb, or a word between an article and its noun ("the whole ceremony").
  const describes = (head: string) =>
    /^(adj|adv)$/.test(engine.sense.partOfSpeech(head) ?? '') ||
    describesNoun(asked, head, (next) => engine.sense.partOfSpeech(next) === 'noun');
  // A name the sentence must give itself, or the occasion its article reports, where the claim
  // has one: the leaders may be who speaks, or around it.
  const named = terms.kinds.flatMap((kind, i) => (kind === 'name' || kind === 'person' ? [i] : []));
  for (const [g, kind] of terms.kinds.entries()) {
    const head = terms.heads[g] ?? '';
    // What a thing is or what is done is opposed; how ("early", "the whole") is too loose a word
    // ("the latest barrage" is no late leaving). A claim the articles also say in its own word
    // ("left Paris") is not opposed by another sentence ("the coming holiday").
    if (kind !== 'word' || describes(head)) continue;
    const own = new Set(
      (terms.groups[g] ?? []).filter((t) => t.weight >= EXPANSION_WEIGHTS.sameLemma).map((t) => t.term),
    );
    if (found.some((f) => passageTerms(f.passage.text).some((t) => own.has(t)))) continue;
    const opposite = engine.sense.opposites(head);
    if (!opposite.length) continue;
    const groups = terms.groups.map((group, i) =>
      i === g ? opposite.map(({ term }) => ({ term, weight: 1 })) : group,
    );
    // What was done somewhere is opposed where the sentence itself names the place ("left
    // Paris"): "said before leaving", of the Sochi article, is no arriving undone. What something
    // is ("unconditional allies") holds at the occasion the article reports.
    const acted = opposite.some((o) => o.verb);
    const opposed = new Set(opposite.map(({ term }) => term));
    const flipped = { ...terms, groups };
    for (const candidate of findPassages(engine, flipped, 3)) {
      const f = addressed(engine, candidate);
      // A sentence that goes on from the one before ("In this sense, we are … allies") is read with it.
      const told = new Set(passageTerms(`${f.passage.lead ?? ''} ${f.passage.text}`));
      const names = (i: number) =>
        (terms.groups[i] ?? []).some((t) => t.weight >= STATED && told.has(t.term));
      const placed = (i: number) => names(i) || (!acted && ofOccasion(engine, flipped, f, i));
      if (!(f.groups & (1 << g)) || (named.length && !named.some(placed))) continue;
      // An opposite said only inside the name of the article's occasion ("climate change" against
      // "stay") opposes nothing.
      const occasion = occasionWords(engine, f);
      if (!passageTerms(f.passage.text).some((t) => opposed.has(t) && !occasion.has(t))) continue;
      if (!coversNames(engine, flipped, f) || !sameRoles(engine, question, f)) continue;
      const around = contextOf(engine, f.passage);
      const spoken = spokenBy(engine, f).size > 0;
      const others = terms.kinds.flatMap((other, i) =>
        i === g || other !== 'word' || describes(terms.heads[i] ?? '') ? [] : [i],
      );
      const unsaid = others.filter(
        (i) =>
          !(f.groups & (1 << i)) &&
          !(groups[i] ?? []).some((t) => t.weight >= STATED && around.has(t.term)) &&
          !ofOccasion(engine, flipped, f, i) &&
          !(spoken && engine.sense.isSaying(terms.heads[i] ?? '')),
      );
      // The opposed word decides; of the rest, most is said (an idiom's "comes" may not be).
      if (unsaid.length <= Math.ceil(others.length / 2)) return f;
    }
  }
  return undefined;
}

/** English's words that deny what follows them ("no future talks", "have not", "never"). */
const DENIES = /^(?:no|not|never|none)$/;
/** How far after a denying word the word it denies may stand ("no future talks have been scheduled"). */
const DENIAL_REACH = 5;

/**
 * A sentence that says the claim's words with a word that denies them ("no future talks have
 * been scheduled" against "did they set a date for their next meeting"): the claim's names are
 * its own, most of its words are said, and one of them right after the denial. A claim that
 * denies itself ("did they not …") is another question.
 */
function negatedBy(
  engine: Engine,
  question: string,
  terms: QuestionTerms,
  found: readonly Found[],
): Found | undefined {
  if (passageTerms(question).some((w) => DENIES.test(w))) return undefined;
  // The claim's words, and the names of its things ("schedule" names future meetings).
  const words = terms.kinds.flatMap((kind, g) => (kind === 'word' || kind === 'name' ? [g] : []));
  if (!words.length) return undefined;
  const claimed = new Set(
    words.flatMap((g) => (terms.groups[g] ?? []).filter((t) => t.weight >= STATED).map((t) => t.term)),
  );
  return found.find((f) => {
    const said = words.filter((g) => f.groups & (1 << g)).length;
    if (said * 2 < words.length || !coversNames(engine, terms, f) || !sameRoles(engine, question, f))
      return false;
    const told = passageTerms(f.passage.text);
    return told.some(
      (w, i) => DENIES.test(w) && told.slice(i + 1, i + 1 + DENIAL_REACH).some((next) => claimed.has(next)),
    );
  });
}

/**
 * Whether the claim names one person twice, on both sides of its action ("did Vlad give Putin a
 * tour"): no sentence of two people doing it states that. `corrected` is the question as
 * understood, where "vlad" is already Vladimir.
 */
function oneOnBothSides(engine: Engine, corrected: string): boolean {
  const ids = passageTerms(corrected).map((w) => personIds(engine).get(w));
  // Words side by side are one naming ("Vladimir Putin").
  const mentions = ids.filter((id, i) => id !== undefined && id !== ids[i - 1]);
  return mentions.length > 1 && new Set(mentions).size === 1;
}

/**
 * Whether the sentence gives a thing of the claim another people's word: "an Israeli jet" against
 * "a Russian jet had recently flown into Israeli airspace". The claim's word must not
 * stand before that thing anywhere in the sentence.
 */
function otherOwner(engine: Engine, question: string, sentence: string): boolean {
  const asked = passageTerms(question);
  const said = passageTerms(sentence);
  const lemma = (t: string) => engine.sense.lemma(t);
  // A possessive names its thing's owner ("Turkey's security", "Netanyahu's summer place").
  const possessive = new Set(
    [...question.matchAll(/(\p{L}+)['’]s\s/gu)].map((m) => foldForSearch(m[1] as string)),
  );
  // Whose the sentence makes the thing at `j`: "Israeli airspace", "the presidential summer
  // residence" (the president's), "the security of Israel".
  const ownerAt = (j: number) =>
    actorOf(engine, said[j - 1] as string) ??
    roleHolder(engine, said[j - 1] as string) ??
    (said[j + 1] === 'of' ? actorOf(engine, said[j + 2] ?? '') : undefined);
  return asked.some((owner, i) => {
    const thing = asked[i + 1];
    // A people's adjective (Israeli, Russian) or a possessive, not a name that may be the
    // subject ("Netanyahu said").
    const actor = personIds(engine).has(owner) && !possessive.has(owner) ? undefined : actorOf(engine, owner);
    if (!thing || !actor || (actor === owner && !possessive.has(owner))) return false;
    if (isFunctionWord(thing) || actorOf(engine, thing)) return false;
    // The sentence may name the thing more narrowly ("an Israeli plane" against "the Russian jet").
    const same = (w: string) =>
      lemma(w) === lemma(thing) || engine.sense.expand(w).some((e) => e.weight >= 0.5 && e.term === thing);
    const at = said.flatMap((w, j) => (j > 0 && same(w) ? [j] : []));
    const owners = at.map(ownerAt);
    return owners.length > 0 && !owners.includes(actor) && owners.some((o) => o !== undefined);
  });
}

/**
 * Who the sentence has doing what the claim says, by name: after "by" ("fired by Hamas"), or a
 * country or person right before a word of the claim ("Israel shooting down").
 */
function sentenceDoers(engine: Engine, terms: QuestionTerms, found: Found): string[] {
  const said = searchTokens(found.passage.text);
  const asked = new Set(
    terms.groups.flatMap((g, i) => (terms.kinds[i] === 'word' ? g.map((t) => t.term) : [])),
  );
  const before = said.flatMap((w, j) => (j > 0 && asked.has(w) ? [said[j - 1] as string] : []));
  return [...agents(found.passage.text), ...before.filter((w) => actorOf(engine, w) !== undefined)].filter(
    (w) => engine.sense.partOfSpeech(w) === 'proper',
  );
}

/**
 * Whether the sentence says the claim's words of another doer, by name: "did Netanyahu say
 * Hezbollah was placing precision missiles in Syria" against "attempts by Iran … to place
 * precision missiles there". Every other word of the claim is in the sentence; the name the
 * claim gives instead is neither in it nor around it.
 */
function otherDoer(engine: Engine, terms: QuestionTerms, found: Found): boolean {
  const doers = sentenceDoers(engine, terms, found);
  if (!doers.length) return false;
  const around = contextOf(engine, found.passage);
  const said = (g: number) => (found.groups & (1 << g)) !== 0 || ofOccasion(engine, terms, found, g);
  // A city or a venue is where, not who: "leave Sochi" against "left Paris … fired by Hamas" is
  // no other doer; a country may be one.
  const instead = (g: number) =>
    (terms.kinds[g] === 'name' || terms.kinds[g] === 'person') &&
    !siteWords(engine).has(terms.heads[g] ?? '') &&
    !said(g) &&
    !(terms.groups[g] ?? []).some((t) => doers.includes(t.term) || around.has(t.term));
  const rest = terms.kinds.flatMap((kind, g) =>
    kind !== 'leader' && kind !== 'date' && !instead(g) ? [g] : [],
  );
  return (
    rest.length >= 2 &&
    rest.length < terms.kinds.filter((k) => k !== 'leader' && k !== 'date').length &&
    rest.every(said)
  );
}

/**
 * Whether the sentence has a country or person of its own doing what the claim's subject does
 * there: "why did Israel shoot down a Turkish jet on the Syrian border" against "Turkey shot down
 * a Russian jet on the Turkish-Syrian border". Every word of the claim is in the sentence.
 */
function otherSubject(engine: Engine, question: string, terms: QuestionTerms, found: Found): boolean {
  const {
    agents: [subject],
    verb,
  } = claimedAgents(engine, question);
  const actor = subject && actorOf(engine, subject);
  // Another's saying the same thing is no contradiction of what he said: who said what is
  // checked against the quotations themselves (`speakerCorrection`).
  if (!actor || !verb || engine.sense.isSaying(verb)) return false;
  const words = terms.kinds.flatMap((kind, g) => (kind === 'word' ? [g] : []));
  if (words.length < 2 || words.some((g) => !(found.groups & (1 << g)))) return false;
  const said = searchTokens(found.passage.text);
  const doing = doingForms(engine, verb);
  const at = said.findIndex(doing);
  const before = at > 0 ? [said[at - 1] as string] : [];
  // A doer by name: a country, a person, or a group the article writes as a name (Turkey, Hamas).
  const named = (w: string) =>
    new RegExp(`(?<![\\p{L}\\p{N}])${w[0]?.toUpperCase()}${w.slice(1)}(?![\\p{L}\\p{N}])`, 'u');
  const doers = [...before, ...agents(found.passage.text, doing)].filter(
    (w) => actorOf(engine, w) !== undefined || named(w).test(found.passage.text),
  );
  return doers.length > 0 && doers.every((w) => actorOf(engine, w) !== actor);
}

/**
 * Whether a sentence has the claim's action with its two people on the other sides of it: the
 * action is a word the sentence uses as a verb.
 */
function swapped(engine: Engine, question: string, sentence: string): boolean {
  const people = personIds(engine);
  const asked = passageTerms(question);
  const said = passageTerms(sentence);
  const lemmas = said.map((t) => engine.sense.lemma(t));
  let verb = -1;
  const at = asked.findIndex((t, i) => {
    if (people.has(t) || isFunctionWord(t) || !asked.slice(0, i).some((w) => people.has(w))) return false;
    verb = lemmas.findIndex(
      (l, j) => l === engine.sense.lemma(t) && engine.sense.partOfSpeech(said[j] as string) === 'verb',
    );
    return verb >= 0;
  });
  if (at < 0) return false;
  const before = asked
    .slice(0, at)
    .map((t) => people.get(t))
    .filter(Boolean);
  const after = asked
    .slice(at + 1)
    .map((t) => people.get(t))
    .filter(Boolean);
  const subject = before[before.length - 1];
  const object = after[0];
  if (!subject || !object || subject === object) return false;
  const where = (id: string) => said.findIndex((t) => people.get(t) === id);
  const s = where(subject);
  const o = where(object);
  return s > verb && o >= 0 && o < verb;
}

/** How far after its verb the claim's object may stand in a sentence that states it ("thanked Russia's President Vladimir Putin"). */
const OBJECT_REACH = 5;

/**
 * Whether the sentence has the claim's action done to another by name: "does Russia back
 * Hezbollah" against "Moscow backs the Assad regime and Israel works to prevent arms transfers
 * to Hezbollah". The claim's object is the first name after its verb; the sentence's, the first
 * word after the same verb that is no function word. Another name there, and the claim's object
 * nowhere near, is another action.
 */
function otherObject(engine: Engine, question: string, found: Found): boolean {
  const asked = passageTerms(question);
  const said = passageTerms(found.passage.text);
  const lemma = (t: string) => engine.sense.lemma(t);
  const nameOf = (t: string) =>
    actorOf(engine, t) ?? (engine.sense.partOfSpeech(t) === 'proper' ? t : undefined);
  // Right after a name, a function word WordNet also knows as a verb is the verb ("does Russia back").
  const verbAt = (word: string, i: number) =>
    !isFunctionWord(word) || (nameOf(asked[i - 1] ?? '') !== undefined && engine.sense.isVerb(word));
  return asked.some((word, i) => {
    // What is said is a clause, not an object ("say Israel is stepping up …").
    if (!verbAt(word, i) || nameOf(word) || i === 0 || engine.sense.isSaying(word)) return false;
    const at = asked.findIndex((t, k) => k > i && !isFunctionWord(t));
    const object = asked[at];
    // An object follows its verb with at most an article between: "minister in Sochi" puts it somewhere.
    if (asked.slice(i + 1, at).some((t) => engine.sense.isRelationWord(t))) return false;
    // A name that goes on into a noun owns it ("Russia's defense minister"), and is no object.
    const ends = at === asked.length - 1 || isFunctionWord(asked[at + 1] ?? '');
    const wanted = object !== undefined && ends ? nameOf(object) : undefined;
    if (!wanted || !asked.slice(0, i).some((t) => nameOf(t))) return false;
    return said.some((t, j) => {
      if (lemma(t) !== lemma(word)) return false;
      const next = said.slice(j + 1).find((w) => !isFunctionWord(w));
      const theirs = next && nameOf(next);
      const near = said.slice(j + 1, j + 1 + OBJECT_REACH).some((w) => nameOf(w) === wanted);
      return theirs !== undefined && theirs !== wanted && !near;
    });
  });
}

/**
 * Whether the claim's verb is one no search checks (a stop word: "came up with", "made", "got"),
 * the sentence says it in no form, and names another doer of what it does say: "was it Putin who
 * came up with the mechanism" is not stated by "the mechanism … proposed by you", to Netanyahu.
 */
function unsaidAction(engine: Engine, question: string, found: Found): boolean {
  const {
    agents: [subject],
    verb,
  } = claimedAgents(engine, question);
  if (!subject || !verb || !STOPWORDS.has(verb) || AUXILIARY.test(verb) || !engine.sense.isVerb(verb))
    return false;
  const lemma = engine.sense.lemma(verb);
  if (lemma === 'meet' || engine.sense.isSaying(verb)) return false;
  const said = passageTerms(found.passage.text);
  if (said.some((t) => engine.sense.lemma(t) === lemma)) return false;
  const doer = actorOf(engine, subject);
  return agents(found.passage.text).some((a) => {
    const other = actorOf(engine, a);
    return other !== undefined && other !== doer;
  });
}

/** Whether the sentence says each word of the claim it matched in that word's own forms or synonyms. */
function inOwnWords(engine: Engine, terms: QuestionTerms, found: Found): boolean {
  const said = new Set(passageTerms(found.passage.text));
  return terms.heads.every((head, g) => {
    if (!(found.groups & (1 << g)) || terms.kinds[g] !== 'name') return true;
    return said.has(head) || engine.sense.expand(head).some((e) => e.weight >= STATED && said.has(e.term));
  });
}

/** The first person a claim names: who it has saying or doing it. */
function claimSubject(engine: Engine, question: string): string | undefined {
  const ids = personIds(engine);
  return passageTerms(question)
    .map((w) => ids.get(w))
    .find(Boolean);
}

/** How far before a verb of saying its speaker's name may stand ("Netanyahu told reporters", "Putin also said"). */
const SPEAKER_REACH = 3;

/**
 * Whether the words have the person say something: their verb, after their name, is one of
 * saying, and what follows it is what was said. One followed by a person ("talk to Abbas", "show
 * Bibi around") tells of being with them, which a sentence states of the two.
 */
function saysAfter(engine: Engine, words: readonly string[], person: string): boolean {
  const ids = personIds(engine);
  const content = words.filter((t) => !isFunctionWord(engine.sense.spellOut(t)?.[0] ?? t));
  const at = content.findIndex((w) => ids.get(w) === person);
  if (at < 0) return false;
  // Others named with them ("Putin and Netanyahu") and how it was done ("personally") come between.
  const verb = content.findIndex((w, i) => i > at && !ids.has(w) && engine.sense.partOfSpeech(w) !== 'adv');
  const object = content[verb + 1];
  return verb > at && saysWord(engine, content[verb] as string) && object !== undefined && !ids.has(object);
}

/**
 * Whether what the claim has someone say is in the words a sentence gives them, where it opens
 * them with their name and a verb of saying and a colon ("… Israel works to prevent arms
 * transfers. Putin said: “We spoke about …”"): the narration before is not theirs.
 */
function inTheirWords(engine: Engine, terms: QuestionTerms, found: Found, speaker: string): boolean {
  const { text } = found.passage;
  const ids = personIds(engine);
  const opening = [...text.matchAll(/([\p{L}'’-]+)\s+([\p{L}]+)\s*:/gu)].find(
    ([, name = '', verb = '']) =>
      ids.get(foldForSearch(name)) === speaker && saysWord(engine, foldForSearch(verb)),
  );
  if (opening?.index === undefined) return true;
  const theirs = new Set(passageTerms(text.slice(opening.index + opening[0].length)));
  return terms.kinds.every(
    (kind, g) =>
      (kind !== 'word' && kind !== 'name') ||
      !(found.groups & (1 << g)) ||
      (terms.groups[g] ?? []).some((t) => t.weight >= STATED && theirs.has(t.term)),
  );
}

/**
 * Who says the sentence: the speaker the article gives it, the speaker of the quotation the
 * records hold it in, or a person named just before a verb of saying in it or in what it goes on
 * from ("Netanyahu said: …").
 */
function spokenBy(engine: Engine, found: Found): Set<string> {
  const ids = personIds(engine);
  const { passage } = found;
  const voiced = new Set(quotedBy(engine, found));
  for (const w of passageTerms(passage.speaker ?? '')) {
    const id = ids.get(w);
    if (id) voiced.add(id);
  }
  const words = passageTerms(`${passage.lead ?? ''} ${passage.text}`);
  words.forEach((w, i) => {
    if (isFunctionWord(w) || !saysWord(engine, w)) return;
    for (const before of words.slice(Math.max(0, i - SPEAKER_REACH), i)) {
      const id = ids.get(before);
      if (id) voiced.add(id);
    }
  });
  return voiced;
}

/** A word of saying, or a noun made from one ("statement" from "state"): "Putin's statement" is his saying. */
function saysWord(engine: Engine, word: string): boolean {
  return (
    engine.sense.isSaying(word) ||
    engine.sense
      .expand(word)
      .some((e) => e.weight > EXPANSION_WEIGHTS.synonym && engine.sense.isSaying(e.term))
  );
}

/**
 * Whether the sentence is a quotation of someone other than the person the claim has saying or
 * doing it: "Did Netanyahu say we are allies?" is not supported by Putin saying so.
 */
function otherSpeaker(engine: Engine, question: string, found: Found): boolean {
  const subject = claimSubject(engine, question);
  if (!subject) return false;
  const ids = personIds(engine);
  const speakers = [
    ...quotedBy(engine, found),
    ...passageTerms(found.passage.speaker ?? '').flatMap((w) => ids.get(w) ?? []),
  ];
  // "I appreciate your statement that …": the speaker reports what the claim's subject said.
  return speakers.length > 0 && !speakers.includes(subject) && !reportedSayers(engine, found).has(subject);
}

/** The people a sentence reports saying something, named right before the saying ("Putin's statement"). */
function reportedSayers(engine: Engine, found: Found): Set<string> {
  const ids = personIds(engine);
  const words = passageTerms(found.passage.text);
  return new Set(
    words.flatMap((w, i) => {
      const id = ids.get(w);
      return id && saysWord(engine, words[i + 1] ?? '') ? [id] : [];
    }),
  );
}

/** The words of two or more a question puts in quotation marks, folded as sentences are. */
function quotedPhrases(question: string): string[] {
  return [...question.matchAll(/["“”]([^"“”]+)["“”]|(?<![\p{L}\p{N}])['‘]([^'‘’]+)['’](?![\p{L}\p{N}])/gu)]
    .map((m) => passageTerms(m[1] ?? m[2] ?? '').join(' '))
    .filter((p) => p.includes(' '));
}

/** How many sentences are searched for the words in the mouth the question puts them in. */
const SPEAKER_SEARCH = 8;

/**
 * Words the question puts in one person's mouth that the articles quote another saying: "why did
 * Bibi call Israel and Russia 'unconditional allies'" is told it was Putin, with his words. The
 * sentence must say every word of the claim but its verbs of saying and the occasion's words.
 */
export function speakerCorrection(
  engine: Engine,
  question: string,
  u: Understanding,
  lead = 'Not quite',
): Reply | undefined {
  const subject = claimSubject(engine, question);
  const saying = (w: string) => !isFunctionWord(w) && engine.sense.isSaying(w);
  const asked = passageTerms(question);
  if (!subject || !asked.some((_, i) => saysAt(engine, asked, i))) return undefined;
  const terms = questionTerms(engine, question, u);
  const phrases = quotedPhrases(question);
  if (terms.unknown.length || (!phrases.length && terms.kinds.filter((kind) => kind === 'word').length < 2))
    return undefined;
  const found = findPassages(engine, terms, SPEAKER_SEARCH);
  const words = terms.kinds.flatMap((kind, g) =>
    kind === 'word' && !saying(terms.heads[g] ?? '') ? [g] : [],
  );
  // Words the question quotes are looked up as written; the rest, word by word.
  const holds = (f: Found) => phrases.some((p) => passageTerms(f.passage.text).join(' ').includes(p));
  const says = (f: Found) =>
    phrases.length
      ? holds(f)
      : missingDetails(terms, f).every(
          (g) => saying(terms.heads[g] ?? '') || ofOccasion(engine, terms, f, g),
        );
  // Anything near it in the subject's own words ("the mechanism … has been efficient" for "how well
  // did Putin say the mechanism worked") may be what the question means.
  const near = (f: Found) =>
    phrases.length ? holds(f) : 2 * words.filter((g) => f.groups & (1 << g)).length >= words.length;
  if (found.some((f) => near(f) && spokenBy(engine, f).has(subject))) return undefined;
  // Where the question puts the words ("at the Moscow presser"), the other's must be from there.
  const named = meetingsGiven(
    engine,
    u,
    u.places.filter((p) => p.kind !== 'country'),
  );
  const there = (f: Found) =>
    !named.length ||
    engine.catalogue
      .meetingsFrom(f.passage.source.id)
      .some((m) => m.kind === 'reported' && named.includes(m));
  const other = found.slice(0, 3).find((f) => says(f) && there(f) && otherSpeaker(engine, question, f));
  if (!other) return undefined;
  const name = (id: string) => engine.kb.person(id)?.name ?? id;
  const quoted = quoting(engine, [other]);
  return reply({
    title: 'Not quite',
    text: `${lead}: the articles have ${listWords([...new Set(quotedBy(engine, other))].map(name))} saying it, not ${name(subject)}:\n${quoted.text}`,
    citations: quoted.citations,
  });
}

/**
 * The sentence as the one spoken to hears it: words one of the two leaders says to the other call
 * him "you" ("the mechanism … proposed by you", "your statement that …"), and are checked as naming
 * him. Its speaker stays its speaker.
 */
function addressed(engine: Engine, found: Found): Found {
  const { text } = found.passage;
  if (!/\byour?\b/i.test(text)) return found;
  const spoken = [...spokenBy(engine, found)];
  const [speaker] = spoken;
  if (spoken.length !== 1 || !speaker || !engine.principals.has(speaker)) return found;
  const hearer = [...engine.principals].find((id) => id !== speaker);
  const listener = hearer && engine.kb.person(hearer);
  const by = engine.kb.person(speaker);
  if (!listener || !by) return found;
  const heard = text.replace(/\b(you)(rs?|rself)?\b/gi, (_, _you, ending?: string) =>
    ending?.startsWith('r') && !ending.endsWith('self') ? `${listener.name}'s` : listener.name,
  );
  return { ...found, passage: { ...found.passage, text: heard, speaker: found.passage.speaker ?? by.name } };
}

/** Who the records say spoke the sentence: the speakers of the quotations that hold it or that it holds. */
function quotedBy(engine: Engine, found: Found): string[] {
  const said = passageTerms(found.passage.text).join(' ');
  return engine.kb.quotes
    .filter((q) => q.source === found.passage.source.id && q.speaker !== undefined)
    .filter((q) => {
      const quote = passageTerms(q.text).join(' ');
      return quote.length > 0 && (said.includes(quote) || quote.includes(said));
    })
    .map((q) => q.speaker as string);
}

const placeCache = new WeakMap<Engine, Set<string>>();

const siteCache = new WeakMap<Engine, Set<string>>();

/** The words that name a city or a venue only: places where things happen, never doers. */
function siteWords(engine: Engine): Set<string> {
  let sites = siteCache.get(engine);
  if (!sites) {
    const names = (kinds: string[]) =>
      engine.kb.places
        .filter((p) => kinds.includes(p.kind))
        .flatMap((p) => [p.name, ...p.aliases].flatMap((n) => passageTerms(n)));
    const others = new Set(names(['country', 'region']));
    sites = new Set(names(['city', 'venue']).filter((w) => !others.has(w) && !isFunctionWord(w)));
    siteCache.set(engine, sites);
  }
  return sites;
}

/** The words of every place's names and aliases. */
function placeWords(engine: Engine): Set<string> {
  let places = placeCache.get(engine);
  if (!places) {
    places = new Set(engine.kb.places.flatMap((p) => [p.name, ...p.aliases].flatMap((n) => passageTerms(n))));
    for (const w of places) if (isFunctionWord(w) || STOPWORDS.has(w)) places.delete(w);
    placeCache.set(engine, places);
  }
  return places;
}

/**
 * Whether the claim puts what it says at a place ("in Syria") that the sentence does not name:
 * "along the Turkish-Syrian border" is near Syria, not in it, so only the place's own name will do.
 */
function otherPlace(engine: Engine, question: string, found: Found): boolean {
  const places = placeWords(engine);
  // The sentence with what it goes on from ("Israel knows … In this sense, we are allies").
  const own = new Set(passageTerms(`${found.passage.lead ?? ''} ${found.passage.text}`));
  const said = new Set([...own, ...contextOf(engine, found.passage)]);
  const words = passageTerms(question);
  const { verb } = claimedAgents(engine, question);
  return words.some((w, i) => {
    if (!places.has(w)) return false;
    const before = words[i - 1] ?? '';
    if (WITHIN.test(before)) return !said.has(w);
    // "Over Israel" puts it in the air there: the sentence must put something in or over that
    // place itself ("into Israeli airspace"), not only name it ("every citizen of Israel").
    if (OVER.test(before)) return !placesThere(engine, found.passage.text, w);
    // Where the action goes ("visit Israel", "come to Israel") is the sentence's own to say: its
    // paragraph names Israel for other reasons. So is whom it is between or with ("a free trade
    // zone between Turkey and …").
    // The leaders' two countries, which every article is about, may be "the two nations".
    if (/^(between|with|against)$/.test(before)) return !own.has(w) && !parties(engine).has(w);
    // A person is no place, though a place is named after him ("Netanyahu's residence").
    return (before === 'to' || before === verb) && !own.has(w) && !personIds(engine).has(w);
  });
}

/** Whether a sentence puts something in, into, over or at a place, by its name or its people's word ("into Israeli airspace"). */
function placesThere(engine: Engine, sentence: string, place: string): boolean {
  const said = passageTerms(sentence);
  const actor = actorOf(engine, place);
  const names = (t: string) => t === place || (actor !== undefined && actorOf(engine, t) === actor);
  return said.some(
    (t, j) => names(t) && [said[j - 1], said[j - 2]].some((b) => WITHIN.test(b ?? '') || OVER.test(b ?? '')),
  );
}

/** English's prepositions that put something inside a place, and over it. */
const WITHIN = /^(in|at|into|inside)$/;
const OVER = /^(over|above|across)$/;

const articleCache = new WeakMap<Engine, Map<string, Set<string>>>();

/** Every word of one article's text. */
function articleWords(engine: Engine, sourceId: string): Set<string> {
  const bySource = mapFor(articleCache, engine);
  let words = bySource.get(sourceId);
  if (!words) {
    const { start, end } = engine.passages.bySource.get(sourceId) ?? { start: 0, end: 0 };
    words = new Set(engine.passages.passages.slice(start, end).flatMap((p) => passageTerms(p.text)));
    bySource.set(sourceId, words);
  }
  return words;
}

/**
 * Whether the people a claim names stand on the same sides of its action as in the sentence:
 * "Putin gave Netanyahu a tour" does not say that Netanyahu gave Putin one.
 */
function sameRoles(engine: Engine, question: string, found: Found): boolean {
  const lemma = (t: string) => engine.sense.lemma(t);
  const sentence = passageTerms(found.passage.text);
  const asked = passageTerms(question);
  const isPerson = (t: string) => actorOf(engine, t) !== undefined;
  // The action: the first word after the first person named that the sentence says in some form.
  const first = asked.findIndex(isPerson);
  if (first < 0) return true;
  const sentenceLemmas = sentence.map(lemma);
  // The sentence must use it as a verb: a noun between the names ("the climate conference") is no
  // action with sides. Another form of the same word will do ("shoot" for "shooting", which WordNet lists as a noun).
  const forms = (t: string) =>
    new Set(
      engine.sense
        .expand(t)
        .filter((e) => e.weight >= EXPANSION_WEIGHTS.sameLemma)
        .map((e) => e.term),
    );
  // The word right after the claim's subject is its verb ("did Russia shoot …"), whatever else
  // WordNet lists it as first.
  const inSentence = (t: string, next = false) => {
    const same = forms(t);
    return sentenceLemmas.findIndex(
      (l, j) =>
        (l === lemma(t) || same.has(sentence[j] as string)) &&
        (next ||
          engine.sense.partOfSpeech(sentence[j] as string) === 'verb' ||
          engine.sense.partOfSpeech(t) === 'verb'),
    );
  };
  // After a possessive ("Israel's security") comes what is theirs, not what they do.
  const owner = new RegExp(`\\b${asked[first]}['’]s\\b`, 'iu').test(question);
  const next = (i: number) => i === first + 1 && !owner;
  const verb = asked.findIndex(
    (t, i) => i > first && !isPerson(t) && !isFunctionWord(t) && inSentence(t, next(i)) >= 0,
  );
  if (verb < 0) return true;
  // A claim of saying is said by any of the sentence's verbs of saying: in "told Shoigu that
  // Israel is stepping up …, he said", what was said comes after "told".
  const saying = (t: string) => !isFunctionWord(t) && engine.sense.isSaying(t);
  const said = saying(asked[verb] as string) ? sentence.flatMap((t, j) => (saying(t) ? [j] : [])) : [];
  const verbs = said.length ? said : [inSentence(asked[verb] as string, next(verb))];
  // Only the verb's own clause has sides, in the claim and in the sentence: "Turning to peace
  // between Israel and the Palestinians, Putin endorsed …" puts Israel on neither.
  const clauses = clausesOf(found.passage.text, sentence);
  const askedClauses = clausesOf(question, asked);
  return verbs.some((verbInSentence) =>
    asked.every((t, i) => {
      const actor = actorOf(engine, t);
      if (actor === undefined || askedClauses[i] !== askedClauses[verb]) return true;
      // Any mention on the claim's side will do: "Israeli" may name its minister and its airspace.
      const at = sentence.flatMap((w, j) =>
        actorOf(engine, w) === actor && clauses[j] === clauses[verbInSentence] ? [j] : [],
      );
      return !at.length || at.some((j) => Math.sign(j - verbInSentence) === Math.sign(i - verb));
    }),
  );
}

/**
 * Whether the sentence names the claim's two people the other way round, when the claim's
 * action is a word no search checks ("did Bibi personally show Putin around" against "Putin gave
 * PM Benjamin Netanyahu a personal tour"): the doer is named first in both.
 */
function otherWayRound(engine: Engine, question: string, sentence: string): boolean {
  if (!hiddenAction(engine, question)) return false;
  const ids = personIds(engine);
  const order = (words: readonly string[]) => [...new Set(words.map((w) => ids.get(w)).filter(Boolean))];
  const [doer, receiver] = order(passageTerms(question));
  const named = order(passageTerms(sentence));
  return (
    doer !== undefined &&
    receiver !== undefined &&
    named.indexOf(receiver) >= 0 &&
    named.indexOf(receiver) < named.indexOf(doer)
  );
}

/**
 * Whether a person of the claim does to another something its words don't say for a search: a
 * stop word that is neither "meet" (what every record is) nor a verb of saying, with a person
 * right after it ("show Putin", "let Bibi").
 */
function hiddenAction(engine: Engine, question: string): boolean {
  const ids = personIds(engine);
  const {
    agents: [subject],
    verb,
  } = claimedAgents(engine, question);
  if (!subject || !verb || !ids.has(subject) || !STOPWORDS.has(verb) || engine.sense.isSaying(verb))
    return false;
  if (engine.sense.lemma(verb) === 'meet') return false;
  const words = searchTokens(question);
  return ids.has(words[words.indexOf(verb) + 1] ?? '');
}

/**
 * "Did they meet in Syria?": the leaders met, by the claim, at a place the records know but hold
 * no meeting of theirs at. The records hold every meeting the articles report, so it is a "No",
 * with where they did meet. A sentence saying "in Syria" of something else states no meeting there.
 */
function unmetPlace(engine: Engine, question: string, u: Understanding): Reply | undefined {
  if (u.people.some((p) => !engine.principals.has(p.id))) return undefined;
  const words = passageTerms(question);
  const meet = words.findIndex((w) => engine.sense.lemma(w) === 'meet');
  if (meet < 0) return undefined;
  // Where they met is said after the meeting, in its clause: "a plane in Syria …, which caused
  // officials to meet" puts the plane there, and "met … to establish a mechanism … near Syrian
  // territory" the mechanism.
  const after = (p: Place) =>
    (u.spelled.get(p) ?? []).some((w) => {
      const at = words.indexOf(w, meet);
      return at > meet && !words.slice(meet + 1, at).some((v) => engine.sense.partOfSpeech(v) === 'verb');
    });
  const unmet = u.places.filter(
    (p) => locative(u.question, p) && after(p) && !engine.catalogue.meetingsAt(p.id).length,
  );
  if (!unmet.length) return undefined;
  const held = engine.kb.meetings.filter((m) => m.kind !== 'planned' && m.place);
  const where = listWords([...new Set(held.map((m) => meetingTitle(engine.kb, m).split(',')[0] as string))]);
  return reply({
    title: 'Not quite',
    text: `No: the articles report no meeting of theirs in ${listWords(unmet.map((p) => p.name))}. They report meetings in ${where}.`,
    citations: citeSources(
      engine.kb,
      held.flatMap((m) => m.sources),
    ),
  });
}

/**
 * "Was Abbas at the Sochi meeting?": a person of the records put at a meeting the records connect
 * him with nowhere, when they do connect him with others. "No", with the meetings he is part of.
 */
function personElsewhere(engine: Engine, question: string, u: Understanding): Reply | undefined {
  if (placedInWhatIsSaid(engine, question, u)) return undefined;
  const named = namedMeetings(engine, u);
  const [person, other] = u.people.filter((p) => !engine.principals.has(p.id));
  if (!person || other || !named.length) return undefined;
  const his = engine.catalogue.meetingsWith(person.id);
  if (!his.length || named.some((m) => his.includes(m))) return undefined;
  const line = (m: Meeting) => `- **${meetingTitle(engine.kb, m)}**`;
  return reply({
    title: 'Not quite',
    text: `No: the articles connect ${person.name} with\n${his.map(line).join('\n')}\nnot with\n${named.map(line).join('\n')}`,
    citations: citeSources(
      engine.kb,
      [...his, ...named].flatMap((m) => m.sources),
    ),
  });
}

/**
 * Whether every place the question names stands in what it has someone say ("told Shoigu that
 * Israel is stepping up …"): a place of the words said, not of the claim.
 */
function placedInWhatIsSaid(engine: Engine, question: string, u: Understanding): boolean {
  const words = passageTerms(question);
  const saying = words.findIndex((_, i) => saysAt(engine, words, i));
  const clause = saying >= 0 ? words.indexOf('that', saying) : -1;
  return (
    clause >= 0 &&
    u.places.length > 0 &&
    u.places.every((p) => (u.spelled.get(p) ?? []).every((w) => words.indexOf(w, clause) > clause))
  );
}

/** The meetings a question names, by name or occasion, else by place and date. */
function namedMeetings(engine: Engine, u: Understanding): readonly Meeting[] {
  return u.meetings.length ? u.meetings : placedMeetings(engine, u);
}

/** "Did they meet in November 2015?": a claim about the meetings themselves, answered from the records. */
function meetingClaim(engine: Engine, question: string, u: Understanding): Reply {
  const places = engine.meetingPlaces(u.places);
  const people = u.people.filter((p) => !engine.principals.has(p.id));
  const meetings = engine.filterMeetings({ places, people, dates: u.dates });
  const asked = [...places.map((p) => `in ${p.name}`), ...(u.dates.description ? [u.dates.description] : [])];
  if (!meetings.length || !asked.length) {
    return notFound(
      `The articles report no meeting${asked.length ? ` ${asked.join(' ')}` : ''}.`,
      closestMeetings(engine),
    );
  }
  const ordered = orderClaim(engine, question, u, meetings);
  if (ordered) return ordered;
  const answer = answerWhenWhere(engine, 'when', question, { u, meetings, events: [], best: 'meetings' });
  return { ...answer, text: `Yes, according to the articles:\n${answer.text}` };
}

/**
 * "Was Sochi their first meeting?", "was the Sochi meeting their first?": the first (or last) of
 * every meeting the articles report, not of those in Sochi. The earliest they report is still no
 * first meeting they state (they call Sochi the 13th), so it is never a plain "Yes".
 */
function orderClaim(
  engine: Engine,
  question: string,
  u: Understanding,
  named = namedMeetings(engine, u),
): Reply | undefined {
  const { order } = u.dates;
  if (!order || !named.length || ordersTheirThing(engine, question)) return undefined;
  const other = otherOrder(engine, u, named);
  if (other) return other;
  const answer = answerWhenWhere(engine, 'when', question, {
    u,
    meetings: [...named],
    events: [],
    best: 'meetings',
  });
  const [earliest, before] = order === 'first' ? ['earliest', 'before'] : ['latest', 'after'];
  return {
    ...answer,
    text: `Of the meetings the articles report, it is the ${earliest}; they don't say whether there were others ${before} it:\n${answer.text}`,
  };
}

/**
 * Whether the question's order word is one the articles put before its next word themselves:
 * "the latest barrage of rockets" orders barrages, as the article does, not meetings.
 */
function ordersTheirThing(engine: Engine, question: string): boolean {
  const words = passageTerms(question);
  const { index, passages } = engine.passages;
  return words.some((word, i) => {
    const next = words[i + 1];
    if (!next || !ORDER_WORD.test(word)) return false;
    // Only the sentences holding both words are read: "meeting" alone is in thousands.
    const holdingWord = new Set(index.holding(word));
    return [...index.holding(next)].some((k) => {
      if (!holdingWord.has(k)) return false;
      const said = passageTerms(passages[k]?.text ?? '');
      return said.some((w, j) => w === word && said[j + 1] === next);
    });
  });
}

/** The meetings at the places a question names, if it names any, at its date. */
function placedMeetings(engine: Engine, u: Understanding): readonly Meeting[] {
  const places = engine.meetingPlaces(u.places);
  return places.length ? engine.filterMeetings({ places, dates: u.dates }) : [];
}

/**
 * "Was Sochi their first meeting?": the first (or last) of every meeting the articles report,
 * not of those in Sochi. "No", with the one it was, when the claim's meetings do not hold it.
 */
function otherOrder(engine: Engine, u: Understanding, meetings: readonly Meeting[]): Reply | undefined {
  const { order } = u.dates;
  if (!order) return undefined;
  const happened = engine.kb.meetings.filter((m) => m.kind !== 'planned');
  const pick = order === 'first' ? earliest(happened) : latest(happened);
  if (!pick || meetings.includes(pick)) return undefined;
  const asked = meetings.filter((m) => m.kind !== 'planned').slice(0, 3);
  const line = (m: Meeting) =>
    `- **${meetingTitle(engine.kb, m)}** — ${whereLine(engine, m)}, ${datedLabel(m.date)}`;
  const text = `No: the ${order === 'first' ? 'earliest' : 'latest'} meeting the articles report is\n${line(pick)}\nThe one the question names:\n${asked.map(line).join('\n')}`;
  const cited = citeSources(
    engine.kb,
    [pick, ...asked].flatMap((m) => m.sources),
  );
  // What the named meeting's article says of its place among their meetings ("the 13th meeting").
  const numbered = numberingSentences(engine, asked);
  if (!numbered.length) return reply({ title: 'Not quite', text, citations: cited });
  const quoted = quoting(engine, numbered, cited);
  return reply({
    title: 'Not quite',
    text: `${text}\nHow its article numbers it:\n${quoted.text}`,
    citations: quoted.citations,
  });
}

/** The sentences of the meetings' own articles that number them among all ("the 13th meeting between the two men"). */
function numberingSentences(engine: Engine, meetings: readonly Meeting[]): Found[] {
  const sources = new Set(meetings.flatMap((m) => m.sources));
  const forms = new Set(['meeting', ...engine.sense.formsOf('meeting')]);
  const { passages } = engine.passages;
  return countingSentences(engine, forms, true)
    .map((at) => passages[at] as Passage)
    .filter((p) => sources.has(p.source.id))
    .slice(0, 1)
    .map((passage) => ({ passage, score: 0, matched: 0, groups: 0 }));
}

/** The meeting or event a claim is about, when it is reported by the sentence that states the claim. */
function recordOf(engine: Engine, question: string, support: Found): Reply | undefined {
  const targets = findTargets(engine, question);
  const records =
    targets.best === 'meetings' ? targets.meetings : targets.best === 'events' ? targets.events : [];
  const [only, other] = records;
  if (!only || other || !only.sources.includes(support.passage.source.id)) return undefined;
  return answerWhenWhere(engine, 'when', question, targets);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The claim with the names typed wrong put right ("puttin" → putin), for the checks that read its words. */
function corrected(claim: string, u: Understanding): string {
  return u.corrections.reduce(
    (text, [typed, meant]) =>
      text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(typed)}(?![\\p{L}\\p{N}])`, 'giu'), meant),
    claim,
  );
}

/**
 * The claim a yes/no question makes, without the English that frames it: "is it true that …",
 * "…, right?", "according to …" ask whether something is so; they are not part of it.
 */
export function claimOf(question: string): string {
  return (
    question
      // "Is it true that …", and as typed without its "it" ("is true that …").
      .replace(/^\s*(is|isn't|isnt) (it )?(true|right|correct|so) (that )?/i, '')
      .replace(/,?\s*\b(?:(?:is|isn't|isnt) (?:it|that) )?(right|correct|true|yes|yeah|no)\s*[?!.]*\s*$/i, '')
      // "… or is that a rumor?", "… or not?": the other side of the same question, not a claim.
      .replace(
        /,?\s*\bor\s+(?:not|no|(?:is|was|are|were)\s+(?:that|it|this|they)\b[^?!.]*)\s*[?!.]*\s*$/i,
        '',
      )
      // "… according to Ya'alon": the one who says it, who says it before the claim, not in it.
      .replace(/^(.*?),?\s*\baccording to\s+([^,?!.]+)[?!.]*\s*$/i, '$2 $1')
      .replace(/\baccording to\b/gi, '')
  );
}

/** A number or ordinal as the articles write it (13th, 25), not a year. */
const isCount = (t: string) => /^\d+(st|nd|rd|th)?$/.test(t) && !/^(1[89]|20)\d\d$/.test(t);

export interface NumberPremise {
  /** What the question said ("10th meeting") and what the sentence says instead ("13th meeting"). */
  asked: string;
  said: string;
  found: Found;
}

/**
 * Which sentences hold a count (a number that is no year), as ordinals (bit 2) or not (bit 1):
 * read once per index from its terms, so that a question with a number reads only those.
 */
const countMarks = new WeakMap<Engine, Uint8Array>();

function countsHeld(engine: Engine): Uint8Array {
  let marks = countMarks.get(engine);
  if (!marks) {
    const { index } = engine.passages;
    marks = new Uint8Array(index.size);
    for (const term of index.terms()) {
      if (!isCount(term)) continue;
      const bit = /\D$/.test(term) ? 2 : 1;
      for (const id of index.holding(term)) marks[id] = (marks[id] as number) | bit;
    }
    countMarks.set(engine, marks);
  }
  return marks;
}

/** Index terms the lexicon does not hold (none when it was made from the same texts), by lemma. */
const outsiderCache = new WeakMap<Engine, Map<string, string[]>>();

function outsidersByLemma(engine: Engine): Map<string, string[]> {
  let byLemma = outsiderCache.get(engine);
  if (!byLemma) {
    byLemma = new Map();
    for (const term of engine.passages.index.terms()) {
      if (engine.sense.inCorpus(term)) continue;
      const lemma = engine.sense.lemma(term);
      byLemma.set(lemma, [...(byLemma.get(lemma) ?? []), term]);
    }
    outsiderCache.set(engine, byLemma);
  }
  return byLemma;
}

/**
 * The sentences, in order, that hold a count of the kind (ordinal or not) and a term that is one
 * of `forms` or has its lemma among them: the only ones that can number the noun.
 */
function countingSentences(engine: Engine, forms: ReadonlySet<string>, ordinal: boolean): number[] {
  const { index } = engine.passages;
  const terms = new Set<string>();
  for (const form of forms) {
    for (const term of [form, ...engine.sense.formsOf(form), ...(outsidersByLemma(engine).get(form) ?? [])])
      if (index.has(term)) terms.add(term);
  }
  const marks = countsHeld(engine);
  const bit = ordinal ? 2 : 1;
  const ids = new Set<number>();
  for (const term of terms)
    for (const id of index.holding(term)) if ((marks[id] as number) & bit) ids.add(id);
  return [...ids].sort((a, b) => a - b);
}

/** Where one clause of a typed message ends and the next begins. */
const CLAUSE_BREAK = /[,;:?!]|\s[-–—]\s/;

/**
 * A number the question gives before a noun ("their 10th meeting", "50 yrs") that a sentence on
 * the same subject gives otherwise before the same noun ("the 13th meeting", "25 years"), when no
 * sentence gives the question's own number there.
 */
function otherNumber(engine: Engine, question: string, u: Understanding): NumberPremise | undefined {
  const asked = passageTerms(question);
  const { passages, index } = engine.passages;
  for (const [i, number] of asked.entries()) {
    const noun = asked[i + 1];
    // "Their first meeting" picks the earliest of some, whichever number it had overall.
    if (!isCount(number) || number === '1st' || !noun || isFunctionWord(noun)) continue;
    const forms = new Set([
      noun,
      engine.sense.lemma(noun),
      ...engine.sense
        .expand(noun)
        .filter((e) => e.weight >= EXPANSION_WEIGHTS.correction * 2)
        .map((e) => e.term),
    ]);
    const ordinal = /\D$/.test(number);
    const candidates = countingSentences(engine, forms, ordinal);
    const isCandidate = new Set(candidates);
    const read = new Map<Passage, readonly string[]>();
    // The number said before the noun in a sentence, with the noun as it says it, when it is a
    // number of the same kind.
    const before = (p: Passage) => {
      let said = read.get(p);
      if (!said) {
        said = passageTerms(p.text);
        read.set(p, said);
      }
      return said.flatMap((t, j) => {
        const next = said[j + 1] ?? '';
        return isCount(t) &&
          /\D$/.test(t) === ordinal &&
          (forms.has(next) || forms.has(engine.sense.lemma(next)))
          ? [`${t} ${next}`]
          : [];
      });
    };
    const saysOwn = (at: number) =>
      index.holds(number, at) && before(passages[at] as Passage).some((n) => n.startsWith(`${number} `));
    if (candidates.some(saysOwn)) continue;
    // The best sentence that numbers the noun, else any that does and is about the names asked.
    const numbers = (at: number) => isCandidate.has(at) && before(passages[at] as Passage).length > 0;
    const numbering = (text: string, understood: Understanding): Found | undefined => {
      const terms = questionTerms(engine, text, understood);
      // Only a question that names what it is about (Sochi, Moscow, a person) says which
      // sentence numbers the same thing.
      const named =
        understood.places.length > 0 ||
        understood.meetings.length > 0 ||
        terms.kinds.some((kind) => kind === 'name' || kind === 'person');
      if (!named) return undefined;
      const [best] = findPassages(engine, terms, 1, { accepts: numbers, among: candidates });
      if (best && coversNames(engine, terms, best)) return best;
      for (const at of candidates) {
        const f = { passage: passages[at] as Passage, score: 0, matched: 0, groups: 0 };
        if (before(f.passage).length && coversNames(engine, terms, f)) return f;
      }
      return undefined;
    };
    // The clause that gives the number says what it numbers ("…, what did they say about the
    // next 50" asks after it), unless the others name it ("their 10th meeting, the Sochi one").
    const clause = question.split(CLAUSE_BREAK).find((part) => {
      const words = passageTerms(part);
      return words.some((w, j) => w === number && words[j + 1] === noun);
    });
    const found =
      (clause && clause !== question ? numbering(clause, engine.understand(clause)) : undefined) ??
      numbering(question, u);
    const said = found && before(found.passage)[0];
    if (found && said) return { asked: `${number} ${noun}`, said, found };
  }
  return undefined;
}

/**
 * "No: the articles say 13th meeting, not 10th meeting", with the sentence that says it, when the
 * question gives a number that a sentence on the same subject gives otherwise.
 */
export function numberCorrection(
  engine: Engine,
  question: string,
  u: Understanding,
  lead: string,
): Reply | undefined {
  const premise = otherNumber(engine, claimOf(question), u);
  return premise && numberReply(engine, premise, lead);
}

function numberReply(engine: Engine, premise: NumberPremise, lead: string): Reply {
  const quoted = quoting(engine, [premise.found]);
  return reply({
    title: 'Not quite',
    text: `${lead}: the articles say ${premise.said}, not ${premise.asked}:\n${quoted.text}`,
    citations: quoted.citations,
  });
}

/**
 * The premise of a why / how / what question checked like a claim: a sentence that says it
 * otherwise (the people on the other sides, another number or name in one detail), and that no
 * sentence states as asked, corrects it before anything is answered from it.
 */
export function premiseCorrection(engine: Engine, question: string, u: Understanding): Reply | undefined {
  // Only two people (who may stand the wrong way round) or a detail a sentence can give otherwise
  // make a contradiction possible; most questions have neither, and skip the search.
  const people = new Set(passageTerms(question).map((w) => personIds(engine).get(w)));
  people.delete(undefined);
  const terms = questionTerms(engine, question, u);
  if (terms.unknown.length) return undefined;
  const detail =
    u.dates.month !== undefined ||
    terms.kinds.some((kind, g) => kind === 'word' && slotOf(engine, terms.heads[g] ?? '') !== undefined);
  if (people.size < 2 && !detail) return undefined;
  const found = findPassages(engine, terms, 3);
  if (found.some((f) => states(engine, question, terms, f, u.dates.month, u.dates.year) === 'full'))
    return undefined;
  const otherwise = found.find((f) => contradicts(engine, question, terms, f, u.dates.month));
  if (!otherwise) return undefined;
  const quoted = quoting(engine, [otherwise]);
  return reply({
    title: 'Not quite',
    text: `Not quite: the articles tell it otherwise:\n${quoted.text}`,
    citations: quoted.citations,
  });
}

/**
 * A claim the question denies that a sentence states: "why did Putin say Israel's security wasn't
 * important" against "your statement that the security of Israel is important to you". A yes/no
 * question's own "not" ("did they not meet in Sochi?") asks the claim; only one said of what
 * someone said, after the verb of saying, denies it.
 */
export function deniedClaim(
  engine: Engine,
  question: string,
  u: Understanding,
  lead = 'Not quite',
): Reply | undefined {
  const asked = passageTerms(question);
  const saying = asked.findIndex((w) => !isFunctionWord(w) && engine.sense.isSaying(w));
  if (lead === 'No' && saying < 0) return undefined;
  // A verb denied ("wasn't important", "never visited"), not a thing set aside ("not the climate one").
  const denied = (w: string, i: number) =>
    w === 'never' ||
    (w === 'not' && AUXILIARY.test(asked[saying + i] ?? '') && !inTag(asked, saying + 1 + i));
  if (!asked.slice(saying + 1).some(denied)) return undefined;
  // What was said is checked on its own: "your statement that the security of Israel is
  // important to you" says what Putin said, in Netanyahu's words.
  const said = saying < 0 ? question : question.slice(saidAfter(question, asked[saying] as string));
  const claim = said.replace(/\b(?:not|never|no)\b|n[’']t\b/giu, ' ');
  const terms = questionTerms(engine, claim, u);
  if (terms.unknown.length) return undefined;
  const stated = findPassages(engine, terms, 3).find(
    (f) => !denies(f.passage.text) && states(engine, claim, terms, f, u.dates.month, u.dates.year) === 'full',
  );
  if (!stated) return undefined;
  const quoted = quoting(engine, [stated]);
  return reply({
    title: 'Not quite',
    text: `${lead}: the articles say it is so:\n${quoted.text}`,
    citations: quoted.citations,
  });
}

/** Where in the question what follows its verb of saying starts. */
function saidAfter(question: string, verb: string): number {
  const at = new RegExp(`\\b${verb}\\b`, 'iu').exec(question);
  return at ? at.index + at[0].length : 0;
}

/**
 * A claim that puts something on a weekday or at a part of the day ("in the morning", "on a
 * Friday") checked against the sentence on the rest of it that names one: "No" when it names
 * another, with the sentence. "In the morning or at night?" offers two, and neither may be it.
 */
function timeOfDayCorrection(engine: Engine, question: string): Reply | undefined {
  const words = passageTerms(question);
  const claimed = words.filter((w) => timesOfDay().has(w));
  if (!claimed.length) return undefined;
  // Asked as "when …", the rest of the claim finds the sentences that give its time.
  const rest = `when ${words.filter((w) => !timesOfDay().has(w)).join(' ')}`;
  const terms = questionTerms(engine, rest, engine.understand(rest), { described: true });
  const [timed] = findPassages(engine, terms, 3).filter(
    (f) => coversNames(engine, terms, f) && passageTerms(f.passage.text).some((t) => timesOfDay().has(t)),
  );
  if (!timed || passageTerms(timed.passage.text).some((t) => claimed.includes(t))) return undefined;
  const quoted = quoting(engine, [timed]);
  return reply({
    title: 'Not quite',
    text: `${claimed.length > 1 ? 'Neither: the articles say' : 'No: the articles say otherwise'}:\n${quoted.text}`,
    citations: quoted.citations,
  });
}

/** A claim put at a place or meeting: the sentences that state the rest of it, and where it was put. */
interface Placed {
  stated: Found[];
  named: (Place | Meeting)[];
  /** The meetings held where, or when, the claim puts it. */
  at: Set<string>;
  /** The question's words that put it there. */
  placing: Set<string>;
}

/**
 * The sentences that state a claim but for where the question puts it ("why did Netanyahu leave
 * Sochi abruptly" → "abruptly left Paris"), or undefined when it puts it nowhere or too little
 * is left to state.
 */
function placedClaim(engine: Engine, asked: string, u: Understanding): Placed | undefined {
  // The router asks it twice of one question: whether to correct, and whether it is stated there.
  const read = placedCache.get(u) ?? new Map<string, Placed | undefined>();
  placedCache.set(u, read);
  if (!read.has(asked)) read.set(asked, readPlacedClaim(engine, asked, u));
  return read.get(asked);
}

const placedCache = new WeakMap<Understanding, Map<string, Placed | undefined>>();

function readPlacedClaim(engine: Engine, asked: string, u: Understanding): Placed | undefined {
  const places = engine.meetingPlaces(u.places.filter((p) => p.kind !== 'country'));
  // A meeting named by where or at what it was ("the Sochi meeting", "the climate conference"),
  // not by what it was about ("the Leningrad memorial"), puts the claim somewhere.
  const meetings = u.meetings.filter((m) => {
    const where = passageTerms(
      [
        ...engine.placeChain(m.place).map((id) => engine.kb.place(id)?.name ?? ''),
        m.occasion?.label ?? '',
        ...(m.occasion?.aliases ?? []),
      ].join(' '),
    );
    return (u.spelled.get(m) ?? []).some((w) => where.includes(w));
  });
  // Or by its date alone ("at their 2012 meeting"), where one meeting was held then.
  const dated =
    places.length || meetings.length || !hasDateFilter(u.dates)
      ? []
      : engine.filterMeetings({ dates: u.dates });
  const named = [...places, ...meetings, ...(dated.length === 1 ? dated : [])];
  if (!named.length) return undefined;
  const at = new Set([
    ...meetings.map((m) => m.id),
    ...dated.map((m) => m.id),
    ...places.flatMap((p) => engine.catalogue.meetingsAt(p.id).map((m) => m.id)),
  ]);
  // The claim without the words that put it there.
  const placing = new Set(named.flatMap((record) => u.spelled.get(record) ?? []));
  const kept: string[] = [];
  for (const w of passageTerms(claimOf(dated.length ? u.dates.rest : asked))) {
    // How or when it was done ("early", "abruptly") does not say which thing it was.
    if (engine.sense.isAdverb(w)) continue;
    if (!placing.has(w)) kept.push(w);
    // "… in Moscow": the word that put it there goes with the place.
    else while (kept.length && engine.sense.isRelationWord(kept[kept.length - 1] as string)) kept.pop();
  }
  const rest = kept.join(' ');
  const restU = engine.understand(rest);
  const terms = questionTerms(engine, rest, restU);
  // Two things at least must be left to state: one word ("which part") is stated anywhere. Who
  // said it is one, when the claim is of saying ("what did Putin say about Hanukkah").
  const saying =
    claimSubject(engine, rest) !== undefined &&
    passageTerms(rest).some((w) => !isFunctionWord(w) && engine.sense.isSaying(w));
  const names = terms.kinds.filter((kind) => kind === 'name').length;
  const content = names + terms.kinds.filter((kind) => kind === 'word').length + (saying && names ? 1 : 0);
  if (terms.unknown.length || content < 2) return undefined;
  // The date goes with the place: it is the meeting's, which the articles do not tell it of.
  // A line about the page (a photo credit) tells of no meeting: it places nothing elsewhere.
  const stated = findPassages(engine, terms, 3).filter(
    (f) => !f.passage.role && states(engine, rest, terms, f, undefined, undefined) === 'full',
  );
  return { stated, named, at, placing };
}

/** A sentence that states the claim and names the place the question puts it at itself ("… meet their counterparts in Moscow"). */
export function statedWhereAsked(engine: Engine, asked: string, u: Understanding): Found | undefined {
  const placed = placedClaim(engine, asked, u);
  return placed?.stated.find((f) => namesWhere(f, placed));
}

/** Whether the sentence itself names where the question puts the claim ("… in Moscow"). */
const namesWhere = (f: Found, placed: Placed) =>
  passageTerms(f.passage.text).some((w) => placed.placing.has(w));

/**
 * A claim or premise put at a meeting or place whose articles never state it, that a sentence
 * states of another meeting ("why did Netanyahu leave Sochi abruptly to deal with the rockets":
 * he left Paris): "Not quite", with the meeting the articles tell it of and the sentence.
 */
export function placeCorrection(
  engine: Engine,
  asked: string,
  u: Understanding,
  lead = 'Not quite',
): Reply | undefined {
  const placed = placedClaim(engine, asked, u);
  if (!placed) return undefined;
  const { stated, named, at } = placed;
  const reportedIn = (f: Found) =>
    engine.catalogue.meetingsFrom(f.passage.source.id).filter((m) => m.kind === 'reported');
  // Stated in an article about where the question puts it, a visit it announces included: nothing
  // to correct; so is a sentence that names the place itself ("… their counterparts in Moscow").
  const about = (f: Found) => engine.catalogue.meetingsFrom(f.passage.source.id).some((m) => at.has(m.id));
  if (!stated.length || stated.some((f) => about(f) || namesWhere(f, placed))) return undefined;
  const [elsewhere] = stated.filter((f) => reportedIn(f).length === 1);
  const [meeting] = elsewhere ? reportedIn(elsewhere) : [];
  if (!elsewhere || !meeting) return undefined;
  const quoted = quoting(engine, [elsewhere]);
  const where = listWords(named.map((r) => ('name' in r ? r.name : meetingTitle(engine.kb, r))));
  return reply({
    title: 'Not quite',
    text: `${lead}: the articles tell it of ${meetingTitle(engine.kb, meeting)}${meeting.occasion ? ` (${meeting.occasion.label})` : ''}, not ${where}:\n${quoted.text}`,
    citations: quoted.citations,
  });
}

/** How many words before a name its title may take ("Israeli Defense Minister Sergei Shoigu"). */
const TITLE_REACH = 4;

/**
 * A person named with another country's title ("Israeli Defense Minister Sergei Shoigu"): the
 * role the records give them, and the question without the country word, to answer as meant.
 * The title is the nouns and adjectives just before the name; a verb ends it ("did the Israeli
 * PM meet Shoigu" gives Shoigu none).
 */
export function roleCorrection(
  engine: Engine,
  question: string,
  u: Understanding,
): { note: string; question: string } | undefined {
  const words = passageTerms(question);
  const clauses = clausesOf(question, words);
  for (const person of u.people) {
    const spelled = new Set(u.spelled.get(person) ?? []);
    const at = words.findIndex((w) => spelled.has(w));
    const roles = new Set(
      passageTerms(person.role)
        .map((w) => countryOf(engine, w))
        .filter(Boolean),
    );
    if (at < 0 || !roles.size) continue;
    const title: number[] = [];
    for (let i = at - 1; i >= Math.max(0, at - TITLE_REACH); i--) {
      const word = words[i] as string;
      const part = engine.sense.partOfSpeech(word);
      // A title stands in the name's own clause: "in Syria, Netanyahu met …" gives him none.
      if (part === 'verb' || part === 'function' || personIds(engine).has(word) || clauses[i] !== clauses[at])
        break;
      title.push(i);
      const country = countryOf(engine, word);
      if (!country || roles.has(country)) continue;
      const named = engine.kb.place(country)?.name ?? word;
      return {
        note: `the articles name ${person.name} ${person.role}, not of ${named}.`,
        question: words.filter((_, j) => j !== i).join(' '),
      };
    }
    const office = otherOffice(
      engine,
      person,
      title.map((i) => words[i] as string),
    );
    if (office)
      return {
        note: `the articles name ${person.name} ${person.role}, not ${office}.`,
        question: words
          .filter((w, j) => !(title.includes(j) && !passageTerms(person.role).includes(w)))
          .join(' '),
      };
  }
  return undefined;
}

/**
 * For each of the question's words (as `passageTerms` gives them), the number of the clause it
 * stands in, clauses being what commas, colons, brackets and dashes set apart; all in one clause
 * when the words of the parts are not the words of the whole.
 */
function clausesOf(question: string, words: readonly string[]): number[] {
  const parts = question.split(/[,;:()]|\s[-–—]\s/).map((part) => passageTerms(part));
  const numbered = parts.flatMap((part, k) => part.map(() => k));
  return numbered.length === words.length ? numbered : words.map(() => 0);
}

/**
 * The office a title gives a person when it is another of the same kind: "foreign minister" of
 * a Defense Minister, the noun of the records' role with a word the role does not have (in any
 * spelling: "defence" is "defense").
 */
function otherOffice(engine: Engine, person: Person, title: readonly string[]): string | undefined {
  const role = new Set(passageTerms(person.role));
  const inRole = (w: string) =>
    role.has(w) ||
    engine.sense.expand(w).some((e) => e.weight >= EXPANSION_WEIGHTS.sameLemma && role.has(e.term));
  const noun = title.find((w) => inRole(w) && engine.sense.partOfSpeech(w) === 'noun');
  const other = title.find((w) => !inRole(w) && !countryOf(engine, w) && engine.sense.isEnglish(w));
  return noun && other ? `${other} ${noun}` : undefined;
}

/** English's modals and adverbs of possibility: what they govern may or may not come to be. */
const POSSIBLY = /^(?:might|may|could|possibly|perhaps|maybe)$/;
/** How far after a modal its verb may stand ("might also dedicate", "might do that"). */
const MODAL_REACH = 3;

/**
 * A yes/no question whose action a sentence gives only as possible ("Putin said he might do that
 * as well"): a claim that it was promised or certain is not stated, and one that it may be is.
 * The modal governs the claim's own verb, or "do", English's stand-in for a verb said before.
 */
export function hedgedClaim(engine: Engine, question: string, u: Understanding): Reply | undefined {
  const terms = questionTerms(engine, question, u, { described: true });
  const claimed = new Set(
    terms.groups.flatMap((group, g) =>
      terms.kinds[g] === 'word' ? group.filter((t) => t.weight >= STATED).map((t) => t.term) : [],
    ),
  );
  const governs = (word: string) => engine.sense.lemma(word) === 'do' || claimed.has(word);
  // Whoever the claim has doing it is the one the sentence names last before its modal ("…
  // a plan for Putin …; Putin said he might"): "did Netanyahu say he might" is no claim of his.
  const ids = personIds(engine);
  const person = (words: readonly string[]) => words.map((w) => ids.get(w)).filter(Boolean);
  const [doer] = person(passageTerms(u.corrected));
  // The sentence that best says the claim: another one's modal is about something else.
  const [hedged] = findPassages(engine, terms, 1).filter((f) => {
    if (!coversNames(engine, terms, f)) return false;
    // Case decides "may" (the month is May); the words after it are folded as the question's are.
    const words = f.passage.text.split(/[^\p{L}'’]+/u);
    return words.some(
      (w, i) =>
        POSSIBLY.test(w) &&
        words.slice(i + 1, i + 1 + MODAL_REACH).some((next) => passageTerms(next).some(governs)) &&
        (!doer || person(passageTerms(words.slice(0, i).join(' '))).at(-1) === doer),
    );
  });
  if (!hedged) return undefined;
  const asksPossible = passageTerms(question).some((w) => POSSIBLY.test(w));
  const quoted = quoting(engine, [hedged]);
  return reply({
    title: 'From the articles',
    text: `${asksPossible ? 'Yes, as a possibility' : 'Not for certain: the articles give it only as possible'}:\n${quoted.text}`,
    citations: quoted.citations,
  });
}

/**
 * "Was the Sochi meeting in the morning or evening?", "was the tour before or after the talks?"
 * ask which: each claim checked on its own, the one a sentence states is the answer. Undefined
 * when the question offers no two words of a kind to choose from, or a sentence states neither
 * or both.
 */
function alternativeClaim(engine: Engine, question: string, lead?: Reply): Reply | undefined {
  const offered = /^(.*?)(\S+) or (\S+)(.*?)[?!.]*\s*$/iu.exec(question.trim());
  if (!offered) return undefined;
  const [, before = '', first = '', second = '', after = ''] = offered;
  if (isFunctionWord(foldForSearch(first)) !== isFunctionWord(foldForSearch(second))) return undefined;
  const answers = [first, second].map((choice) => {
    const claim = `${before}${choice}${after}`;
    return { choice, reply: answerClaim(engine, claim, engine.understand(claim), lead) };
  });
  const stated = answers.filter((a) => /^Yes\b/.test(a.reply.text));
  const [only] = stated;
  if (stated.length !== 1 || !only) return undefined;
  // The word as typed, without anything Markdown or Discord would read.
  const word = only.choice.replace(/[^\p{L}\p{N}'’-]/gu, '');
  return {
    ...only.reply,
    text: only.reply.text.replace(/^Yes\b/, word.charAt(0).toUpperCase() + word.slice(1)),
  };
}

/**
 * A yes/no claim checked against the articles: "Yes" only when a sentence states it, "No" when the
 * records put its meeting elsewhere or at another time, otherwise "the articles don't say".
 */
export function answerClaim(
  engine: Engine,
  asked: string,
  u: Understanding,
  lead?: Reply,
  /** The answer when no sentence states the claim or says it otherwise. */
  unsupported?: Reply,
): Reply {
  const chosen = alternativeClaim(engine, claimOf(asked), lead);
  if (chosen) return chosen;
  // Two records put in order ("Sochi before the Moscow talks") are two places, not one meeting's.
  const between = orderBetween(engine, claimOf(asked));
  if (between) return between;
  const conflict = premiseConflict(engine, u);
  if (conflict) return correction(engine, conflict);
  const question = corrected(claimOf(asked), u);
  const ordered = orderClaim(engine, question, u);
  if (ordered) return ordered;
  const number = otherNumber(engine, question, u);
  if (number) return numberReply(engine, number, 'No');
  const time = timeOfDayCorrection(engine, question);
  if (time) return time;
  const moved =
    placeCorrection(engine, question, u, 'No') ??
    speakerCorrection(engine, question, u, 'No') ??
    deniedClaim(engine, question, u, 'No');
  if (moved) return moved;
  const unmet = unmetPlace(engine, question, u) ?? personElsewhere(engine, question, u);
  if (unmet) return unmet;
  const terms = questionTerms(engine, question, u);
  // Only leaders, meeting places and dates: a claim about the meetings themselves.
  const places = new Set(
    engine.meetingPlaces(u.places).flatMap((p) => [p.name, ...p.aliases].flatMap((n) => searchTokens(n))),
  );
  const aboutMeetings = terms.kinds.every(
    (kind, g) =>
      kind === 'leader' || kind === 'date' || (terms.groups[g] ?? []).some((t) => places.has(t.term)),
  );
  // "Did Bibi show Putin around the Kremlin?": one leader doing something to the other that no
  // word of the claim names for a search (show, give, let) is no meeting, and nothing checks it.
  // A hidden action with nothing else to check ("did Bibi show Putin around the Kremlin") is no
  // meeting claim, and no sentence can confirm it.
  const unconfirmable =
    (aboutMeetings && hiddenAction(engine, question)) || oneOnBothSides(engine, u.corrected);
  if (aboutMeetings && !unconfirmable && !terms.unknown.length) return meetingClaim(engine, question, u);
  const found = findPassages(engine, terms, 3);
  // Each sentence as its hearer takes it, read once for both checks below.
  const heard = new Map(found.map((f) => [f, addressed(engine, f)]));
  const as = (f: Found) => heard.get(f) ?? f;
  const judged = found.map((f) => ({
    f,
    support: states(engine, question, terms, as(f), u.dates.month, u.dates.year),
  }));
  const full = judged.find((j) => j.support === 'full')?.f;
  const partial = judged.find((j) => j.support === 'partial')?.f;
  // Words the articles never use, or only as a guess at a typo, cannot be checked: the sentence
  // is shown, but not as a "Yes".
  const unchecked =
    terms.unknown.length > 0 || terms.groups.some((g) => Math.max(...g.map((t) => t.weight)) < 0.5);
  const support = unchecked || unconfirmable ? undefined : full;
  const otherwise = support
    ? undefined
    : found.find((f) => contradicts(engine, question, terms, as(f), u.dates.month));
  const opposed =
    support || otherwise
      ? undefined
      : (opposedBy(engine, question, terms, found) ?? negatedBy(engine, question, terms, found));
  if (opposed) {
    const quoted = quoting(engine, [opposed]);
    return reply({
      title: 'Not quite',
      text: `No: the articles say otherwise:\n${quoted.text}`,
      citations: quoted.citations,
    });
  }
  if (otherwise) {
    // What comes closest to the claim is shown too: "Turkey shot down a Russian jet on the border"
    // beside "Israel shooting down a Russian plane in Syria".
    const closest = partial && partial !== otherwise ? [partial] : [];
    const quoted = quoting(engine, [otherwise, ...closest]);
    return reply({
      title: 'Not quite',
      text: `No: the articles say otherwise:\n${quoted.text}`,
      citations: quoted.citations,
    });
  }
  if (unsupported && !support) return unsupported;
  if (!support && (full ?? partial)) {
    const quoted = quoting(engine, found);
    return reply({
      title: 'From the articles',
      text: `What the articles say:\n${quoted.text}`,
      citations: quoted.citations,
    });
  }
  if (support) {
    const rest = found.filter((f) => f !== support).slice(0, 1);
    const record = lead ?? recordOf(engine, question, support);
    const quoted = quoting(engine, [support, ...rest], record?.citations);
    return reply({
      title: 'From the articles',
      text: `Yes, according to the articles:\n${record ? `${record.text.replace(/^Yes\. /, '')}\n` : ''}${quoted.text}`,
      citations: quoted.citations,
    });
  }
  const quoted = quoting(engine, found.slice(0, 2));
  return reply({
    title: 'Not in the articles',
    text: `The articles don't say that.${found.length ? ` The closest they come:\n${quoted.text}` : ''}`,
    citations: quoted.citations,
  });
}

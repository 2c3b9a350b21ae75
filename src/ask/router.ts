import { personIds } from '../answers/actors.js';
import {
  unsaidClaimSubject,
  unsaidDoer,
  unsaidName,
  unsaidSubject,
  unsaidValue,
} from '../answers/answer-kind.js';
import {
  AUXILIARY,
  answerClaim,
  claimOf,
  correction,
  deniedClaim,
  deniesClaim,
  hedgedClaim,
  numberCorrection,
  placeCorrection,
  placedAtDate,
  premiseConflict,
  premiseCorrection,
  roleCorrection,
  speakerCorrection,
  statedWhereAsked,
  unrecordedYear,
  yearNotCovered,
} from '../answers/claims.js';
import {
  countedModifiers,
  countedWord,
  definedNumbers,
  enumerated,
  notCounted,
  numberSentences,
  OCCURRENCES,
  peopleByRole,
  statesCount,
} from '../answers/counts.js';
import {
  citeQuote,
  citeSource,
  citeSources,
  echo,
  formatDate,
  listWords,
  meetingTitle,
  plural,
} from '../answers/format.js';
import { type CommandSummary, helpReply } from '../answers/help.js';
import { breakdown, listMeetings } from '../answers/meeting-list.js';
import { meetingPlacesReply } from '../answers/meeting-places.js';
import { meetingDetail } from '../answers/meeting-view.js';
import {
  findPassages,
  groundedAnswer,
  groundedFrom,
  groundedSentences,
  notCovered,
  questionTerms,
  rankQuotes,
  saidBesideDetail,
  unsaidDetail,
  withPassages,
  withSentences,
} from '../answers/passages.js';
import { peopleAsked } from '../answers/people.js';
import { answerQuotes } from '../answers/quotes.js';
import { choose, type Reply, reply, usage } from '../answers/reply.js';
import { allSources, meetingSources, sourceCard } from '../answers/sources.js';
import { timeBetween } from '../answers/time-between.js';
import { allTopics, meetingTopics } from '../answers/topics.js';
import { closestMeetings, eventAsked, meetingSuggestions, notFound, quoteBlock } from '../answers/views.js';
import { answerWhenWhere } from '../answers/when-where.js';
import type { Engine, Understanding } from '../engine/engine.js';
import { findTargets } from '../engine/targets.js';
import type { Meeting, Quote } from '../knowledge/model.js';
import type { Person } from '../knowledge/schema.js';
import { EXPANSION_WEIGHTS } from '../language/index.js';
import { hasDateFilter } from '../search/dates.js';
import { searchWords } from '../search/text-index.js';
import { editDistance } from '../search/vocabulary.js';
import { foldForSearch } from '../text/normalise.js';
import { timelineAnswer } from '../timeline/reply.js';
import { detectIntent, type Intent } from './intents.js';
import { combineParts, questionParts, withContext } from './parts.js';

/** What a question is answered with besides the fact base: the commands (for help) and a page. */
export interface AskContext {
  commands: readonly CommandSummary[];
  /** 1-based page of a long list. */
  page?: number;
}

type Handler = (engine: Engine, question: string, u: Understanding, ctx: AskContext) => Reply;

/** Records a reply lists and cites at most: thousands would be cut off, and cost time to write out. */
const LISTED = 25;

/** The first `LISTED` distinct values of `key` over `items`. */
function firstDistinct<T>(items: readonly T[], key: (item: T) => string): string[] {
  const found = new Set<string>();
  for (const item of items) {
    if (found.size === LISTED) break;
    found.add(key(item));
  }
  return [...found];
}

/** The meetings a question narrows down to by place, date, person and topic. */
function narrowed(
  engine: Engine,
  u: Understanding,
  withTopics = true,
): { meetings: Meeting[]; filters: string[] } {
  const places = engine.meetingPlaces(u.places);
  const people = u.people.filter((p) => !engine.principals.has(p.id));
  const topics = withTopics ? u.topics : [];
  const meetings = engine.filterMeetings({
    places,
    people,
    topics,
    dates: u.dates,
    ...(u.meetings.length && { meetings: u.meetings }),
  });
  const filters = [
    ...places.map((p) => `in ${p.name}`),
    ...(u.dates.description ? [u.dates.description] : []),
    ...people.map((p) => `involving ${p.name}`),
    ...topics.map((t) => `about ${t.label}`),
  ];
  // "The Moscow press conference": of the meetings there, those held as the question says.
  const said = new Set(searchWords(u.question));
  const held = meetings.filter((m) => m.format.values.some((f) => f.split('-').every((w) => said.has(w))));
  return { meetings: held.length && held.length < meetings.length ? held : meetings, filters };
}

const hasNarrowing = (engine: Engine, u: Understanding) =>
  engine.meetingPlaces(u.places).length > 0 ||
  hasDateFilter(u.dates) ||
  u.meetings.length > 0 ||
  u.people.some((p) => !engine.principals.has(p.id));

function quotedSpeaker(engine: Engine, u: Understanding): Person | undefined {
  const quoted = u.people.filter((p) => engine.catalogue.quotesBy(p.id).length > 0);
  return speakerAsked(engine, u, quoted) ?? quoted[0];
}

/**
 * "What statement of Putin's did Netanyahu say he appreciated": the one named right before a
 * verb of saying speaks; another is what he speaks of.
 */
function speakerAsked(
  engine: Engine,
  u: Understanding,
  among: readonly Person[] = u.people,
): Person | undefined {
  const words = u.corrected.split(' ');
  return among.find((p) =>
    words.some((w, i) => u.spelled.get(p)?.includes(w) && engine.sense.isSaying(words[i + 1] ?? '')),
  );
}

/**
 * "What did Shoigu say": the articles don't quote him, and the sentences that speak of him
 * are what they report; another speaker's quotations would read as his.
 */
function unquoted(engine: Engine, question: string, u: Understanding): Reply | undefined {
  const asked = speakerAsked(engine, u);
  if (!asked || engine.catalogue.quotesBy(asked.id).length) return undefined;
  // Where nothing speaks of him with the rest of the question, what speaks of him at all.
  const found = groundedSentences(engine, question, u);
  const about = found.length ? found : groundedSentences(engine, asked.name, engine.understand(asked.name));
  const at = engine.catalogue.meetingsWith(asked.id).map((m) => meetingTitle(engine.kb, m));
  const lead = `The articles don't quote ${asked.name} at all.${at.length ? ` Where they place ${asked.name}: ${listWords(at)}.` : ''}`;
  return groundedFrom(engine, about, `${lead} What they report:`) ?? notFound(lead, closestMeetings(engine));
}

/** Words for a quote search: the question's words without the speaker's name or the places used as filters. */
function quoteSearchWords(engine: Engine, u: Understanding, speaker?: Person): string[] {
  const drop = new Set(
    [
      ...(speaker ? [speaker.name, ...speaker.aliases] : []),
      ...engine.meetingPlaces(u.places).flatMap((p) => [p.name, ...p.aliases]),
    ].flatMap((n) => searchWords(n)),
  );
  return searchWords(u.corrected).filter((w) => !drop.has(w));
}

/** The quote that best matches a question's words, when it matches at least half of them. */
function bestQuote(engine: Engine, u: Understanding): Quote | undefined {
  const words = quoteSearchWords(engine, u);
  const [top] = engine.quoteIndex.search(words, { limit: 1 }).hits;
  return top && words.length && top.matched >= Math.ceil(words.length / 2) ? top.item : undefined;
}

/** Who said it, who did it, or which article reports it: answered with the quotation itself. */
function fromQuote(lead: (engine: Engine, q: Quote) => string, title: string): Handler {
  return (engine, question, u) => {
    const q = bestQuote(engine, u);
    if (!q) {
      return notFound(
        `I can't find that in any quotation in the articles (${echo(question)}).`,
        [{ label: 'A random quote', command: '/quote' }],
        u.unknown,
      );
    }
    const speaker = q.speaker ? engine.kb.person(q.speaker)?.name : undefined;
    return reply({
      title,
      text: `${lead(engine, q)}\n${quoteBlock(engine, q, 3000)}`,
      citations: [citeQuote(engine.kb, q)],
      followUps: [
        ...(q.speaker ? [{ label: `More from ${speaker}`, command: `/quote speaker:${q.speaker}` }] : []),
        ...(q.meeting ? [{ label: 'The meeting', command: `/meeting query:${q.meeting}` }] : []),
      ],
    });
  };
}

const whoSaid = fromQuote((engine, q) => {
  const speaker = q.speaker ? engine.kb.person(q.speaker)?.name : undefined;
  return speaker ? `**${speaker}** said it.` : 'The article does not name the speaker.';
}, 'Who said it');

const whoDidQuote = fromQuote(() => 'The articles put it this way:', 'From the articles');

/** "Who shot down…", "Who proposed…": a related event tells it best; else the quotation that does. */
const whoDid: Handler = (engine, question, u, ctx) => {
  const targets = findTargets(engine, question);
  const [event] = targets.events;
  if (targets.best === 'events' && event) return eventAsked(engine, event, u);
  return whoDidQuote(engine, question, u, ctx);
};

const sourceOfQuote = fromQuote((engine, q) => {
  const source = engine.kb.source(q.source);
  // Who published it, or whose report it relays, is what "which outlet" asks: the source's notes say.
  return source
    ? `**${source.title}** reports it; published ${citeSource(source).published}.${source.notes ? ` ${source.notes}` : ''}`
    : 'Its source:';
}, 'Source');

const quotesAbout: Handler = (engine, question, asked, ctx) => {
  const silent = unquoted(engine, question, asked);
  if (silent) return silent;
  // What someone said about Israel or Russia was said wherever they were.
  const u = { ...asked, places: asked.settings };
  const speaker = quotedSpeaker(engine, u);
  const restricted = hasNarrowing(engine, u) ? narrowed(engine, u, false).meetings : undefined;
  const words = quoteSearchWords(engine, u, speaker);
  const search = (meetings?: Meeting[]) =>
    engine.findQuotes({ ...(speaker && { speaker }), ...(meetings && { meetings }), words });
  // A meeting named only by an occasion's alias may hold no quote on the subject: then search them
  // all. A place or a date, though, is a firm limit.
  const firm = engine.meetingPlaces(u.places).length > 0 || hasDateFilter(u.dates);
  const inMeetings = restricted ? search(restricted) : [];
  const widened = restricted !== undefined && inMeetings.length === 0 && !firm;
  const all = restricted && !widened ? inMeetings : search();
  // "What did Netanyahu say to Shoigu?": keep what was said to the other person named, if anything was.
  const others = new Set(u.people.filter((p) => p.id !== speaker?.id).map((p) => p.id));
  const addressed = others.size
    ? engine
        .findQuotes(speaker ? { speaker } : {})
        .filter((q) => q.addressee !== undefined && others.has(q.addressee))
    : [];
  // "What did Netanyahu say about his chat with Putin in Paris": the words may only tell the
  // occasion again, and "list every quote by Putin" asks for all of them. What the speaker said
  // there, or at all, is the answer.
  const everything = /\b(every|all|each|list)\b/.test(foldForSearch(question));
  const there =
    speaker && (restricted?.length || everything) && !addressed.length && !all.length
      ? engine.findQuotes({ speaker, ...(restricted && { meetings: restricted }) })
      : [];
  const listed = addressed.length ? addressed : all.length ? all : there;
  // The speaker's other quotations there are candidates too: the words may say them otherwise.
  const kept = restricted && !widened ? new Set(restricted.map((m) => m.id)) : undefined;
  const wanted = (q: Quote) =>
    words.length > 0 &&
    (!speaker || q.speaker === speaker.id) &&
    (!kept || (q.meeting !== undefined && kept.has(q.meeting)));
  const found = listed === addressed ? listed : rankQuotes(engine, question, u, listed, wanted);
  const [onlyMeeting] = restricted ?? [];
  return answerQuotes(engine, words.length && !found.length ? [] : found, {
    ...(speaker && { speaker }),
    ...(!widened && restricted?.length === 1 && onlyMeeting && { meeting: onlyMeeting }),
    ...(words.length && listed !== there && { query: words.join(' ') }),
    line: `/ask ${question}`,
    page: ctx.page ?? 1,
  });
};

const topicsOf: Handler = (engine, _question, u, ctx) => {
  // "What did they discuss about the memorial?" asks no yes or no.
  if (u.topics.length) return yesNoTopic(engine, u, '');
  if (!hasNarrowing(engine, u)) return allTopics(engine, ctx.page ?? 1);
  const { meetings } = narrowed(engine, u, false);
  const [only] = meetings;
  if (meetings.length === 1 && only) return meetingTopics(engine, only);
  if (meetings.length === 0)
    return notFound('The articles report no meeting that matches.', closestMeetings(engine), u.unknown);
  return choose(
    'Which meeting?',
    `${meetings.length} meetings match. Pick one to see its topics:`,
    meetingSuggestions(engine, meetings, true).map((s) => ({
      ...s,
      command: s.command.replace('/meeting query:', '/topics meeting:'),
    })),
  );
};

const count: Handler = (engine, question, u) => {
  const folded = foldForSearch(question);
  if (/\bhow many (quotes|quotations|statements)\b/.test(folded)) {
    const speaker = quotedSpeaker(engine, u);
    const quotes = speaker ? engine.catalogue.quotesBy(speaker.id) : engine.kb.quotes;
    const direct = quotes.filter((q) => q.kind === 'direct').length;
    return reply({
      title: 'How many quotes',
      text: `The articles hold **${plural(quotes.length, 'quotation')}**${speaker ? ` by ${speaker.name}` : ''}: ${direct} in the speaker's own words and ${quotes.length - direct} reported in paraphrase.`,
      citations: citeSources(
        engine.kb,
        firstDistinct(quotes, (q) => q.source),
      ),
      followUps: [{ label: 'A random quote', command: '/quote' }],
    });
  }
  if (/\bhow many (articles|sources)\b/.test(folded)) {
    return {
      ...allSources(engine),
      title: `${plural(engine.kb.sources.length, 'source article')}`,
    };
  }
  // "How many companies", "how many years": the sentences that state a number of them.
  const counted = countedWord(engine, question);
  const things = counted !== undefined && !OCCURRENCES.has(engine.sense.lemma(counted));
  if (things && namesPlaces(engine, counted))
    return meetingPlacesReply(engine, narrowed(engine, u).meetings, true);
  if (things) {
    const apart = timeBetween(engine, u, counted);
    if (apart) return apart;
    const described = countedModifiers(folded, counted);
    // People counted by what they are ("defense ministers"): the records' roles say it.
    const byRole =
      engine.sense.kind(counted) === 'person' ? peopleByRole(engine, counted, described) : undefined;
    if (byRole) return byRole;
    const stated = numberSentences(engine, question, u);
    const ofIt = stated.filter((f) => statesCount(engine, f, counted, described));
    const closest = groundedSentences(engine, question, u);
    return (
      groundedFrom(engine, ofIt, definedNumbers(engine, ofIt)) ??
      enumerated(engine, counted, closest) ??
      notCounted(engine, counted, closest)
    );
  }
  // Occurrences are meetings: the sentences that number the meetings.
  const stated = numberSentences(engine, question, u, [...OCCURRENCES]).filter((f) =>
    [...OCCURRENCES].some((w) => statesCount(engine, f, w)),
  );
  const { meetings, filters } = narrowed(engine, u);
  const answer = reply({
    title: 'How many meetings',
    text: meetings.length
      ? `The articles mention **${plural(meetings.length, 'meeting')}** and contacts between Netanyahu and Putin${filters.length ? ` ${filters.join(', ')}` : ''} ${breakdown(meetings)}.\nThey are not a complete record: only what these five articles report.`
      : `The articles mention no meeting ${filters.join(', ')}.`,
    // Each with its occasion: two meetings in one city are told apart by what brought them there.
    fields: meetings.slice(0, 10).map((m) => ({
      name: meetingTitle(engine.kb, m),
      value: [m.occasion?.label, m.kind].filter(Boolean).join(' · '),
      inline: true,
    })),
    citations: citeSources(
      engine.kb,
      meetings.slice(0, LISTED).flatMap((m) => m.sources),
    ),
    followUps: [{ label: 'List them', command: '/meetings' }],
  });
  // What the articles themselves count ("the 13th meeting between the two men").
  return stated.length && meetings.length ? withSentences(engine, answer, stated.slice(0, 3)) : answer;
};

const whoIs: Handler = (engine, question, u, ctx) => {
  const [person] = u.people;
  if (!person) return details(engine, question, u, ctx);
  const involved = engine.catalogue.meetingsWith(person.id);
  const took = involved.filter((m) => m.participants.includes(person.id));
  const connected = involved.filter((m) => !m.participants.includes(person.id));
  const events = engine.kb.events.filter((e) => e.people.includes(person.id));
  const quotes = engine.catalogue.quotesBy(person.id);
  const list = (name: string, lines: string[]) =>
    lines.length
      ? [
          {
            name: `${name} (${lines.length})`,
            value: lines
              .slice(0, 8)
              .map((l) => `- ${l}`)
              .join('\n'),
          },
        ]
      : [];
  return reply({
    title: person.name,
    text: `**${person.name}**: ${person.role} at the time of the articles.`,
    fields: [
      ...list(
        'Took part in',
        took.map((m) => meetingTitle(engine.kb, m)),
      ),
      ...list(
        'Connected with',
        connected.map((m) => meetingTitle(engine.kb, m)),
      ),
      ...list(
        'Appears in',
        events.map((e) => e.label),
      ),
      {
        name: 'Quoted',
        value: quotes.length ? plural(quotes.length, 'time') : 'not quoted in the articles',
        inline: true,
      },
    ],
    citations: citeSources(
      engine.kb,
      person.evidence.map((e) => e.source),
    ),
    followUps: quotes.length
      ? [{ label: `Quotes by ${person.name}`, command: `/quote speaker:${person.id}` }]
      : [],
  });
};

/** Whether a word names places in general ("cities", "venues"): a common noun WordNet files as a location. */
const namesPlaces = (engine: Engine, word: string) =>
  engine.sense.partOfSpeech(word) === 'noun' && engine.sense.kind(word) === 'location';

const listIntent: Handler = (engine, question, u, ctx) => {
  const { meetings, filters } = narrowed(engine, u);
  // "List every city they met in" asks for the places, not the meetings.
  if (u.corrected.split(' ').some((w) => namesPlaces(engine, w)))
    return meetingPlacesReply(engine, meetings, false);
  return listMeetings(engine, meetings, filters, `/ask ${question}`, ctx.page ?? 1);
};

/** The meetings the question's topics came up at; `lead` answers a yes/no question ("Yes. "). */
function yesNoTopic(engine: Engine, u: Understanding, lead = 'Yes. '): Reply {
  const topics = u.topics;
  const names = listWords(topics.map((t) => t.label));
  const { meetings } = narrowed(engine, u);
  const scope = narrowed(engine, u, false).filters;
  const within = scope.length ? ` ${scope.join(', ')}` : '';
  if (!meetings.length) {
    const anywhere = engine.kb.meetings.filter((m) => topics.every((t) => engine.topicsOf(m).has(t.id)));
    return notFound(
      `The articles don't report ${names} being discussed${within}.`,
      anywhere.length ? meetingSuggestions(engine, anywhere) : closestMeetings(engine),
      u.unknown,
      anywhere.length && scope.length ? `${names} did come up at the meetings below.` : undefined,
    );
  }
  return reply({
    title: `Discussed: ${names}`,
    text: `${lead}${names} came up${within} at ${plural(meetings.length, 'meeting')}:\n${meetings
      .slice(0, LISTED)
      .map((m) => `- ${meetingTitle(engine.kb, m)}`)
      .join('\n')}${meetings.length > LISTED ? `\n…and ${meetings.length - LISTED} more.` : ''}`,
    citations: citeSources(
      engine.kb,
      meetings.slice(0, LISTED).flatMap((m) => m.sources),
    ),
    followUps: topics.map((t) => ({
      label: `Meetings about ${t.label}`,
      command: `/meetings topic:${t.id}`,
    })),
  });
}

/**
 * A yes/no question: what was only announced is said to be so; anything else is a claim checked
 * against the sentences of the articles, with the topic's meetings as its lead when it asks
 * whether something was discussed.
 */
const yesNo: Handler = (engine, question, u) => {
  const hedged = hedgedClaim(engine, question, u);
  if (hedged) return hedged;
  const targets = findTargets(engine, question);
  const planned = targets.meetings.filter((m) => m.kind === 'planned');
  const onlyPlanned = planned.length === targets.meetings.length;
  // "Did Putin confirm he'd come …" asks what was said, which a sentence states: a claim.
  const planning = onlyPlanned || asksAhead(question, u);
  // "Did Putin never intend to come?" denies the plan: a claim, checked against the sentences.
  const denied = deniesClaim(claimOf(question));
  if (targets.best === 'meetings' && planned.length && planning && !asksSaid(question) && !denied) {
    const answer = answerWhenWhere(engine, 'when', question, { ...targets, meetings: planned });
    // "Is Putin planning to come?" asks after the plan, which the articles state; "did he come?"
    // after what came of it, which they do not.
    const lead = asksAhead(question, u)
      ? 'Yes, it was announced (no article reports whether it took place):'
      : "It was announced, but the articles don't say it took place:";
    return { ...answer, text: `${lead}\n${answer.text}` };
  }
  // Whether a topic came up is a record: a "no" from the records is the answer, unless a sentence
  // states the claim itself or says it otherwise ("Putin called for a free trade zone").
  const topic = u.topics.length ? yesNoTopic(engine, u) : undefined;
  return topic?.kind === 'not-found'
    ? answerClaim(engine, question, u, undefined, topic)
    : answerClaim(engine, question, u, topic);
};

const details: Handler = (engine, question, u, ctx) => {
  const targets = findTargets(engine, question);
  const [first, second] = targets.meetings;
  if (targets.best === 'meetings' && first && !second) {
    const detail = meetingDetail(engine, first);
    const later = targets.skippedPlanned;
    return later
      ? {
          ...detail,
          text: `${detail.text}\n_A later visit was announced for ${meetingTitle(engine.kb, later)}; no article says it took place._`,
        }
      : detail;
  }
  // Of several meetings at the place asked about, the one an article reports is what "the Moscow
  // visit" asks about: the others are only recalled, pictured or planned, and have nothing more
  // to tell. A month ("the September meeting") may mean any of its meetings.
  const reported = targets.meetings.filter((m) => m.kind === 'reported');
  const [only] = reported;
  if (targets.best === 'meetings' && u.places.length && reported.length === 1 && only) {
    const detail = meetingDetail(engine, only);
    const others = targets.meetings.filter((m) => m !== only).map((m) => meetingTitle(engine.kb, m));
    return {
      ...detail,
      text: `${detail.text}\n_The articles also mention ${listWords(others)}, in passing._`,
    };
  }
  if (targets.best === 'meetings' && first) {
    const { filters } = narrowed(engine, u);
    return listMeetings(engine, targets.meetings, filters, `/ask ${question}`, ctx.page ?? 1);
  }
  const [event] = targets.events;
  if (targets.best === 'events' && event) return eventAsked(engine, event, u);
  if (u.people.length) return whoIs(engine, question, { ...u }, ctx);
  if (u.topics.length) return yesNoTopic(engine, u);
  return notFound(
    `I can't find anything about ${echo(question)} in the articles.`,
    closestMeetings(engine),
    u.unknown,
  );
};

/** Words that make a question about what was still to come when the articles were written. */
const FUTURE =
  /\b(will|going to|next|upcoming|future|plan|plans|planned|planning|intend|intends|intending|scheduled)\b/;
/** Words said, quoted or reported after a verb of saying, are what was said, not what is asked. */
const QUOTED = /"[^"]*"|“[^”]*”|(^|\s)['‘][^'’]*['’](?=[\s?.,!]|$)/g;
const SAYING =
  /\b(say|says|said|tell|tells|told|announce|announced|confirm|confirmed|mention|mentioned)\b.*$/;

/** Whether a question asks whether something was said ("did Putin confirm he would come"). */
function asksSaid(question: string): boolean {
  return SAYING.test(foldForSearch(question.replace(QUOTED, ' ')));
}

/** Whether a question asks about what was still to come, as its own words put it. */
function asksAhead(question: string, u: Understanding): boolean {
  const asked = foldForSearch(question.replace(QUOTED, ' ')).replace(SAYING, '');
  // "Going to Israel" says where, not when: only "going to" before a verb is to come, or a
  // present "is … going to Israel", English's tense for what is arranged.
  const places = new Set(
    u.places.flatMap((p) => [p.name, ...p.aliases]).flatMap((n) => foldForSearch(n).split(' ')),
  );
  const arranged = /^(?:is|are|am)\b/.test(asked);
  return FUTURE.test(
    asked.replace(/\bgoing to (\S+)/g, (said, next: string) => (places.has(next) && !arranged ? '' : said)),
  );
}

/** The articles can only tell what was announced; say so, with the announcements. */
function upcoming(engine: Engine, question: string, u: Understanding): Reply {
  const latest = engine.catalogue.latestSource;
  const written = latest ? ` The latest article was published in ${formatDate(latest.published)}.` : '';
  const planned = narrowed(engine, u, false).meetings.filter((m) => m.kind === 'planned');
  if (!planned.length) {
    const none = `The articles announce no future meeting matching ${echo(question)}.${written}`;
    // What they say of one to come ("no future talks have been scheduled") answers it.
    const terms = questionTerms(engine, question, u, { described: true });
    const future = findPassages(engine, terms).filter((f) => FUTURE.test(foldForSearch(f.passage.text)));
    return (
      groundedFrom(
        engine,
        future,
        `The articles announce no such meeting still to come.${written} What they say of one:`,
      ) ?? notFound(none, closestMeetings(engine), u.unknown)
    );
  }
  const answer = answerWhenWhere(engine, 'when', question, {
    u,
    meetings: planned,
    events: [],
    best: 'meetings',
  });
  return {
    ...answer,
    text: `The articles can only say what was announced, not what happened later.${written}\n${answer.text}`,
  };
}

/** "What does the JNS article say?", "Who wrote the Sochi article?": the article's own card. */
const aboutSource: Handler = (engine, question, u, ctx) => {
  const words = searchWords(u.corrected);
  // The article a question describes is the one whose sentences it matches best ("the piece on
  // the Sochi talks", "the photo of them saying goodbye").
  const [described] = groundedSentences(engine, question, u);
  const [hit] = engine.search('source', words.join(' '), 1).hits;
  // A meeting that several articles report is asked after in all of them ("which outlet is cited
  // for the report on the climate conference talks"), unless the question names one.
  const targets = u.sources.length ? undefined : findTargets(engine, question);
  const [meeting, other] = targets?.best === 'meetings' ? targets.meetings : [];
  if (meeting && !other && meeting.sources.length > 1) return HANDLERS.sources(engine, question, u, ctx);
  const source = u.sources[0] ?? described?.passage.source ?? hit?.item;
  return source ? sourceCard(engine, source) : HANDLERS.sources(engine, question, u, ctx);
};

/** Intents that ask who said, did or wrote something: the records' quotes, events and sources tell it. */
const ATTRIBUTED: ReadonlySet<Intent> = new Set<Intent>(['who-said', 'who-did', 'about-source', 'sources']);

/** Intents whose answer is a meeting's place, date or card. */
const ASKS_MEETING: ReadonlySet<Intent> = new Set<Intent>(['when', 'where', 'details', 'unknown']);

/**
 * "Where was their meeting before the Paris climate one", "their last meeting before Sochi": the
 * meeting held next to the one named, before or after it, in the order of their dates. Calls by
 * telephone are held nowhere, and a planned visit is no meeting yet.
 */
function meetingBeside(engine: Engine, question: string, asked: Intent): Reply | undefined {
  // The meeting asked for comes right before the relation ("their meeting before", "did they
  // meet after"): "who did he see before Putin" or "the month before" ask for something else.
  const [, relation, rest] =
    foldForSearch(question).match(
      /\b(?:meeting|meetings|meetup|meet|met|summit|talks?)(?: \S+)? (before|after|prior to|following) (.+)$/,
    ) ?? [];
  if (!relation || !rest) return undefined;
  // Only the two leaders' meetings are in order: "when were the military officials to meet after
  // the climate conference" asks about others.
  const ids = personIds(engine);
  const others = foldForSearch(question)
    .split(' ')
    .some((w) => {
      const id = ids.get(w);
      return engine.sense.kind(w) === 'person' || (id !== undefined && !engine.principals.has(id));
    });
  if (others) return undefined;
  const named = findTargets(engine, rest);
  const [from, other] = named.meetings;
  if (named.best !== 'meetings' || !from || other) return undefined;
  // The fact base lists meetings newest first.
  const held = engine.kb.meetings.filter(
    (m) => m === from || (m.kind !== 'planned' && m.place && !m.place.unknown),
  );
  const at = held.indexOf(from);
  const side = relation === 'after' || relation === 'following' ? 'after' : 'before';
  const beside = side === 'after' ? held[at - 1] : held[at + 1];
  if (!beside) return undefined;
  const lead = `The meeting ${side} **${meetingTitle(engine.kb, from)}** that the articles report:`;
  const answer =
    asked === 'when' || asked === 'where'
      ? answerWhenWhere(engine, asked, question, {
          u: named.u,
          meetings: [beside],
          events: [],
          best: 'meetings',
        })
      : meetingDetail(engine, beside);
  return { ...answer, text: `${lead}\n${answer.text}` };
}

/** Questions whose wording may ask for people to be listed ("who else …", "which officials …"). */
const LISTS_PEOPLE: ReadonlySet<Intent> = new Set<Intent>(['unknown', 'list', 'who-is', 'details']);
/** Intents that answer a place and a date that fit no meeting together themselves. */
const ANSWERS_DATES: ReadonlySet<Intent> = new Set<Intent>(['help', 'when', 'where', 'timeline', 'yes-no']);

/** Intents whose question takes its facts as given ("why did …", "what did … say"). */
const PREMISED: ReadonlySet<Intent> = new Set<Intent>(['quote', 'topics', 'details', 'unknown']);

/** Intents whose structured answer is shown with the sentences that back it. */
const GROUNDED: ReadonlySet<Intent> = new Set<Intent>([
  'who-said',
  'who-did',
  'when',
  'where',
  'quote',
  'topics',
  'who-is',
  'yes-no',
  'details',
  'unknown',
  'list',
  'about-source',
]);

const HANDLERS: Record<Intent, Handler> = {
  help: (engine, _q, _u, ctx) => helpReply(engine, ctx.commands),
  'who-said': whoSaid,
  'who-did': whoDid,
  'about-source': aboutSource,
  count,
  when: (engine, question, u) =>
    asksAhead(question, u)
      ? upcoming(engine, question, u)
      : answerWhenWhere(engine, 'when', question, findTargets(engine, question)),
  where: (engine, question) => answerWhenWhere(engine, 'where', question, findTargets(engine, question)),
  sources: (engine, question, u, ctx) => {
    const { meetings } = narrowed(engine, u);
    const [only] = meetings;
    if (!hasNarrowing(engine, u) && bestQuote(engine, u)) return sourceOfQuote(engine, question, u, ctx);
    return hasNarrowing(engine, u) && meetings.length === 1 && only
      ? meetingSources(engine, only)
      : allSources(engine);
  },
  quote: quotesAbout,
  topics: topicsOf,
  'who-is': whoIs,
  list: listIntent,
  timeline: (engine, _question, u) => timelineAnswer(engine, narrowed(engine, u)),
  'yes-no': yesNo,
  details,
  unknown: details,
};

/**
 * Answers a plain-language question with the same handlers the commands use; a message that
 * asks several things gets each part answered.
 */
export function answerQuestion(engine: Engine, question: string, ctx: AskContext): Reply {
  const parts = questionParts(question);
  if (parts.length < 2) return answerOne(engine, question, ctx);
  const named: string[] = [];
  const replies = parts.map((part) => {
    const u = engine.understand(part);
    // A part that names nothing ("and at what events") asks about what the parts before it named.
    const read = withContext(part, named, !u.spelled.size && !u.dates.description);
    named.push(...[...u.spelled.values()].flat(), ...(u.dates.description ? [u.dates.description] : []));
    return answerOne(engine, read, ctx);
  });
  return replies.some((r) => r.kind === 'answer')
    ? combineParts(parts, replies)
    : answerOne(engine, question, ctx);
}

/**
 * A premise given in a clause before the question, opened by a function word ("since the
 * hotline was set up in December, has there been …"): checked on its own, as a why or how
 * question's premise is.
 */
function clausePremise(engine: Engine, question: string): Reply | undefined {
  const [clause, ...rest] = question.split(',');
  const [opener = ''] = foldForSearch(clause ?? '').split(' ');
  if (!clause || !rest.join('').trim() || clause.includes('?') || !engine.sense.isFunctionWord(opener))
    return undefined;
  const u = engine.understand(clause);
  return premiseCorrection(engine, clause, u) ?? placeCorrection(engine, clause, u);
}

/** English's question words. */
const QUESTION_WORDS = ['what', 'when', 'where', 'who', 'why', 'how', 'which'];

/**
 * The kind of question, read past a word of conversation before it: "so did Putin end up going"
 * asks what "did Putin end up going" asks. Only a function word opens one so; a question word,
 * typed right or not ("wat", "how"), is the question itself.
 */
function intentOf(engine: Engine, typed: string): Intent {
  // Chat shorthand asks what it spells out: "wat did putin say abt …" asks what he said about it.
  const folded = typed
    .split(' ')
    .map((word) => (engine.sense.inCorpus(word) ? word : (engine.sense.spellOut(word)?.join(' ') ?? word)))
    .join(' ');
  const [first = '', second = ''] = folded.split(' ');
  // Two auxiliaries in a row open no English question: the first is a question word typed one
  // slip away ("were did they meet" asks where).
  const slipped = AUXILIARY.test(first) && AUXILIARY.test(second);
  const asked = slipped ? QUESTION_WORDS.find((w) => editDistance(first, w, 1) <= 1) : undefined;
  if (asked) return detectIntent(`${asked} ${folded.slice(first.length + 1)}`);
  const intent = detectIntent(folded);
  const [opener = '', ...rest] = folded.split(' ');
  if (intent !== 'unknown' || !rest.length) return intent;
  const meant = [
    opener,
    engine.sense.correct(opener) ?? '',
    ...engine.sense
      .expand(opener)
      .filter((e) => e.weight >= EXPANSION_WEIGHTS.shorthand)
      .map((e) => e.term),
  ];
  if (engine.sense.partOfSpeech(opener) !== 'function' || meant.some((w) => /^(wh|how)/.test(w)))
    return intent;
  return detectIntent(rest.join(' '));
}

/**
 * What the question asks "about" that the articles never say, read clause by clause: in "how did
 * it come about, was it formal?" the comma ends the phrase, and "about" has no object.
 */
function aboutSubject(engine: Engine, question: string, u: Understanding): string | undefined {
  const clauses = question.split(/[,;:?!]+/).filter((c) => c.trim());
  if (clauses.length < 2) return unsaidSubject(engine, u.corrected);
  return clauses.map((c) => unsaidSubject(engine, engine.understand(c).corrected)).find(Boolean);
}

/**
 * "What word did Netanyahu use to describe the Iranian threat?" asks for his words about it: what
 * "what did Netanyahu say about the Iranian threat?" asks. English's nouns for wording, not the
 * articles' words.
 */
const WORDING =
  /^(.*?)\bwhat (?:exact |precise )?(?:word|words|phrase|phrases|term|terms|expression|wording|language)\b (?:did|does|do) (.+?) (?:use|used|say|choose|pick)\b(?: to describe| to call| for| about| on| regarding)?\s*(.*)$/i;

/** "Exact words Netanyahu told reporters …", "the quote Putin gave on …": a person's words as a noun. */
const WORDS_SAID =
  /^\s*(?:the\s+)?(?:(?:exact|actual|precise)\s+)?(?:words?|wording|quote)\s+(?:that\s+|which\s+)?(\S+)\s+(told|said|used|gave)\b(.*)$/i;

/** "How did Bibi describe the Paris convo" (or "how Bibi describe …"): how someone put something, in a verb of saying. */
const PUT = /^(.*?)\bhow (?:(?:did|does|do|would|has|have) )?(\S+) (.*)$/i;

/** A question for someone's wording asks what they said about the thing worded. */
function asWording(engine: Engine, typed: string): string {
  // "…, in his own words", "…, his actual words": asking for the words, not about them.
  const asked = typed.replace(/,?\s*\b(?:in\s+)?(?:his|her|their)\s+(?:own|actual|exact)\s+words?\b/gi, '');
  const worded = asked.replace(WORDING, '$1what did $2 say about $3');
  if (worded !== asked) return worded;
  // "Exact words Netanyahu told reporters after …": the words someone said, asked as a noun.
  const [, speaker = '', told = '', after = ''] = asked.match(WORDS_SAID) ?? [];
  if (personIds(engine).has(foldForSearch(speaker)))
    return `what did ${speaker} ${told === 'told' ? 'tell' : 'say'}${after}`;
  const [, before = '', who = '', rest = ''] = asked.match(PUT) ?? [];
  if (!personIds(engine).has(foldForSearch(who))) return asked;
  const words = rest.split(' ');
  const says = (w: string | undefined) => w !== undefined && engine.sense.isSaying(foldForSearch(w));
  // A function word between them says how he himself did it ("himself"), not what he did.
  const at = says(words[0])
    ? 0
    : engine.sense.isFunctionWord(foldForSearch(words[0] ?? '')) && says(words[1])
      ? 1
      : -1;
  return at < 0 ? asked : `${before}what did ${who} say about ${words.slice(at + 1).join(' ')}`;
}

/** A question word typed as chat shorthand ("wat", "wen") is that question word, in every check after. */
function spelledQuestionWord(engine: Engine, typed: string): string {
  const [first = '', ...rest] = typed.trimStart().split(' ');
  const [spelled, more] = engine.sense.spellOut(first.toLowerCase()) ?? [];
  return spelled && !more && QUESTION_WORDS.includes(spelled) ? [spelled, ...rest].join(' ') : typed;
}

/** The correction of a question put on a meeting that never was, if it is. */
function conflictOf(engine: Engine, asked: Intent, u: Understanding): Reply | undefined {
  const conflict =
    ANSWERS_DATES.has(asked) || !(placedAtDate(u) || u.meetings.length)
      ? undefined
      : premiseConflict(engine, u);
  return conflict && correction(engine, conflict);
}

function answerOne(engine: Engine, typed: string, ctx: AskContext): Reply {
  const question = asWording(engine, spelledQuestionWord(engine, typed));
  const folded = foldForSearch(question);
  if (!folded) {
    return usage(
      'Ask me a question',
      'Ask about the Netanyahu–Putin meetings, for example: “When did they meet in Sochi?”',
      [
        { label: 'When did they meet in Sochi?', command: '/ask When did they meet in Sochi?' },
        { label: 'What did Putin say about Hanukkah?', command: '/ask What did Putin say about Hanukkah?' },
      ],
    );
  }
  const u = engine.understand(question);
  const intent = intentOf(engine, folded);
  if (intent === 'help') return HANDLERS.help(engine, question, u, ctx);
  // A person given another country's title is corrected, and the question answered as meant.
  const role = roleCorrection(engine, question, u);
  if (role) {
    const meant = answerOne(engine, role.question, ctx);
    return { ...meant, title: 'Not quite', text: `Not quite: ${role.note}\n${meant.text}` };
  }
  // What the question is about decides whether the articles cover it, never one ordinary word;
  // the word asking for a picture ("timeline", "chart") is the answer's form, not its subject.
  const unknown = intent === 'timeline' ? u.unknown.filter((w) => detectIntent(w) !== 'timeline') : u.unknown;
  if (unknown.length) return notCovered(engine, question, u, unknown);
  const detail = unsaidDetail(engine, u.corrected);
  if (detail && !saidBesideDetail(engine, u.corrected, u, detail))
    return notCovered(engine, question, u, [detail]);
  // A year nothing in the articles is dated to: whatever the question asks of it, they don't say.
  const year = unrecordedYear(engine, u);
  if (year) return yearNotCovered(engine, year);
  // "How long …", "how much … in dollars": a sentence that answers it must give such a value.
  const subject = aboutSubject(engine, question, u) ?? unsaidClaimSubject(engine, u.corrected);
  if (subject) return notCovered(engine, question, u, [subject]);
  const unsaid =
    unsaidValue(engine, question, u, folded) ??
    unsaidName(engine, question, u, folded) ??
    (ATTRIBUTED.has(intent) ? undefined : unsaidDoer(engine, question, u, folded));
  if (unsaid) return unsaid;
  // A question that names a publisher and asks what it says is about that article.
  const asked =
    u.sources.length &&
    intent !== 'who-said' &&
    /\b(say|says|said|report|reports|write|writes|wrote)\b/.test(folded)
      ? 'about-source'
      : intent;
  // A question built on a detail the articles give otherwise is corrected first: a number
  // whatever it asks ("was Sochi their 10th meeting", "what was said at their 10th meeting").
  // A sentence that says what the question asks at the place it puts it ("why did Israeli officials
  // go to Moscow in 2018": "… to meet their counterparts in Moscow") puts it on no other meeting.
  const there = PREMISED.has(asked) ? statedWhereAsked(engine, question, u) : undefined;
  const premise =
    clausePremise(engine, question) ??
    numberCorrection(engine, question, u, asked === 'yes-no' ? 'No' : 'Not quite') ??
    (PREMISED.has(asked)
      ? (premiseCorrection(engine, question, u) ??
        placeCorrection(engine, question, u) ??
        deniedClaim(engine, question, u))
      : undefined) ??
    // A place and a date that fit no meeting together ("in Moscow on Sept 12 2019") put the
    // question on a meeting that never was, whatever it asks of it; so does a meeting named by its
    // occasion at a place it was not held ("in Moscow for the WWI centennial").
    (there ? undefined : conflictOf(engine, asked, u)) ??
    // Words put in the wrong mouth, whatever is asked of them ("when Netanyahu called them allies").
    (ATTRIBUTED.has(asked) || asked === 'yes-no' ? undefined : speakerCorrection(engine, question, u));
  if (premise) return premise;
  const beside = ASKS_MEETING.has(asked) ? meetingBeside(engine, question, asked) : undefined;
  if (beside) return beside;
  const people = LISTS_PEOPLE.has(asked) ? peopleAsked(engine, folded, u) : undefined;
  if (people) return people;
  const answer = HANDLERS[asked](engine, question, u, ctx);
  if (answer.kind === 'not-found') {
    const conflict = premiseConflict(engine, u);
    if (conflict) return correction(engine, conflict);
    return groundedAnswer(engine, question, u) ?? answer;
  }
  return GROUNDED.has(asked) ? withPassages(engine, question, u, answer) : answer;
}

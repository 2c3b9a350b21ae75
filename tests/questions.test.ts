/**
 * The question suite: questions a community member would really ask about the Netanyahu–Putin
 * meetings, each with the facts its answer must give and the wrong facts it must not. The facts
 * come from the five articles under knowledge/articles and the fact base built from them; dates the
 * fact base marks `status: inferred` must be shown as inferred, the planned January 2020 visit must
 * never be shown as having happened, and a question the articles do not answer must be told so,
 * with no invented date or place.
 *
 * Facts are matched against what the user reads as the answer (title, text, fields), not against
 * the "Sources:" list, the "Did you mean:" suggestions or the "Next:" follow-ups: an article title
 * such as "Netanyahu, Putin talk in Paris" must not make a Jerusalem answer look as if it said Paris.
 */
import { describe, expect, it } from 'vitest';
import type { Reply, ReplyKind } from '../src/answers/reply.js';
import { renderText } from '../src/console/render.js';
import { ask, engine, newSession } from './support/summit.js';

type Pattern = string | RegExp;

interface Case {
  /** The line the user types: a plain question or a slash command. */
  q: string;
  /** Facts the answer must give. A string must appear as is; a RegExp must match. */
  must: Pattern[];
  /** Wrong facts the answer must not give. */
  mustNot?: Pattern[];
  /** Defaults to 'answer'; a list when more than one kind is right (a "no" may be either). */
  kind?: ReplyKind | ReplyKind[];
  /** The answer rests on a date the fact base marks inferred: it must say "inferred". */
  inferred?: boolean;
  /** Source ids that must be among the citations. */
  cites?: string[];
  /** A quote answer: every citation names speaker, date and place; the first speaker matches. */
  speaker?: RegExp;
}

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
/** Any month of that year, e.g. "September 2016": the answer gives more precision than the text. */
const monthOf = (year: number) => new RegExp(`${MONTH} ${year}`);
const DAY_MONTH = new RegExp(`\\b\\d{1,2} ${MONTH}\\b`);
const MONTH_YEAR = new RegExp(`${MONTH},? (?:19|20)\\d\\d`);
const MEETING_PLACES = ['Sochi', 'Moscow', 'Paris', 'Jerusalem', 'Bocharov', 'Kremlin'];

/** What the user reads as the answer: everything but the sources, suggestions and follow-ups. */
function body(reply: Reply): string {
  return renderText({ ...reply, citations: [], followUps: [], suggestions: [] });
}

function checkCase(c: Case): void {
  const { reply } = ask(c.q);
  const shown = body(reply);
  const where = `${c.q}\n---\n${shown}`;
  expect([c.kind ?? 'answer'].flat(), where).toContain(reply.kind);
  for (const p of c.must) expect(shown, where).toMatch(p);
  for (const p of c.mustNot ?? []) expect(shown, where).not.toMatch(p);
  if (c.inferred) expect(shown, `${where}\n(the date is inferred and must say so)`).toMatch(/inferred/i);

  // The planned January 2020 visit is only announced: wherever it is named, it is named as such.
  if (/January 2020/.test(shown)) {
    expect(shown, `${where}\n(the 2020 visit must read as planned)`).toMatch(
      /planned|announced|intention|intended/i,
    );
  }
  expect(shown, where).not.toMatch(/Putin (?:visited|came to|went to) Israel in January/i);

  // Every answer that gives facts cites at least one article.
  if (reply.kind === 'answer') expect(reply.citations.length, `${where}\n(no citation)`).toBeGreaterThan(0);
  const cited = reply.citations.map((x) => x.sourceId);
  for (const id of c.cites ?? []) expect(cited, where).toContain(id);

  if (c.speaker) {
    expect(reply.citations.length, where).toBeGreaterThan(0);
    for (const citation of reply.citations) {
      expect(citation.quote, `${where}\n(quote citation without speaker, date and place)`).toBeDefined();
      expect(citation.quote?.speaker, where).toMatch(/\S/);
      expect(citation.quote?.date, where).toMatch(/\d{4}/);
      expect(citation.quote?.place, where).toMatch(/\S/);
    }
    expect(reply.citations[0]?.quote?.speaker, where).toMatch(c.speaker);
  }
}

// ---------------------------------------------------------------------------------------------
// When and where: by place, occasion, venue, year, month, first / last, ranges.
// ---------------------------------------------------------------------------------------------

const whenWhere: Case[] = [
  // By place.
  {
    q: 'When did Netanyahu and Putin meet in Sochi?',
    must: ['12 September 2019', 'Sochi', 'Bocharov Ruchey'],
    mustNot: [/Paris/, /2015/, '12 September 2019 (inferred)'],
    cites: ['sochi-2019'],
  },
  {
    q: 'Where did they meet in 2019?',
    must: ['Sochi', 'Bocharov Ruchey', '12 September 2019'],
    mustNot: [/Paris/, /Moscow/, /Jerusalem/],
  },
  { q: '/when Sochi', must: ['12 September 2019', 'Bocharov Ruchey'], mustNot: [/Paris/, /2015/] },
  {
    // The meeting next to one named, in date order; a call by telephone is held nowhere.
    q: 'where was their meeting before the paris climate one',
    must: [/The meeting before (\*\*)?Paris, 30 November 2015/, 'Moscow'],
    mustNot: [/telephone/i],
  },
  {
    // "Before" of something else than a meeting asks about that.
    q: 'who did bibi sit down with right before puttin in sochi',
    must: ['Shoigu'],
    mustNot: [/^The meeting before/],
  },
  {
    // What is set apart after a bracket is not the meeting meant.
    q: 'what was the occasion in paris for the spontaneous chat (not the climate one)',
    must: [/World War I/],
  },
  {
    // A plural place word asks where too, and "these 2" is "these two".
    q: 'in what cities have these 2 met, give me all of them',
    must: ['Sochi', 'Paris', 'Moscow', 'Jerusalem'],
  },
  {
    q: '/where Sochi',
    must: ['Bocharov Ruchey', 'Sochi', '12 September 2019'],
    mustNot: [/Paris/, /Moscow/],
  },
  {
    q: 'When did they meet in Jerusalem?',
    must: ['25 June 2012', "Netanyahu's residence", /photo caption/i],
    mustNot: ['25 June 2012 (inferred)', /Sochi/, /2019/],
    cites: ['jns-paris-2018'],
  },
  {
    q: 'When did they meet in Moscow?',
    must: ['September 2015', /\b2016\b/],
    mustNot: [/Sochi/, monthOf(2016)],
    inferred: true,
  },
  {
    q: 'When were they in Paris?',
    must: ['30 November 2015', 'November 2018'],
    mustNot: [/Sochi/, /Moscow, 2016/],
    inferred: true,
  },
  // By occasion.
  {
    q: 'When did they meet at the climate conference?',
    must: ['30 November 2015', 'Paris', /eventputin301115|gov\.il/],
    mustNot: [/November 2018/, /Sochi/],
    inferred: true,
    cites: ['govil-paris-2015'],
  },
  {
    q: '/when query:climate conference',
    must: ['30 November 2015', 'Paris'],
    mustNot: [/2018/, /Sochi/],
    inferred: true,
  },
  { q: '/when COP21', must: ['30 November 2015', 'Paris'], mustNot: [/2018/], inferred: true },
  {
    q: 'Where did they meet during the climate summit?',
    must: ['Paris', '30 November 2015'],
    mustNot: [/Sochi/, /Jerusalem/, /2018/],
  },
  { q: 'Where did they meet for COP 21?', must: ['Paris'], mustNot: [/Sochi/, /2018/] },
  {
    q: 'When did they meet at the WWI centennial?',
    must: ['November 2018', 'Paris'],
    mustNot: [/\b\d{1,2} November 2018/, /2015/, /Sochi/],
    inferred: true,
    cites: ['jns-paris-2018'],
  },
  {
    q: 'Where did they meet for the Armistice centennial?',
    must: ['Paris', 'November 2018'],
    mustNot: [/Sochi/, /2015/, /Moscow/],
  },
  {
    q: '/where query:Armistice centennial',
    must: ['Paris', 'November 2018'],
    mustNot: [/Sochi/, /2015/],
  },
  {
    q: 'When did they meet at the Armistice Day commemoration?',
    must: ['November 2018', 'Paris'],
    mustNot: [/\b\d{1,2} November 2018/],
    inferred: true,
  },
  {
    q: 'When did they meet for the 25th anniversary of diplomatic relations?',
    must: [/\b2016\b/, 'Moscow'],
    mustNot: [monthOf(2016), /Sochi/],
    inferred: true,
  },
  { q: '/when 25th anniversary', must: [/\b2016\b/, 'Moscow'], mustNot: [monthOf(2016)], inferred: true },
  {
    q: 'Where was the 25th anniversary meeting?',
    must: ['Moscow', /\b2016\b/],
    mustNot: [/Sochi/, /Paris/],
  },
  // By venue.
  {
    q: 'When did they meet at Bocharov Ruchey?',
    must: ['12 September 2019', 'Sochi'],
    mustNot: [/Paris/, /Moscow/],
  },
  {
    q: 'When did they meet at the Kremlin?',
    must: [/\b2016\b/, 'Moscow', 'Kremlin'],
    mustNot: [monthOf(2016), /\d{1,2} \w+ 2016/, /Sochi/],
    inferred: true,
    cites: ['moscow-25-years-2016'],
  },
  { q: '/when Kremlin', must: [/\b2016\b/, 'Moscow'], mustNot: [monthOf(2016)], inferred: true },
  { q: '/where Kremlin', must: ['Moscow', 'Kremlin', /\b2016\b/], mustNot: [/Sochi/] },
  {
    q: 'Where is Bocharov Ruchei?',
    must: ['Sochi', 'Bocharov Ruchey', /summer residence/i],
    mustNot: [/Moscow/, /Paris/],
  },
  { q: 'In which city is Bocharov Ruchey?', must: ['Sochi'], mustNot: [/Moscow/, /Paris/] },
  { q: '/where Tsentralny', must: ['Sochi', 'Bocharov Ruchey'], mustNot: [/Moscow/] },
  // First, last, most recent.
  {
    q: 'When was their first meeting?',
    must: ['25 June 2012', 'Jerusalem'],
    mustNot: [/Sochi/, /2019/, /2015/],
  },
  { q: '/where the first meeting', must: ['Jerusalem', '25 June 2012'], mustNot: [/Sochi/, /Moscow/] },
  {
    q: 'When was their last meeting?',
    must: ['12 September 2019', 'Sochi'],
    mustNot: [/Paris/, /2015/, /Jerusalem/],
  },
  {
    q: 'What was their most recent meeting?',
    must: ['12 September 2019', 'Sochi'],
    mustNot: [/Paris/, /Jerusalem/],
  },
  // Years, months and ranges.
  {
    q: 'Which meetings were before 2016?',
    must: ['Jerusalem', '25 June 2012', '30 November 2015', 'September 2015'],
    mustNot: [/Sochi/, /2018/, /2019/, /Moscow, 2016/],
  },
  {
    q: 'Which meetings were after 2016?',
    must: ['Sochi', '12 September 2019', 'November 2018'],
    mustNot: [/2012/, /2015/, /Moscow, 2016/, /Jerusalem/],
  },
  {
    q: 'Which meetings were between 2015 and 2018?',
    must: ['30 November 2015', 'September 2015', 'Moscow, 2016', 'November 2018'],
    mustNot: [/Sochi/, /2012/, /2019/],
  },
  {
    q: 'Did they meet in November 2015?',
    must: [/\byes\b/i, '30 November 2015', 'Paris'],
    mustNot: [/Sochi/],
    inferred: true,
  },
  {
    q: 'What happened in September 2015?',
    must: ['Moscow', 'September 2015', /mechanism/i],
    mustNot: [/Sochi/, /Kremlin/],
    inferred: true,
  },
  {
    q: 'When did they meet in Moscow in 2015?',
    must: ['September 2015', 'Moscow'],
    mustNot: [/Kremlin/, /Sochi/],
    inferred: true,
  },
  {
    q: 'Where did they meet in September 2019?',
    must: ['Sochi', '12 September 2019'],
    mustNot: [/Paris/, /Moscow/],
  },
  {
    q: 'Where did they meet in November 2018?',
    must: ['Paris', 'November 2018'],
    mustNot: [/Sochi/, /30 November 2015/],
  },
  {
    q: 'When did they meet in 2016?',
    must: [/\b2016\b/, 'Moscow'],
    mustNot: [monthOf(2016), /Sochi/],
    inferred: true,
  },
  { q: '/where 2016', must: ['Moscow', 'Kremlin'], mustNot: [/Sochi/, /Paris/], inferred: true },
  {
    q: 'Where did they meet in 2015?',
    must: ['Paris', 'Moscow', /telephone|phone/i],
    mustNot: [/Sochi/, /Jerusalem/, /2018/],
  },
  {
    q: 'Where did they meet on Sept. 12 2019?',
    must: ['Sochi', 'Bocharov Ruchey'],
    mustNot: [/Paris/, /Moscow/],
  },
  {
    q: 'What happened on 30/11/2015?',
    must: ['30 November 2015', 'Paris', /climate/i],
    mustNot: [/Moscow, September 2015/, /By telephone/i, /Sochi/],
  },
  // How many.
  {
    q: 'How many times did Netanyahu and Putin meet?',
    must: [/13th|13 meetings|thirteenth/i, 'Sochi'],
    cites: ['sochi-2019'],
  },
  { q: 'Which meeting was the 13th?', must: ['Sochi', '12 September 2019'], mustNot: [/Paris/] },
  // A meeting or year the articles do not report.
  {
    q: 'Did they meet in 2017?',
    kind: 'not-found',
    must: [/2017/],
    mustNot: [DAY_MONTH, MONTH_YEAR, ...MEETING_PLACES],
  },
  {
    q: '/meetings year:2017',
    kind: 'not-found',
    must: [/2017/],
    mustNot: [DAY_MONTH, MONTH_YEAR, ...MEETING_PLACES],
  },
  {
    q: '/where 2017',
    kind: 'not-found',
    must: [/2017/],
    mustNot: [DAY_MONTH, MONTH_YEAR, ...MEETING_PLACES],
  },
  {
    // A real meeting put in the wrong year: the answer says so and gives the year the articles give.
    q: 'When did Putin and Netanyahu meet in Sochi in 2015?',
    must: [/\bno\b|n't/i, /Sochi/, '12 September 2019'],
    mustNot: [/^Yes\b/im],
  },
  {
    // The people on the other sides of the action the article reports.
    q: 'Did Netanyahu give Putin a personal tour of the Kremlin?',
    must: [/^No\b/m, /Putin gave PM Benjamin Netanyahu/],
    mustNot: [/^Yes\b/im],
  },
  {
    // One detail of the same kind changed: the article says Israeli companies.
    q: 'Were Russian clean-tech companies presenting their products at the conference?',
    must: [/^No\b/m, /Eight Israeli clean-tech companies/],
    mustNot: [/^Yes\b/im],
  },
  {
    // A month the sentence gives otherwise: the visit was announced for January.
    q: 'Did Putin say he would visit Israel in May?',
    must: [/^No\b/m, /January/],
    mustNot: [/^Yes\b/im],
  },
  {
    // A why-question built on the roles the wrong way round is corrected before it is answered.
    q: 'Why did Netanyahu give Putin a personal tour of the Kremlin?',
    must: [/^Not quite\b/m, /Putin gave PM Benjamin Netanyahu/],
  },
  {
    // Two countries named as parties, not as where a meeting was: no meeting correction. Putin
    // did say it ("we are unconditional allies", of Israel and Russia).
    q: 'Did Putin say Israel and Russia are allies?',
    must: [/^Yes\b/im, /unconditional allies/],
    mustNot: [/report no meeting/],
  },
];

// ---------------------------------------------------------------------------------------------
// Lists with filters, and one meeting in detail.
// ---------------------------------------------------------------------------------------------

const lists: Case[] = [
  // Places asked for ("cities", "venues": nouns WordNet files as locations) are listed, not meetings.
  {
    q: 'list every city where the articles have bibi and putin meeting',
    must: [
      '4 places',
      'Jerusalem',
      'Moscow',
      'Paris',
      'Sochi',
      /Announced, not reported as held: Israel, January 2020/,
    ],
  },
  // "Every city" asks for the places without "list": a quantifier over places, however it is put.
  {
    q: 'name every city the articles say bibi and putin met or talked in',
    must: ['4 places', 'Jerusalem', 'Moscow', 'Paris', 'Sochi'],
  },
  {
    q: 'across these articles, how many different cities did netanyahu and putin meet in and which',
    must: ['4 places', 'Jerusalem', 'Sochi'],
  },
  {
    q: '/meetings year:2015',
    must: ['30 November 2015', 'September 2015'],
    mustNot: [/Sochi/, /2016/, /2018/, /Jerusalem/],
  },
  {
    q: '/meetings place:Russia',
    must: ['Sochi, 12 September 2019', 'Moscow, 2016', 'Moscow, September 2015'],
    mustNot: [/Paris/, /Jerusalem/],
  },
  {
    q: '/meetings place:Paris',
    must: ['Paris, November 2018', 'Paris, 30 November 2015'],
    mustNot: [/Sochi/, /Moscow, 2016/, /Jerusalem/],
  },
  {
    q: 'List all meetings in Paris',
    must: ['November 2018', '30 November 2015'],
    mustNot: [/Sochi/, /Moscow, 2016/],
  },
  {
    q: 'Which meetings were in Moscow?',
    must: ['Moscow, 2016', 'Moscow, September 2015'],
    mustNot: [/Sochi/, /Paris, /, /Jerusalem/],
  },
  {
    q: '/meetings place:Moskow year:2016',
    must: ['Moscow, 2016'],
    mustNot: [/September 2015/, /Sochi/, /Paris/],
  },
  {
    q: '/meetings topic:terrorism',
    must: ['Moscow, 2016', 'Paris, 30 November 2015'],
    mustNot: [/Sochi/, /2018/],
  },
  { q: '/meetings topic:Iran', must: ['Sochi, 12 September 2019'], mustNot: [/Paris/, /Moscow, /] },
  {
    q: '/meetings topic:Hannukah',
    must: ['Paris, 30 November 2015'],
    mustNot: [/Sochi/, /November 2018/],
  },
  { q: '/meetings person:Shoigu', must: ['Sochi, 12 September 2019'], mustNot: [/Paris/, /Moscow, /] },
  {
    q: 'Which meetings discussed Syria?',
    must: ['Sochi', 'Moscow, 2016', 'Moscow, September 2015'],
    mustNot: [/November 2018/, /Jerusalem/],
  },
  {
    q: '/meeting Paris 2015',
    must: ['30 November 2015', /eventputin301115/, /climate/i, /Hanukkah/, /Turk/],
    mustNot: [/Sochi/, /Iran/],
    inferred: true,
    cites: ['govil-paris-2015', 'paris-coordination-2015'],
  },
  {
    q: '/meeting query:climate conference',
    must: ['30 November 2015', 'Paris'],
    mustNot: [/Sochi/],
    inferred: true,
  },
  {
    q: '/meeting Moskow 2016',
    must: [/\b2016\b/, 'Kremlin', /25 years/i, /pension/i],
    mustNot: [monthOf(2016), /Sochi/],
    inferred: true,
    cites: ['moscow-25-years-2016'],
  },
  {
    q: '/meeting Paris 2018',
    must: ['November 2018', /World War I/, /impromptu/i],
    mustNot: [/\b\d{1,2} November 2018/, /Sochi/],
    inferred: true,
    cites: ['jns-paris-2018'],
  },
  {
    q: '/meeting Sochi',
    must: ['12 September 2019', 'Bocharov Ruchey', /13th/],
    mustNot: [/Paris/, '12 September 2019 (inferred)'],
    cites: ['sochi-2019'],
  },
  {
    q: '/meeting Bocharov Ruchei',
    must: ['12 September 2019', 'Sochi'],
    mustNot: [/Paris/],
  },
  {
    q: 'Tell me about the Sochi meeting',
    must: ['12 September 2019', 'Bocharov Ruchey', /Iran/],
    mustNot: [/Paris/],
  },
  {
    q: '/meeting Jerusalem 2012',
    must: ['25 June 2012', /photo caption/i, "Netanyahu's residence"],
    mustNot: [/Iran|Hanukkah|terror/i, '25 June 2012 (inferred)'],
    cites: ['jns-paris-2018'],
  },
  {
    q: 'When was the Jerusalem press conference?',
    must: ['25 June 2012', 'Jerusalem', /photo caption/i],
    mustNot: [/Sochi/, /2019/],
  },
  {
    q: 'Where was the 2012 press conference?',
    must: ["Netanyahu's residence", 'Jerusalem'],
    mustNot: [/Sochi/, /Moscow/],
  },
];

// ---------------------------------------------------------------------------------------------
// Quotes: who said it, and what X said about a topic.
// ---------------------------------------------------------------------------------------------

const quotes: Case[] = [
  {
    // A quotation whose paragraph ends open goes on in the next: "this" is the Iranian upsurge.
    q: 'what did netanyahu call an intolerable threat',
    must: [/attempts by Iran to attack Israel from Syrian territory[\s\S]*this is an intolerable threat/],
  },
  {
    q: 'Who said "triumph of light over dark"?',
    speaker: /Putin/,
    must: [/Putin/, '30 November 2015', 'Paris'],
    mustNot: [/Netanyahu said it/, /Sochi/],
  },
  {
    q: 'Who said we are unconditional allies?',
    speaker: /Putin/,
    must: [/Putin/, 'Moscow', /\b2016\b/],
    mustNot: [/Sochi/, /Paris/],
  },
  {
    q: 'Who said "intolerable threat"?',
    speaker: /Netanyahu/,
    must: [/Netanyahu/, 'Sochi', '12 September 2019'],
    mustNot: [/Putin said it/, /Paris/],
  },
  {
    q: 'Who said "We haven\'t planned yet"?',
    speaker: /Putin/,
    must: [/Putin/, 'November 2018'],
    mustNot: [/Netanyahu said it/, /Sochi/],
  },
  {
    q: 'Who said the conversation was very good and to the point?',
    speaker: /Netanyahu/,
    must: [/Netanyahu/, 'Paris', 'November 2018'],
    mustNot: [/Sochi/, /2015/],
  },
  {
    q: 'Who said "mutual rational policy"?',
    speaker: /Netanyahu/,
    must: [/Netanyahu/, 'Sochi'],
    mustNot: [/Paris/],
  },
  {
    q: 'Who said Russia cares a lot about who will be elected to the Knesset?',
    speaker: /Putin/,
    must: [/Putin/, 'Sochi', '12 September 2019'],
    mustNot: [/Paris/],
  },
  {
    q: 'Who said "a positive outcome for all"?',
    speaker: /Putin/,
    must: [/Putin/, /Turkey/, /\b2016\b/],
    mustNot: [/Sochi/],
  },
  {
    q: 'Who proposed the deconfliction mechanism?',
    must: [/Netanyahu/, /propos/i],
  },
  {
    q: "/quote query:We haven't planned yet",
    speaker: /Putin/,
    must: [/haven’t planned yet|haven't planned yet/, 'November 2018'],
  },
  {
    q: '/quote speaker:Putin query:triumph of light',
    speaker: /Putin/,
    must: [/triumph of light over dark/, '30 November 2015', 'Paris'],
    mustNot: [/Sochi/],
  },
  {
    q: 'What did Putin say about Hanukkah?',
    speaker: /Putin/,
    must: [/triumph of light over dark/, '30 November 2015', 'Paris'],
    mustNot: [/Sochi/, /2016/],
    inferred: true,
  },
  {
    q: 'What did Putin say about Hannukah?',
    speaker: /Putin/,
    must: [/triumph of light over dark/, '30 November 2015'],
    mustNot: [/Sochi/],
  },
  {
    q: 'What did Putin say about Chanukah?',
    speaker: /Putin/,
    must: [/triumph of light over dark/, '30 November 2015'],
    mustNot: [/Sochi/],
  },
  {
    q: '/quote speaker:Vladmir Putin query:Hannukah',
    speaker: /Putin/,
    must: [/triumph of light over dark/, '30 November 2015'],
  },
  {
    q: '/quote speaker:Vladmir query:Chanukah',
    speaker: /Putin/,
    must: [/triumph of light over dark/, 'Paris'],
  },
  {
    q: 'What did Netanyahu say about Iran?',
    speaker: /Netanyahu/,
    must: [/Iran/, /intolerable threat|upsurge/, '12 September 2019', 'Sochi'],
    mustNot: [/Paris/, /2015/],
  },
  {
    q: 'What did Bibi say about Iran?',
    speaker: /Netanyahu/,
    must: [/Iran/, 'Sochi'],
    mustNot: [/Paris/],
  },
  {
    q: '/quote speaker:Netanyahu query:Iran',
    speaker: /Netanyahu/,
    must: [/Iran/, '12 September 2019'],
    mustNot: [/Paris/],
  },
  {
    q: 'What did Putin say about terrorism?',
    speaker: /Putin/,
    must: [/unconditional allies/, /\b2016\b/, 'Moscow'],
    mustNot: [/militant Islam/, /Sochi/],
  },
  {
    q: 'What did Netanyahu say about terrorism?',
    speaker: /Netanyahu/,
    must: [/militant Islam/, '30 November 2015'],
    mustNot: [/unconditional allies/, /Sochi/],
  },
  {
    q: 'What did Putin say about the Knesset?',
    speaker: /Putin/,
    must: [/Knesset/, '12 September 2019', 'Sochi'],
    mustNot: [/Paris/],
  },
  {
    q: 'What did Putin say about future meetings?',
    speaker: /Putin/,
    must: [/haven’t planned yet|haven't planned yet|No specific dates/, 'November 2018'],
    mustNot: [/Sochi/, /2015/],
  },
  {
    q: 'What did Putin say about Turkey?',
    speaker: /Putin/,
    must: [/positive outcome for all/, /\b2016\b/],
    mustNot: [/every citizen of Israel/],
  },
  {
    q: 'What did Netanyahu say about Turkey?',
    speaker: /Netanyahu/,
    must: [/Turkish border/, '30 November 2015'],
    mustNot: [/positive outcome for all/],
  },
  {
    q: 'What did Netanyahu say to Shoigu?',
    speaker: /Netanyahu/,
    must: [/step up our defense cooperation|stepping up its attacks against Iranian-backed forces/],
    mustNot: [/Paris/],
  },
  {
    q: 'What did Netanyahu say about Nazi Germany?',
    speaker: /Netanyahu/,
    must: [/never forget/, 'Sochi'],
    mustNot: [/Paris/],
  },
  {
    q: '/quote speaker:Bibi query:Nazi',
    speaker: /Netanyahu/,
    must: [/never forget/, '12 September 2019'],
  },
  {
    q: 'What did Putin say in Sochi?',
    speaker: /Putin/,
    must: [/Knesset/, /Auschwitz/, '12 September 2019'],
    mustNot: [/Paris/, /triumph of light/],
  },
  {
    q: 'What did Putin say about the Leningrad memorial?',
    speaker: /Putin/,
    must: [/Leningrad/, /might/, '12 September 2019'],
  },
  {
    q: 'What did Netanyahu say about the 25 years of relations?',
    speaker: /Netanyahu/,
    must: [/first 25 years|next 25 years/, /\b2016\b/],
  },
  {
    q: 'What did Putin say about a free trade zone?',
    speaker: /Putin/,
    must: [/Eurasian Economic Union/, /\b2016\b/],
  },
  {
    q: 'What did Putin say about peace with the Palestinians?',
    speaker: /Putin/,
    must: [/just peace/, /\b2016\b/],
    mustNot: [/Sochi/],
  },
  {
    q: '/quote meeting:Sochi',
    speaker: /Netanyahu|Putin/,
    must: ['Sochi', '12 September 2019'],
    mustNot: [/Paris/, /Moscow, Russia/],
  },
  {
    q: '/quote speaker:Netanyahu meeting:Moscow 2016',
    speaker: /Netanyahu/,
    must: ['Moscow', /\b2016\b/],
    mustNot: [/Sochi/, /Paris/, /— Vladimir Putin/],
  },
  {
    q: "/quote speaker:Ya'alon",
    speaker: /Ya.alon/,
    must: [/airspace/, /retreated to Syria/],
  },
  {
    // Asked in words: the articles don't quote him, and what they say of him follows.
    q: 'what did shoigu say',
    must: [/The articles don't quote Sergei Shoigu at all/, /told Russia's Defense Minister Sergei Shoigu/],
  },
  {
    // A title of another office of the same kind is corrected, and the question answered as meant.
    q: 'what did bibi and russian foreign minister shoigu talk about in sochi',
    must: [/Defense Minister of Russia, not foreign minister/],
  },
  {
    q: '/quote speaker:Shoygu',
    kind: 'not-found',
    must: [/Shoigu/, /no quote|not quoted/i],
  },
];

// ---------------------------------------------------------------------------------------------
// Topics: what was discussed at a meeting, and was X discussed.
// ---------------------------------------------------------------------------------------------

const topics: Case[] = [
  {
    // Two meetings in Moscow, one reported and one only recalled: the visit asked about is the
    // one the article tells, and the other is named.
    q: 'how did the moscow visit kick off',
    must: [/unexpected personal tour of the Kremlin/, /also mention Moscow, September 2015, in passing/],
    cites: ['moscow-25-years-2016'],
  },
  {
    // A month is no place: "the September meeting" may be either.
    q: 'what was the point of the september meeting between bibi and putin',
    must: [/mechanism/],
  },
  {
    // Three things asked, each said in a sentence of its own: all three are shown.
    q: 'can someone summarize what putin said in moscow on palestinians, turkey and trade, bullet pts pls',
    must: [/Quartet/, /re-establishment of ties between Israel and Turkey/, /free trade zone between Israel/],
    cites: ['moscow-25-years-2016'],
  },
  {
    q: 'What did they discuss in Sochi?',
    must: [/Iran/, /Knesset/, /Auschwitz/, /Leningrad/],
    mustNot: [/Hanukkah/, /pension/i, /dairy/i, /Turkey/],
    cites: ['sochi-2019'],
  },
  {
    q: '/topics Sochi',
    must: [/Iran/, /Knesset/, /Auschwitz/],
    mustNot: [/Hanukkah/, /dairy/i],
  },
  {
    q: '/topics meeting:Sotchi',
    must: [/Iran/, /Knesset/],
    mustNot: [/Hanukkah/],
  },
  {
    q: '/topics meeting:Moscow 2016',
    must: [/pension/i, /dairy/i, /Hezbollah/, /Turkey/, /terrorism/i, /tourism/i, /free trade zone/],
    mustNot: [/Iran/, /Hanukkah/, /Knesset/],
  },
  {
    q: '/topics Paris 2018',
    must: [/future meeting|future talks/i],
    mustNot: [/Iran/, /Hanukkah/, /terror/i],
  },
  {
    q: '/topics jerusalem 2012',
    must: [/(?:do not|don't|does not|doesn't) say/i],
    mustNot: [/Iran|Hanukkah|terror|Syria/i],
  },
  {
    q: 'What did they discuss in 2012?',
    must: [/(?:do not|don't|does not|doesn't) say/i],
    mustNot: [/Iran|Hanukkah|terror|Syria/i],
  },
  {
    q: 'What topics came up in Paris in 2015?',
    must: [/Hanukkah/, /Turkey/, /terror/i],
    mustNot: [/Iran/, /Knesset/, /pension/i],
  },
  {
    q: 'Was Iran discussed in Paris in 2015?',
    kind: ['answer', 'not-found'],
    must: [/\b(?:no|not)\b|n't/i, /Iran/],
    mustNot: [/\byes\b/i],
  },
  {
    q: 'Did they talk about Hanukkah?',
    must: [/\byes\b/i, 'Paris, 30 November 2015'],
    mustNot: [/Sochi/, /2018/],
  },
  {
    q: 'Did they talk about Chanukah in Sochi?',
    kind: ['answer', 'not-found'],
    must: [/Hanukkah|Chanukah/i, /\bnot\b|n't/i],
    mustNot: [/\byes\b/i],
  },
  { q: 'Did they discuss Hezbollah?', must: [/\byes\b/i, 'Moscow, 2016'], mustNot: [/Sochi/] },
  { q: 'Was the Knesset election discussed?', must: ['Sochi'], mustNot: [/Paris/] },
  {
    q: 'Did they talk about the pensions agreement?',
    must: ['Moscow, 2016'],
    mustNot: [/Sochi/, /Paris/],
  },
];

// ---------------------------------------------------------------------------------------------
// People.
// ---------------------------------------------------------------------------------------------

const people: Case[] = [
  {
    q: 'Who is Shoigu?',
    must: ['Sergei Shoigu', /Defen[cs]e Minister/, /Russia/, 'Sochi'],
    mustNot: [/Defen[cs]e Minister of Israel/],
  },
  { q: 'who is shoygu', must: ['Sergei Shoigu', /Defen[cs]e Minister/] },
  { q: 'Who is Sergey Shoigu?', must: ['Sergei Shoigu', /Defen[cs]e Minister of Russia/] },
  { q: '/ask question:Who is Shoigu?', must: ['Sergei Shoigu', /Defen[cs]e Minister of Russia/] },
  { q: 'Who is Yaalon?', must: ["Moshe Ya'alon", /Defen[cs]e Minister of Israel/, /airspace/] },
  { q: "Who is Ya'alon?", must: ["Moshe Ya'alon", /Defen[cs]e Minister of Israel/] },
  {
    q: 'Who is Mahmoud Abbas?',
    must: ['Mahmoud Abbas', /Palestinian Authority/, /climate conference/],
  },
  { q: 'Who is Bibi?', must: ['Benjamin Netanyahu', /Prime Minister of Israel/] },
  { q: 'Who is Vladmir Putin?', must: ['Vladimir Putin', /President of Russia/] },
];

// ---------------------------------------------------------------------------------------------
// Sources: which articles, and what each reports.
// ---------------------------------------------------------------------------------------------

const sources: Case[] = [
  {
    q: '/sources',
    must: [
      'Netanyahu, Putin talk in Paris; no future meeting set',
      'Putin, Netanyahu Hail Improved Military Coordination After Meeting in Paris',
      'Netanyahu and Putin meet at Bocharov Ruchey in Sochi',
      'Prime Minister Benjamin Netanyahu at the climate conference in Paris, met with Russian President Vladimir Putin',
      'Netanyahu, Putin hail strong bilateral ties and cooperation',
      'JNS',
      'gov.il',
    ],
    cites: [
      'jns-paris-2018',
      'paris-coordination-2015',
      'sochi-2019',
      'govil-paris-2015',
      'moscow-25-years-2016',
    ],
  },
  {
    q: '/sources meeting:Sochi',
    must: ['Netanyahu and Putin meet at Bocharov Ruchey in Sochi'],
    mustNot: [/JNS/, /gov\.il/, /Hail Improved/],
    cites: ['sochi-2019'],
  },
  {
    q: '/sources meeting:Paris 2015',
    must: ['gov.il', 'Hail Improved Military Coordination'],
    mustNot: [/JNS/, /Bocharov/],
    cites: ['govil-paris-2015', 'paris-coordination-2015'],
  },
  {
    q: 'Which sources report the Paris climate conference meeting?',
    must: ['gov.il', 'Hail Improved Military Coordination'],
    mustNot: [/JNS/],
  },
  {
    // A publication named by its kind of news ("news outlet", "news site") is one too.
    q: 'which news site reported the putin netanyahu talk at the climate conference?',
    must: ['The Times of Israel reported on Monday'],
    mustNot: [/JNS/],
  },
  {
    q: '/sources meeting:Moskow 2016',
    must: ['Netanyahu, Putin hail strong bilateral ties and cooperation'],
    mustNot: [/JNS/, /gov\.il/],
    cites: ['moscow-25-years-2016'],
  },
  {
    q: '/sources meeting:Jerusalem 2012',
    must: ['JNS', /June 25, 2012|25 June 2012/],
    cites: ['jns-paris-2018'],
  },
  {
    q: '/sources meeting:January 2020 visit',
    must: ['Netanyahu and Putin meet at Bocharov Ruchey in Sochi', /visit Israel in January/],
    cites: ['sochi-2019'],
  },
  {
    q: 'Which article reports the Kremlin meeting?',
    must: ['Netanyahu, Putin hail strong bilateral ties and cooperation'],
    mustNot: [/JNS/],
  },
  {
    q: 'What does the JNS article report?',
    must: ['Paris', 'November 2018', /no future (?:meeting|talks)|haven’t planned|No specific dates/i],
    mustNot: [/January 2020/],
    cites: ['jns-paris-2018'],
  },
  {
    q: 'What does the gov.il article say?',
    must: ['Paris', /climate/i, '30 November 2015'],
    mustNot: [/2018/],
    cites: ['govil-paris-2015'],
  },
  {
    q: 'Who wrote the Sochi article?',
    must: ['Hana Levi Julian'],
    cites: ['sochi-2019'],
  },
];

// ---------------------------------------------------------------------------------------------
// Related events.
// ---------------------------------------------------------------------------------------------

const events: Case[] = [
  { q: 'When was the hotline set up?', must: ['October 2015'], inferred: true },
  { q: '/when hotline', must: ['October 2015'], inferred: true },
  { q: 'What is the hotline?', must: [/air forces/i, 'October 2015'] },
  {
    q: 'When was the Russian plane shot down in 2018?',
    must: ['18 September 2018', 'Syria'],
    mustNot: [/Turkey/],
    inferred: true,
  },
  {
    q: 'Who shot down the Russian plane in 2018?',
    must: [/Israel/, /18 September/, 'Syria'],
    mustNot: [/Turkey/],
  },
  {
    q: '/when the plane was shot down',
    must: ['18 September 2018', 'November 2015'],
    inferred: true,
  },
  {
    q: 'Who shot down the Russian jet in 2015?',
    must: [/Turkey/, /Turkish-Syrian border/, 'November 2015'],
    mustNot: [/Israel shooting down/],
  },
  {
    q: 'When did Turkey shoot down the Russian jet?',
    must: ['November 2015', /Turkish-Syrian border/],
    mustNot: ['18 September'],
    inferred: true,
  },
  {
    q: 'When did Netanyahu meet Shoigu?',
    must: ['12 September 2019', 'Sochi'],
    mustNot: [/Paris/],
  },
  { q: 'What was the Shoigu meeting about?', must: [/Iran/, 'Sochi'] },
  {
    q: 'What was agreed about pensions?',
    must: [/pensions/, /former Soviet Union/, /\b2016\b/, 'Moscow'],
    mustNot: [/Sochi/],
  },
  {
    q: 'When was the dairy memorandum signed?',
    must: [/\b2016\b/, /dairy/],
    mustNot: [monthOf(2016)],
    inferred: true,
  },
  {
    q: 'Why did Netanyahu leave Paris early?',
    must: [/rocket/i, 'Gaza', 'Hamas'],
  },
  {
    q: 'When were Israeli and Russian military officials to meet after the climate conference?',
    must: ['1 December 2015'],
    mustNot: [/2012/, /Jerusalem/],
    inferred: true,
  },
  {
    q: 'What happened after the plane was shot down in Syria?',
    must: [/officials met their counterparts in Moscow|officials meet their counterparts in Moscow/i],
  },
  {
    q: 'Did a Russian jet enter Israeli airspace?',
    must: [/Ya.alon/, /retreated to Syria/],
    mustNot: [/January 2020/, /2012/],
  },
  {
    q: 'Did Putin give Netanyahu a tour of the Kremlin?',
    must: [/\byes\b/i, 'Kremlin', /\b2016\b/],
    mustNot: [/Sochi/],
  },
  {
    q: 'When did Netanyahu speak with Abbas?',
    must: [/climate conference/, 'November 2015', 'Paris'],
    inferred: true,
  },
];

// ---------------------------------------------------------------------------------------------
// The planned January 2020 visit: announced, never shown as having happened.
// ---------------------------------------------------------------------------------------------

const NOT_REPORTED = /no article|none of them|not report|do(?:es)? not say|do(?:es)?n't say|only announced/i;

const planned: Case[] = [
  {
    q: 'When will Putin visit Israel?',
    must: ['January 2020', /planned|announced|intention/i],
    cites: ['sochi-2019'],
  },
  {
    q: 'Did Putin visit Israel in January 2020?',
    must: [/announced|planned/i, NOT_REPORTED, /January/],
    mustNot: [/^Yes\b/im],
  },
  {
    q: 'Did Netanyahu and Putin meet in Israel in 2020?',
    must: [/announced|planned/i, NOT_REPORTED],
    mustNot: [/^Yes\b/im],
  },
  {
    q: 'Has Putin dedicated the Auschwitz memorial in Israel?',
    must: [/announced|planned|intention/i, NOT_REPORTED, /Auschwitz/],
    mustNot: [/^Yes\b/im],
  },
  { q: '/when Putin visit to Israel', must: ['January 2020', /planned/i] },
  {
    q: '/meeting January 2020 visit',
    must: ['January 2020', /announced|planned/i, /Auschwitz/, NOT_REPORTED],
    inferred: true,
    cites: ['sochi-2019'],
  },
  { q: 'When will they meet next?', must: ['January 2020', /announced|planned/i] },
  { q: '/where Auschwitz memorial', must: ['Israel', /planned|announced/i] },
  { q: '/when Leningrad memorial', must: ['January 2020', /planned|announced/i] },
];

// ---------------------------------------------------------------------------------------------
// Inferred and stated dates.
// ---------------------------------------------------------------------------------------------

const dates: Case[] = [
  {
    q: 'How do we know the climate conference meeting was on 30 November 2015?',
    must: ['30 November 2015', /eventputin301115/],
    inferred: true,
  },
  {
    q: 'Is the date of the Sochi meeting stated or inferred?',
    must: ['12 September 2019', /stated|Sept\. 12 2019/i],
    mustNot: ['12 September 2019 (inferred)', /January 2020/],
  },
  {
    q: 'Is the date of the Moscow 2016 meeting known?',
    must: [/\b2016\b/, /no day or month/i],
    mustNot: [monthOf(2016)],
    inferred: true,
  },
  {
    q: 'What day did they meet in Paris in 2018?',
    must: ['November 2018', /no day|not give the day|day is not given/i],
    mustNot: [/\b\d{1,2} November 2018/],
    inferred: true,
  },
];

// ---------------------------------------------------------------------------------------------
// Typos, spelling variants, nicknames, case and punctuation.
// ---------------------------------------------------------------------------------------------

const spelling: Case[] = [
  {
    q: 'When did Netanyhau meet Vladmir Putin in Sotchi?',
    must: ['12 September 2019', 'Sochi'],
    mustNot: [/Paris/],
  },
  { q: '/when Sotchi', must: ['12 September 2019', 'Sochi'], mustNot: [/Paris/] },
  { q: '/where Bocharov Ruchei', must: ['Sochi', 'Bocharov Ruchey'], mustNot: [/Moscow/] },
  {
    q: 'when did bibi and putin meet at bocharov ruchei',
    must: ['12 September 2019', 'Sochi'],
    mustNot: [/Paris/],
  },
  {
    q: 'When did Bibi go to Moskow?',
    must: ['Moscow', /\b2016\b/, 'September 2015'],
    mustNot: [/Sochi/, /Paris, /],
    inferred: true,
  },
  { q: 'WHEN DID THEY MEET IN SOCHI???', must: ['12 September 2019', 'Sochi'], mustNot: [/Paris/] },
  { q: 'when did they meet in sochi', must: ['12 September 2019', 'Sochi'], mustNot: [/Paris/] },
  { q: 'netanyahu putin sochi', must: ['12 September 2019', 'Sochi'], mustNot: [/Paris/] },
  {
    q: 'Putin & Netanyahu -- Paris, 2018?',
    must: ['November 2018', 'Paris'],
    mustNot: ['30 November 2015', /Sochi/],
  },
  {
    q: 'When did Netanyau and Putn meet in Paris in 2018?',
    must: ['November 2018', 'Paris'],
    mustNot: ['30 November 2015'],
  },
  { q: '   where   did they meet in 2016 ??  ', must: ['Moscow'], mustNot: [/Sochi/, /Paris/] },
  { q: '/ask When did they meet in Sochi?', must: ['12 September 2019', 'Sochi'], mustNot: [/Paris/] },
];

describe('when and where', () => {
  it.each(whenWhere)('$q', checkCase);
});
describe('lists and meetings', () => {
  it.each(lists)('$q', checkCase);
});
describe('quotes', () => {
  it.each(quotes)('$q', checkCase);
});
describe('topics', () => {
  it.each(topics)('$q', checkCase);
});
describe('people', () => {
  it.each(people)('$q', checkCase);
});
describe('sources', () => {
  it.each(sources)('$q', checkCase);
});
describe('related events', () => {
  it.each(events)('$q', checkCase);
});
describe('the planned January 2020 visit', () => {
  it.each(planned)('$q', checkCase);
});
describe('inferred and stated dates', () => {
  it.each(dates)('$q', checkCase);
});
describe('typos, nicknames, case and punctuation', () => {
  it.each(spelling)('$q', checkCase);
});

// ---------------------------------------------------------------------------------------------
// Questions the articles do not answer: say so plainly, and invent no date or place.
// ---------------------------------------------------------------------------------------------

interface Unanswerable {
  q: string;
  mustNot?: Pattern[];
}

const unanswerable: Unanswerable[] = [
  { q: 'Did they meet in London?' },
  { q: 'When did Netanyahu and Putin meet in London?' },
  { q: '/meeting London' },
  { q: '/when London' },
  { q: '/meetings place:London' },
  { q: '/topics meeting:London' },
  { q: '/sources meeting:London' },
  { q: 'Did they meet in Washington?' },
  { q: 'Did they meet at the G20?' },
  { q: 'Did they discuss Ukraine?' },
  { q: 'What did Putin say about Ukraine?' },
  { q: 'Did Putin mention Crimea?' },
  { q: 'What did Putin say about Trump?' },
  { q: 'What did Netanyahu say about Trump?' },
  { q: '/quote speaker:Trump' },
  { q: 'Did Trump attend the Paris meeting?', mustNot: [/\byes\b/i] },
  { q: 'What did they eat in Sochi?', mustNot: [/Knesset|Iran|Auschwitz/] },
  { q: 'What was the weather like in Sochi?', mustNot: [/Knesset|Iran|Auschwitz/] },
  { q: 'What did they say about the weather?' },
  { q: 'What did Putin wear in Sochi?', mustNot: [/Knesset|Iran|Auschwitz/] },
  // The detail asked for is a word the articles never use, though the rest of the question is theirs.
  { q: 'What colour was the table at the Sochi meeting?' },
  { q: 'How much money is in the dairy memorandum?' },
];

const SAYS_NOT_IN_ARTICLES =
  /not in the articles|articles? (?:do not|don't|does not|doesn't|never) (?:say|mention|report|record|name)|articles (?:record|report) no|don't know|can't find|no quote/i;

describe('questions the articles do not answer', () => {
  it.each(unanswerable)('$q', ({ q, mustNot = [] }) => {
    const { reply } = ask(q);
    const shown = body(reply);
    const where = `${q}\n---\n${shown}`;
    expect(reply.kind, where).not.toBe('error');
    expect(reply.kind === 'not-found' || SAYS_NOT_IN_ARTICLES.test(shown), `${where}\n(must say so)`).toBe(
      true,
    );
    expect(shown, where).toMatch(SAYS_NOT_IN_ARTICLES);
    // No invented date: neither a day, a month nor a year the question did not give.
    expect(shown, where).not.toMatch(DAY_MONTH);
    expect(shown, where).not.toMatch(MONTH_YEAR);
    for (const year of shown.match(/\b(?:19|20)\d\d\b/g) ?? []) expect(q, where).toContain(year);
    // No invented place: no meeting place the question did not name.
    for (const place of MEETING_PLACES) {
      if (!q.toLowerCase().includes(place.toLowerCase())) expect(shown, where).not.toContain(place);
    }
    for (const p of mustNot) expect(shown, where).not.toMatch(p);
  });
});

// ---------------------------------------------------------------------------------------------
// Bespoke checks: citations, quote citations, pagination, random quotes, help.
// ---------------------------------------------------------------------------------------------

describe('citations', () => {
  it('a quote citation names who said it, when and where', () => {
    const { reply } = ask('/quote speaker:Putin query:triumph of light');
    expect(reply.kind).toBe('answer');
    const first = reply.citations[0];
    expect(first?.quote?.speaker).toMatch(/Vladimir Putin/);
    expect(first?.quote?.date).toMatch(/30 November 2015/);
    expect(first?.quote?.date).toMatch(/inferred/);
    expect(first?.quote?.place).toMatch(/Paris/);
  });

  it('a quote said away from the meeting keeps its place unstated ("We haven\'t planned yet")', () => {
    const { reply } = ask('Who said "We haven\'t planned yet"?');
    const quote = reply.citations[0]?.quote;
    expect(quote?.speaker).toMatch(/Putin/);
    expect(quote?.date).toMatch(/November 2018/);
    expect(quote?.place).toMatch(/not stated|unknown|not (?:given|known)/i);
    expect(quote?.place).not.toMatch(/Paris/);
  });

  it('the Sochi quote carries the stated date, without "inferred"', () => {
    const { reply } = ask('Who said "intolerable threat"?');
    const quote = reply.citations[0]?.quote;
    expect(quote?.date).toBe('12 September 2019');
    expect(quote?.place).toMatch(/Sochi/);
    expect(reply.citations[0]?.sourceId).toBe('sochi-2019');
  });

  it('the Paris 2015 answer cites the gov.il release with its address', () => {
    const { reply } = ask('When did they meet at the climate conference?');
    const govil = reply.citations.find((c) => c.sourceId === 'govil-paris-2015');
    expect(govil?.url).toBe('https://www.gov.il/en/pages/eventputin301115');
    expect(govil?.publisher).toBe('gov.il');
    expect(govil?.published).toMatch(/30 November 2015.*inferred/);
  });

  it('a citation shows its publication date as inferred when the text does not print it', () => {
    const { reply } = ask('/when Sochi');
    const sochi = reply.citations.find((c) => c.sourceId === 'sochi-2019');
    expect(sochi?.title).toBe('Netanyahu and Putin meet at Bocharov Ruchey in Sochi');
    expect(sochi?.published).toMatch(/September 2019.*inferred/);
  });

  it('the console shows the sources under the answer', () => {
    const { text } = ask('When did they meet at the Kremlin?');
    expect(text).toMatch(/Sources:\n\s+\[1\] .*Netanyahu, Putin hail strong bilateral ties and cooperation/);
  });
});

describe('pagination with /next and /prev', () => {
  it('turns the pages of /meetings, newest first, and stops at the ends', () => {
    const session = newSession();
    const first = ask('/meetings', session);
    expect(first.reply.page).toMatchObject({ index: 1, count: 2 });
    const page1 = body(first.reply);
    expect(page1).toMatch(/8 meetings/);
    expect(page1).toContain('Sochi, 12 September 2019');
    expect(page1).toMatch(/January 2020 \(planned\)/);
    expect(page1).not.toContain('Jerusalem');
    expect(page1.indexOf('Sochi, 12 September 2019')).toBeLessThan(page1.indexOf('Paris, November 2018'));
    // The telephone contacts of 2015 came before Paris on 30 November, so they start page 2.
    expect(page1).toContain('Paris, 30 November 2015');

    const second = ask('/next', session);
    expect(second.reply.page).toMatchObject({ index: 2, count: 2 });
    const page2 = body(second.reply);
    expect(page2).toContain('By telephone, 2015');
    expect(page2).toContain('Moscow, September 2015');
    expect(page2).toContain('Jerusalem, 25 June 2012');
    expect(page2).not.toContain('Sochi, 12 September 2019');
    expect(second.reply.citations.length).toBeGreaterThan(0);

    const beyond = ask('/next', session);
    expect(beyond.reply.kind).toBe('usage');
    expect(beyond.text).toMatch(/2 pages/);

    const back = ask('/prev', session);
    expect(back.reply.page).toMatchObject({ index: 1, count: 2 });
    expect(body(back.reply)).toContain('Sochi, 12 September 2019');
  });

  it('/prev before any list says there is nothing to turn', () => {
    expect(ask('/prev', newSession()).reply.kind).toBe('usage');
    expect(ask('/next', newSession()).reply.kind).toBe('usage');
  });

  it('turns the pages of the Sochi quotes, every one from Sochi', () => {
    const session = newSession();
    const first = ask('/quote meeting:Sochi', session);
    expect(first.reply.page?.index).toBe(1);
    const second = ask('/next', session);
    expect(second.reply.page?.index).toBe(2);
    expect(body(second.reply)).not.toBe(body(first.reply));
    for (const c of [...first.reply.citations, ...second.reply.citations]) {
      expect(c.sourceId).toBe('sochi-2019');
      expect(c.quote?.place).toMatch(/Sochi/);
    }
  });

  it('names every topic on the first page of /topics, with how many meetings it came up at', () => {
    const { reply } = ask('/topics', newSession());
    for (const topic of engine().kb.topics.filter((t) => engine().catalogue.meetingsAbout(t.id).length))
      expect(reply.text).toContain(`${topic.label} (${engine().catalogue.meetingsAbout(topic.id).length})`);
  });

  it('walks every page of /topics without repeating a topic', () => {
    const session = newSession();
    let answer = ask('/topics', session);
    const seen: string[] = [];
    const count = answer.reply.page?.count ?? 1;
    expect(count).toBeGreaterThan(1);
    for (let i = 1; i <= count; i++) {
      if (i > 1) answer = ask('/next', session);
      expect(answer.reply.page?.index).toBe(i);
      for (const f of answer.reply.fields) seen.push(f.name);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.join('\n')).toMatch(/Hanukkah/);
    expect(seen.join('\n')).toMatch(/Future meetings/);
    expect(seen.join('\n')).toMatch(/Iran/);
  });
});

describe('a random quote', () => {
  it('is the same for the same random source', () => {
    const a = ask(
      '/quote',
      newSession(() => 0.3),
    );
    const b = ask(
      '/quote',
      newSession(() => 0.3),
    );
    expect(a.text).toBe(b.text);
  });

  it('changes with the random source, and always carries speaker, date and place', () => {
    const texts = new Set<string>();
    for (const r of [0, 0.2, 0.4, 0.6, 0.8, 0.999]) {
      const { reply, text } = ask(
        '/quote',
        newSession(() => r),
      );
      expect(reply.kind).toBe('answer');
      expect(reply.citations.length).toBeGreaterThan(0);
      const quote = reply.citations[0]?.quote;
      expect(quote?.speaker).toMatch(/Netanyahu|Putin/);
      expect(quote?.date).toMatch(/\d{4}/);
      expect(quote?.place).toMatch(/\S/);
      texts.add(text);
    }
    expect(texts.size).toBeGreaterThan(1);
  });
});

describe('help', () => {
  it('/help lists every command', () => {
    const { reply } = ask('/help');
    expect(reply.kind).toBe('answer');
    const names = reply.fields.map((f) => f.name);
    for (const c of [
      '/ask',
      '/meetings',
      '/meeting',
      '/quote',
      '/when',
      '/where',
      '/topics',
      '/sources',
      '/help',
    ]) {
      expect(names).toContain(c);
    }
    expect(body(reply)).toMatch(/inferred/);
  });

  it('an unknown command is a usage hint, not an answer', () => {
    expect(ask('/foo').reply.kind).toBe('usage');
  });
});

import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from './random.js';
import {
  ADJECTIVES,
  ADVERBS,
  BODIES,
  CITY_ALIASES,
  CLOSINGS,
  CODAS,
  COUNTRIES,
  EVENT_SEEDS,
  FIRST_NAMES,
  LAST_NAMES,
  MONTH_NAMES,
  NOUNS,
  OCCASION_KINDS,
  ONSETS,
  OPENINGS,
  PUBLISHERS,
  ROLES,
  TOPICS,
  type TopicSeed,
  VENUE_KINDS,
  VERBS,
  VOWELS,
} from './words.js';
import { yamlRecord } from './yaml-writer.js';

/**
 * Writes a synthetic fact base in the format of knowledge/: one article per meeting, and every
 * evidence span, quote and context cut from that article's text, so the real loader validates
 * it in full. The same size and seed always give the same files.
 */

export interface SyntheticOptions {
  meetings: number;
  seed?: number;
}

export interface SyntheticSummary {
  meetings: number;
  quotes: number;
  events: number;
  places: number;
  people: number;
  topics: number;
  sources: number;
  bytes: number;
}

interface Evidence {
  source: string;
  text: string;
}

interface PlaceSeed {
  id: string;
  name: string;
  kind: 'country' | 'city' | 'venue';
  within?: string;
  description?: string;
  aliases: string[];
  evidence?: Evidence;
}

interface PersonSeed {
  id: string;
  name: string;
  last: string;
  role: string;
  aliases: string[];
  evidence?: Evidence;
}

interface TopicEntry {
  id: string;
  seed: TopicSeed;
  evidence?: Evidence;
}

const FIRST_YEAR = 1999;
const LAST_YEAR = 2024;

export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const isoDate = (y: number, m: number, d?: number) =>
  d ? `${y}-${pad(m, 2)}-${pad(d, 2)}` : `${y}-${pad(m, 2)}`;
const longDate = (y: number, m: number, d: number) => `${MONTH_NAMES[m - 1]} ${d}, ${y}`;
const dayMonthYear = (y: number, m: number, d: number) => `${d} ${MONTH_NAMES[m - 1]} ${y}`;

function madeUpName(r: Random): string {
  const parts = Array.from({ length: r.int(2, 3) }, () => r.pick(ONSETS) + r.pick(VOWELS) + r.pick(CODAS));
  return capitalise(parts.join(''));
}

/** Appends YAML records to one file, a record at a time, so that memory stays flat at any size. */
class YamlFile {
  private readonly fd: number;
  bytes = 0;
  count = 0;

  constructor(path: string, header: string) {
    this.fd = openSync(path, 'w');
    this.write(`${header}\n\n`);
  }

  add(record: object): void {
    this.write(yamlRecord(record));
    this.count++;
  }

  private write(text: string): void {
    this.bytes += writeSync(this.fd, text);
  }

  /** Closes the file; one without records holds an empty list, which is still a list. */
  close(): void {
    if (this.count === 0) this.write('[]\n');
    closeSync(this.fd);
  }
}

/** The pools meetings are drawn from: places, people, topics. Only those a meeting uses are written. */
class World {
  readonly countries: PlaceSeed[] = [];
  readonly cities: { place: PlaceSeed; country: PlaceSeed }[] = [];
  readonly venues: { place: PlaceSeed; city: number }[] = [];
  readonly venuesOfCity = new Map<number, number[]>();
  readonly people: PersonSeed[] = [];
  readonly topics: TopicEntry[];
  private readonly ids = new Set<string>();

  constructor(
    readonly r: Random,
    meetings: number,
  ) {
    for (const seed of COUNTRIES) {
      const country: PlaceSeed = {
        id: this.uniqueId(slug(seed.name)),
        name: seed.name,
        kind: 'country',
        aliases: seed.aliases,
      };
      this.countries.push(country);
      for (const name of seed.cities) {
        const place: PlaceSeed = {
          id: this.uniqueId(slug(name)),
          name,
          kind: 'city',
          within: country.id,
          aliases: CITY_ALIASES[name] ?? [],
        };
        this.cities.push({ place, country });
      }
    }
    const venueCount = Math.max(60, Math.round(meetings / 40));
    for (let i = 0; i < venueCount; i++) {
      const city = this.cityIndex();
      const proper = madeUpName(r);
      const kind = r.pick(VENUE_KINDS);
      const name = kind === 'Hotel' || kind === 'Villa' ? `${kind} ${proper}` : `${proper} ${kind}`;
      const cityPlace = this.cities[city]?.place as PlaceSeed;
      const place: PlaceSeed = {
        id: this.uniqueId(slug(name)),
        name,
        kind: 'venue',
        within: cityPlace.id,
        description: `A ${kind.toLowerCase()} in ${cityPlace.name}.`,
        aliases: r.chance(0.5) ? [`the ${proper} ${kind === 'Hotel' ? 'hotel' : 'complex'}`] : [],
      };
      this.venues.push({ place, city });
      this.venuesOfCity.set(city, [...(this.venuesOfCity.get(city) ?? []), i]);
    }
    this.people.push(
      {
        id: 'netanyahu',
        name: 'Benjamin Netanyahu',
        last: 'Netanyahu',
        role: 'Prime Minister of Israel',
        aliases: ['Netanyahu', 'Bibi', 'Binyamin Netanyahu', 'Israeli Prime Minister'],
      },
      {
        id: 'putin',
        name: 'Vladimir Putin',
        last: 'Putin',
        role: 'President of Russia',
        aliases: ['Putin', 'Vladimir Vladimirovich', 'Russian President'],
      },
    );
    const peopleCount = Math.min(800, Math.max(20, Math.round(meetings / 150)));
    for (let i = 0; i < peopleCount; i++) {
      const last = r.chance(0.5)
        ? r.pick(LAST_NAMES)
        : `${madeUpName(r)}${r.pick(['ov', 'in', 'ski', 'man', 'el'])}`;
      const name = `${r.pick(FIRST_NAMES)} ${last}`;
      const id = slug(name);
      if (this.ids.has(id)) continue;
      this.ids.add(id);
      this.people.push({ id, name, last, role: r.pick(ROLES), aliases: r.chance(0.3) ? [last] : [] });
    }
    this.topics = TOPICS.map((seed) => ({ id: this.uniqueId(slug(seed.label)), seed }));
  }

  private uniqueId(base: string): string {
    let id = base;
    for (let n = 2; this.ids.has(id); n++) id = `${base}-${n}`;
    this.ids.add(id);
    return id;
  }

  /** Most meetings happen in a few capitals and resorts; the rest anywhere. */
  cityIndex(): number {
    const favourites = ['Moscow', 'Sochi', 'Jerusalem', 'Tel Aviv', 'Saint Petersburg', 'Paris'];
    if (this.r.chance(0.4)) {
      const name = this.r.pick(favourites);
      return this.cities.findIndex((c) => c.place.name === name);
    }
    return this.r.int(0, this.cities.length - 1);
  }
}

/**
 * A leader's statement of 20 to 40 words, touching a topic now and then, and most of the time
 * something concrete: a city, a person, a number, an institution, as real statements do.
 */
function statement(r: Random, concrete: () => string, topic?: TopicSeed): string {
  const target = r.int(20, 34);
  const parts = [
    r.pick(OPENINGS),
    `${r.pick(VERBS)} the ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)} of our ${r.pick(NOUNS)}`,
  ];
  if (topic) parts.push(`when it comes to ${topic.phrase}`);
  if (r.chance(0.7)) parts.push(concrete());
  const clauses = [
    () => `and ${r.pick(ADVERBS)} ${r.pick(VERBS)} the ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`,
    () => `with ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)} and ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`,
    () => `for the ${r.pick(NOUNS)} of our ${r.pick(NOUNS)}`,
    () => `because ${r.pick(NOUNS)} without ${r.pick(NOUNS)} is ${r.pick(ADJECTIVES)}`,
  ];
  while (words(parts.join(' ')) < target) parts.push(r.pick(clauses)());
  const closing = r.pick(CLOSINGS);
  if (words(parts.join(' ')) + words(closing) <= 40) parts.push(closing);
  const text = parts.join(' ').split(' ').slice(0, 40).join(' ');
  return `${capitalise(text)}.`;
}

/** One sentence of background, as news stories carry around the facts they report. */
function backgroundLine(r: Random, city: string): string {
  return capitalise(
    `${r.pick(['officials in', 'observers in', 'residents of', 'analysts in'])} ${city} ${r.pick(VERBS)} the ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)} of the ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)} ${r.pick(CLOSINGS).replace(/^(and|so|as|because|which) /, 'and ')}.`,
  );
}

const uniqueDays = (r: Random, count: number) => {
  const days: [number, number, number][] = [];
  for (let i = 0; i < count; i++) {
    const y = r.int(FIRST_YEAR, LAST_YEAR);
    const m = r.int(1, 12);
    const d = r.int(1, new Date(Date.UTC(y, m, 0)).getUTCDate());
    days.push([y, m, d]);
  }
  return days.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
};

/** Writes the fact base into `dir` (replacing what was there) and says what it holds. */
export function generateKnowledge(
  dir: string,
  { meetings: count, seed = 1 }: SyntheticOptions,
): SyntheticSummary {
  const r = new Random(seed * 7919 + count);
  const world = new World(r, count);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'articles'), { recursive: true });
  const note = (what: string) =>
    `# Synthetic ${what} for benchmarks (${count} meetings, seed ${seed}); generated, not hand-edited.`;
  const files = {
    meetings: new YamlFile(join(dir, 'meetings.yaml'), note('meetings')),
    quotes: new YamlFile(join(dir, 'quotes.yaml'), note('quotes')),
    sources: new YamlFile(join(dir, 'sources.yaml'), note('sources')),
  };
  const events: object[] = [];
  const meetingIds = new Set<string>();
  const aliasesUsed = new Set<string>();
  let articleBytes = 0;
  const netanyahu = world.people[0] as PersonSeed;
  const putin = world.people[1] as PersonSeed;

  uniqueDays(r, count).forEach(([y, m, d], index) => {
    const kind = r.chance(0.85) ? 'reported' : r.pick(['recalled', 'photo', 'planned'] as const);
    const phone = kind !== 'planned' && r.chance(0.06);
    const cityIndex = world.cityIndex();
    const { place: city, country } = world.cities[cityIndex] as (typeof world.cities)[number];
    const venueIds = world.venuesOfCity.get(cityIndex) ?? [];
    const venue =
      !phone && kind !== 'planned' && venueIds.length && r.chance(0.85)
        ? world.venues[r.pick(venueIds)]?.place
        : undefined;
    const monthOnly = kind === 'planned' || (!phone && r.chance(0.08));

    let id = phone ? `phone-${isoDate(y, m, d)}` : `${city.id}-${isoDate(y, m, d)}`;
    const base = id;
    for (let n = 2; meetingIds.has(id); n++) id = `${base}-${n}`;
    meetingIds.add(id);
    const publisher = r.pick(PUBLISHERS);
    const sourceId = `${slug(publisher)}-${id}`;
    const file = `${pad(index, 6)}.txt`;
    const cite = (text: string): Evidence => ({ source: sourceId, text });

    const occasion = !phone && kind !== 'planned' && r.chance(0.3) ? r.pick(OCCASION_KINDS) : undefined;
    const occasionLabel = occasion ? `${city.name} ${occasion.label} ${y}` : undefined;
    const others = r.sample(world.people.slice(2), r.chance(0.35) ? r.int(1, 2) : 0);
    const topics = r.sample(world.topics, r.int(2, 4));

    // --- the article, sentence by sentence, remembering the spans the records cite
    const leaders = 'Prime Minister Benjamin Netanyahu';
    const president = 'Russian President Vladimir Putin';
    const cityCountry = `${city.name}, ${country.name}`;
    const where = venue ? `at ${venue.name} in ${cityCountry}` : `in ${cityCountry}`;
    const when = monthOnly ? `in ${MONTH_NAMES[m - 1]}` : `on ${longDate(y, m, d)}`;
    const whenSpan = kind === 'planned' ? `in ${MONTH_NAMES[m - 1]} ${y}` : when;
    const lead = phone
      ? `${leaders} spoke by telephone with ${president} ${when}.`
      : {
          reported: `${leaders} met ${president} ${where} ${when}.`,
          recalled: `${leaders} recalled that he had met ${president} ${where} ${when}.`,
          photo: `A photo shows ${leaders} with ${president} ${where} ${when}.`,
          planned: `${leaders} said that ${president} will visit ${cityCountry} ${whenSpan}.`,
        }[kind];
    const formats: { value: string; span: string; sentence: string }[] = [];
    if (phone) formats.push({ value: 'phone', span: 'spoke by telephone', sentence: '' });
    else if (kind === 'planned')
      formats.push({ value: 'visit', span: `will visit ${city.name}`, sentence: '' });
    else {
      if (occasion) {
        const span = `on the sidelines of the ${occasionLabel}`;
        formats.push({ value: 'sidelines', span, sentence: `They spoke ${span}.` });
      }
      const main = r.pick(['formal', 'formal', 'visit', 'impromptu'] as const);
      const mainSpans = {
        formal: ['held formal talks', `The two leaders held formal talks that lasted ${r.int(1, 4)} hours.`],
        visit: ['on an official visit', `${r.pick(['Netanyahu', 'Putin'])} was there on an official visit.`],
        impromptu: ['brief and impromptu', 'The conversation was brief and impromptu.'],
      } as const;
      const [span, sentence] = mainSpans[main];
      formats.push({ value: main, span, sentence });
      if (r.chance(0.25)) {
        formats.push({
          value: 'press-conference',
          span: 'held a joint press conference',
          sentence: 'Afterwards they held a joint press conference.',
        });
      }
    }
    const topicSentence = `The talks focused on ${topics
      .map((t) => t.seed.phrase)
      .join(', ')
      .replace(/, ([^,]*)$/, ' and $1')}.`;
    const peopleSpans = others.map((p) => `${p.name}, ${p.role}`);
    const peopleSentence = peopleSpans.length ? `Also present: ${peopleSpans.join('; ')}.` : '';

    const speakers = [netanyahu, putin, ...others];
    const concrete = () =>
      r.pick([
        () => `for the people of ${r.pick(world.cities).place.name}`,
        () => `as my friend ${r.pick(FIRST_NAMES)} ${madeUpName(r)} says`,
        () => `for the ${r.int(2, 900)} ${r.pick(NOUNS)} of ${city.name}`,
        () => `with the ${madeUpName(r)} ${r.pick(BODIES)}`,
      ])();
    const quoteCount = r.int(2, 4);
    const quotes = Array.from({ length: quoteCount }, (_, n) => {
      const speaker = n < 2 || !others.length ? speakers[n % 2] : r.pick(speakers);
      const topic = r.chance(0.6) ? r.pick(topics) : undefined;
      const said = statement(r, concrete, topic?.seed);
      const direct = r.chance(0.8);
      const text = direct
        ? said
        : `${speaker?.last} said that ${said.charAt(0).toLowerCase()}${said.slice(1)}`;
      const sentence = direct ? `“${said}” said ${speaker?.name}.` : text;
      return {
        record: {
          id: `${id}-q${n + 1}`,
          kind: direct ? 'direct' : 'paraphrase',
          speaker: speaker?.id,
          addressee: r.chance(0.2) ? (speaker === netanyahu ? putin.id : netanyahu.id) : undefined,
          text,
          source: sourceId,
          meeting: id,
          topics: topic ? [topic.id] : [],
          context: direct && r.chance(0.3) ? sentence : undefined,
        },
        sentence,
      };
    });

    let eventSentence = '';
    let related: string[] = [];
    if (r.chance(0.04)) {
      const seedEvent = r.pick(EVENT_SEEDS);
      const back = new Date(Date.UTC(y, m - 1, d - r.int(2, 60)));
      const [ey, em, ed] = [back.getUTCFullYear(), back.getUTCMonth() + 1, back.getUTCDate()];
      const dateSpan = `on ${longDate(ey, em, ed)}`;
      eventSentence = `The meeting came after the ${seedEvent.label.charAt(0).toLowerCase()}${seedEvent.label.slice(1)} ${dateSpan}.`;
      const eventId = `${slug(seedEvent.label).split('-').slice(0, 4).join('-')}-${isoDate(ey, em, ed)}-${events.length + 1}`;
      related = [eventId];
      events.push({
        id: eventId,
        kind: seedEvent.kind,
        label: `${seedEvent.label} (${MONTH_NAMES[em - 1]} ${ey})`,
        aliases: [...seedEvent.aliases],
        date: { value: isoDate(ey, em, ed), status: 'stated', evidence: [cite(dateSpan)] },
        place: phone ? undefined : { city: city.id, evidence: [cite(cityCountry)] },
        people: [netanyahu.id, putin.id],
        topics: topics.slice(0, 1).map((t) => t.id),
        meetings: [id],
        summary: `${seedEvent.label}, ${dayMonthYear(ey, em, ed)}, shortly before the leaders met${phone ? ' by telephone' : ` in ${city.name}`}.`,
        evidence: [cite(eventSentence)],
      });
    }
    // Each article names a few people and bodies of its own, as news does: the vocabulary of a
    // real corpus keeps growing with its size, and so the cost of finding a misspelt word.
    const organiser = `${r.pick(FIRST_NAMES)} ${madeUpName(r)}${r.pick(['ov', 'in', 'ski', 'man', 'el', 'berg'])}`;
    const backgroundSentence = `The visit was prepared by ${organiser} of the ${madeUpName(r)} ${r.pick(BODIES)}, with help from the ${madeUpName(r)} ${r.pick(BODIES)}.`;
    // The rest of a news story: background sentences that no record cites, about thirty
    // sentences an article in all, so the passage index holds what a real article holds.
    const background = Array.from({ length: 4 }, () =>
      Array.from({ length: r.int(4, 6) }, () => backgroundLine(r, city.name)).join(' '),
    );
    const noteSentence = r.chance(0.03)
      ? `It was their ${r.pick(['second', 'third', 'fourth', 'fifth'])} meeting that year.`
      : '';

    const published = new Date(Date.UTC(y, m - 1, (monthOnly ? 28 : d) + r.int(0, 2)));
    const [py, pm, pd] = [published.getUTCFullYear(), published.getUTCMonth() + 1, published.getUTCDate()];
    const topicLabel = (topics[0] as TopicEntry).seed.label;
    const headline = phone
      ? `Netanyahu and Putin speak by phone about ${topicLabel}`
      : {
          reported: r.pick([
            `Netanyahu and Putin discuss ${topicLabel} in ${city.name}`,
            `Putin hosts Netanyahu${venue ? ` at ${venue.name}` : ` in ${city.name}`}`,
            `Netanyahu meets Putin in ${city.name}, talks ${topicLabel}`,
          ]),
          recalled: `Netanyahu recalls talks with Putin in ${city.name}`,
          photo: `In pictures: Netanyahu and Putin in ${city.name}`,
          planned: `Putin to visit ${city.name}, Netanyahu says`,
        }[kind];
    const author = r.chance(0.7) ? `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}` : undefined;
    const dateline = `Published ${dayMonthYear(py, pm, pd)}${author ? ` · By ${author}` : ''}`;
    const article = [
      publisher,
      headline,
      dateline,
      [lead, ...formats.map((f) => f.sentence)].filter(Boolean).join(' '),
      [topicSentence, peopleSentence, noteSentence].filter(Boolean).join(' '),
      backgroundSentence,
      ...background,
      ...quotes.map((q) => q.sentence),
      eventSentence,
      `${r
        .pick(CLOSINGS)
        .replace(/^and /, '')
        .replace(/^./, (c) => c.toUpperCase())}, officials said.`,
    ]
      .filter(Boolean)
      .join('\n\n');
    writeFileSync(join(dir, 'articles', file), `${article}\n`);
    articleBytes += Buffer.byteLength(article) + 1;

    // --- the records
    netanyahu.evidence ??= cite(leaders);
    putin.evidence ??= cite(president);
    others.forEach((p, i) => {
      p.evidence ??= cite(peopleSpans[i] as string);
    });
    if (!phone) {
      country.evidence ??= cite(cityCountry);
      city.evidence ??= cite(cityCountry);
    }
    if (venue) venue.evidence ??= cite(`${venue.name} in ${city.name}`);
    for (const t of topics) t.evidence ??= cite(t.seed.phrase);

    const aliases: string[] = [];
    const yearAlias = `${phone ? 'Phone call' : city.name} ${y}`;
    if (!aliasesUsed.has(yearAlias)) aliases.push(yearAlias);
    aliasesUsed.add(yearAlias);
    if (occasion) aliases.push(`${occasion.label} meeting ${y}`);

    files.meetings.add({
      id,
      kind,
      aliases,
      date:
        monthOnly && kind !== 'planned'
          ? {
              value: isoDate(y, m),
              status: 'inferred',
              reasoning: `The article says only "${when}"; it was published in ${MONTH_NAMES[pm - 1]} ${py}, so ${MONTH_NAMES[m - 1]} ${y}.`,
              evidence: [cite(when), cite(dateline.split(' · ')[0] as string)],
            }
          : {
              value: monthOnly ? isoDate(y, m) : isoDate(y, m, d),
              status: 'stated',
              evidence: [cite(whenSpan)],
            },
      place: phone
        ? undefined
        : {
            city: city.id,
            venue: venue?.id,
            evidence: [cite(venue ? `${venue.name} in ${city.name}` : cityCountry)],
          },
      occasion: occasion
        ? {
            label: occasionLabel,
            aliases: [...occasion.aliases, `${city.name} ${occasion.aliases[0]}`],
            evidence: [cite(occasionLabel as string)],
          }
        : undefined,
      format: { values: formats.map((f) => f.value), evidence: formats.map((f) => cite(f.span)) },
      participants: [netanyahu.id, putin.id, ...others.map((p) => p.id)],
      topics: topics.map((t) => ({ topic: t.id, evidence: [cite(t.seed.phrase)] })),
      related,
      notes: noteSentence ? [{ text: noteSentence, evidence: [cite(noteSentence)] }] : [],
      summary: `${phone ? 'Netanyahu and Putin spoke by telephone' : `Netanyahu and Putin ${kind === 'planned' ? 'planned to meet' : 'met'} ${where}`} ${monthOnly ? `in ${MONTH_NAMES[m - 1]} ${y}` : `on ${dayMonthYear(y, m, d)}`}. They discussed ${topics
        .map((t) => t.seed.label.toLowerCase())
        .join(', ')}.`,
      evidence: [cite(lead)],
    });
    for (const q of quotes) files.quotes.add(q.record);
    files.sources.add({
      id: sourceId,
      file,
      title: headline,
      titleFrom: 'headline',
      publisher,
      author,
      url: r.chance(0.5) ? `https://news.example/${sourceId}` : undefined,
      published: {
        value: isoDate(py, pm, pd),
        status: 'stated',
        evidence: [{ text: dateline.split(' · ')[0] }],
      },
      evidence: [{ text: headline }],
    });
  });

  const rest = {
    events: new YamlFile(join(dir, 'events.yaml'), note('related events')),
    places: new YamlFile(join(dir, 'places.yaml'), note('places')),
    people: new YamlFile(join(dir, 'people.yaml'), note('people')),
    topics: new YamlFile(join(dir, 'topics.yaml'), note('topics')),
  };
  for (const e of events) rest.events.add(e);
  const places = [
    ...world.countries,
    ...world.cities.map((c) => c.place),
    ...world.venues.map((v) => v.place),
  ];
  for (const { evidence, ...p } of places) if (evidence) rest.places.add({ ...p, evidence: [evidence] });
  for (const { evidence, last: _last, ...p } of world.people)
    if (evidence) rest.people.add({ ...p, evidence: [evidence] });
  for (const { evidence, id, seed } of world.topics) {
    if (evidence) rest.topics.add({ id, label: seed.label, aliases: seed.aliases, evidence: [evidence] });
  }
  const all = { ...files, ...rest };
  for (const f of Object.values(all)) f.close();
  return {
    meetings: files.meetings.count,
    quotes: files.quotes.count,
    events: rest.events.count,
    places: rest.places.count,
    people: rest.people.count,
    topics: rest.topics.count,
    sources: files.sources.count,
    bytes: Object.values(all).reduce((n, f) => n + f.bytes, articleBytes),
  };
}

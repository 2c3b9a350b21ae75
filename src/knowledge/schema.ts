import { createRequire } from 'node:module';
import type { z as Zod } from 'zod';
import { COLLECTION_FILES } from './files.js';

/**
 * The schema of the hand-edited fact base. Every type the rest of the code uses for raw records
 * is inferred from here, so the YAML files, the validator and the engine cannot drift apart.
 */

export const placeKinds = ['country', 'region', 'city', 'venue'] as const;

export const meetingFormats = [
  'formal',
  'sidelines',
  'impromptu',
  'press-conference',
  'phone',
  'visit',
] as const;

export const meetingKinds = ['reported', 'recalled', 'photo', 'planned'] as const;

export const eventKinds = ['incident', 'arrangement', 'meeting', 'announcement', 'anniversary'] as const;

/**
 * The schemas, built on first use: zod takes a tenth of a second to load, which a start from a
 * snapshot (see snapshot.ts) never needs to pay.
 */
function defineSchemas(z: typeof Zod) {
  const idSchema = z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lowercase words joined by hyphens, like "paris-2015"');

  const text = z.string().trim().min(1, 'must not be empty');

  const evidenceSchema = z.strictObject({ source: idSchema, text });

  /** Inside sources.yaml the source of a span is the record itself. */
  const ownSpanSchema = z.strictObject({ text });

  const DATE_FORM = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

  function isRealDate(value: string): boolean {
    const match = DATE_FORM.exec(value);
    if (!match) return false;
    const [, y, m, d] = match;
    if (m === undefined) return true;
    const month = Number(m);
    if (month < 1 || month > 12) return false;
    if (d === undefined) return true;
    const day = Number(d);
    const last = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
    return day >= 1 && day <= last;
  }

  /** YAML reads `2015` as a number; hand editors should not have to quote a year. */
  const dateValueSchema = z
    .union([z.string(), z.number().int()])
    .transform(String)
    .refine((v) => DATE_FORM.test(v), 'a date is YYYY, YYYY-MM or YYYY-MM-DD')
    .refine(isRealDate, 'not a real calendar date');

  const inferable = {
    status: z.enum(['stated', 'inferred']).default('stated'),
    reasoning: text.optional(),
  };

  function requireReasoning(v: { status?: string; reasoning?: string | undefined }, ctx: Zod.RefinementCtx) {
    if (v.status === 'inferred' && !v.reasoning) {
      ctx.addIssue({ code: 'custom', path: ['reasoning'], message: 'an inferred value needs its reasoning' });
    }
  }

  function dateFactSchema<E extends Zod.ZodType>(evidence: E) {
    return z
      .strictObject({ value: dateValueSchema, ...inferable, evidence: z.array(evidence).min(1) })
      .superRefine(requireReasoning);
  }

  const dateFact = dateFactSchema(evidenceSchema);

  /**
   * A meeting's date may say which meetings the articles place it after or before: a date known
   * only to its month or year then sorts between them, not at the end of its month or year.
   */
  const meetingDate = z
    .strictObject({
      value: dateValueSchema,
      ...inferable,
      after: z.array(idSchema).optional(),
      before: z.array(idSchema).optional(),
      evidence: z.array(evidenceSchema).min(1),
    })
    .superRefine(requireReasoning);

  const aliases = z.array(text).default([]);

  const sourceSchema = z.strictObject({
    id: idSchema,
    file: text,
    title: text,
    titleFrom: z.enum(['headline', 'lead', 'description']),
    publisher: text.optional(),
    author: text.optional(),
    url: z.url().optional(),
    notes: text.optional(),
    published: dateFactSchema(ownSpanSchema),
    evidence: z.array(ownSpanSchema).min(1),
  });

  const personSchema = z.strictObject({
    id: idSchema,
    name: text,
    role: text,
    aliases,
    evidence: z.array(evidenceSchema).min(1),
  });

  const placeSchema = z
    .strictObject({
      id: idSchema,
      name: text,
      kind: z.enum(placeKinds),
      within: idSchema.optional(),
      description: text.optional(),
      ...inferable,
      countryStatus: z.enum(['stated', 'inferred']).default('stated'),
      countryReasoning: text.optional(),
      aliases,
      evidence: z.array(evidenceSchema).min(1),
    })
    .superRefine(requireReasoning)
    .superRefine((v, ctx) => {
      if (v.countryStatus === 'inferred' && !v.countryReasoning) {
        ctx.addIssue({
          code: 'custom',
          path: ['countryReasoning'],
          message: 'an inferred country needs its reasoning',
        });
      }
    });

  const topicSchema = z.strictObject({
    id: idSchema,
    label: text,
    aliases,
    evidence: z.array(evidenceSchema).min(1),
  });

  /** Where a meeting, event or quote happened: any of the place levels, or explicitly unknown. */
  const placeRefSchema = z
    .strictObject({
      country: idSchema.optional(),
      region: idSchema.optional(),
      city: idSchema.optional(),
      venue: idSchema.optional(),
      unknown: z.literal(true).optional(),
      ...inferable,
      evidence: z.array(evidenceSchema).min(1),
    })
    .superRefine(requireReasoning)
    .superRefine((v, ctx) => {
      const named = [v.country, v.region, v.city, v.venue].some(Boolean);
      if (named === Boolean(v.unknown)) {
        ctx.addIssue({
          code: 'custom',
          message: 'name a country, region, city or venue, or say `unknown: true`',
        });
      }
    });

  const occasionSchema = z.strictObject({
    label: text,
    aliases,
    evidence: z.array(evidenceSchema).min(1),
  });

  const noteSchema = z.strictObject({ text, evidence: z.array(evidenceSchema).min(1) });

  const meetingSchema = z.strictObject({
    id: idSchema,
    kind: z.enum(meetingKinds),
    aliases,
    date: meetingDate,
    place: placeRefSchema.optional(),
    occasion: occasionSchema.optional(),
    format: z.strictObject({
      values: z.array(z.enum(meetingFormats)).min(1),
      evidence: z.array(evidenceSchema).min(1),
    }),
    participants: z.array(idSchema).min(1),
    topics: z
      .array(z.strictObject({ topic: idSchema, evidence: z.array(evidenceSchema).min(1) }))
      .default([]),
    related: z.array(idSchema).default([]),
    notes: z.array(noteSchema).default([]),
    summary: text,
    evidence: z.array(evidenceSchema).min(1),
  });

  const eventSchema = z.strictObject({
    id: idSchema,
    kind: z.enum(eventKinds),
    label: text,
    aliases,
    date: dateFact,
    place: placeRefSchema.optional(),
    people: z.array(idSchema).default([]),
    topics: z.array(idSchema).default([]),
    meetings: z.array(idSchema).default([]),
    summary: text,
    evidence: z.array(evidenceSchema).min(1),
  });

  const quoteSchema = z
    .strictObject({
      id: idSchema,
      kind: z.enum(['direct', 'paraphrase']),
      speaker: idSchema.optional(),
      addressee: idSchema.optional(),
      text,
      source: idSchema,
      meeting: idSchema.optional(),
      event: idSchema.optional(),
      topics: z.array(idSchema).default([]),
      context: text.optional(),
      date: dateFact.optional(),
      place: placeRefSchema.optional(),
    })
    .superRefine((v, ctx) => {
      if (Boolean(v.meeting) === Boolean(v.event)) {
        ctx.addIssue({ code: 'custom', message: 'a quote belongs to exactly one `meeting` or one `event`' });
      }
    });

  /** One entry per YAML file: its name, and the schema of each record in its top-level list. */
  const collections = {
    sources: { file: COLLECTION_FILES.sources, schema: sourceSchema },
    people: { file: COLLECTION_FILES.people, schema: personSchema },
    places: { file: COLLECTION_FILES.places, schema: placeSchema },
    topics: { file: COLLECTION_FILES.topics, schema: topicSchema },
    meetings: { file: COLLECTION_FILES.meetings, schema: meetingSchema },
    events: { file: COLLECTION_FILES.events, schema: eventSchema },
    quotes: { file: COLLECTION_FILES.quotes, schema: quoteSchema },
  } as const;

  return { collections, evidenceSchema, dateFact, placeRefSchema };
}

type Schemas = ReturnType<typeof defineSchemas>;
let schemas: Schemas | undefined;

/** The schema of each collection, with zod loaded the first time they are needed. */
export function collectionSchemas(): Schemas['collections'] {
  schemas ??= defineSchemas((createRequire(import.meta.url)('zod') as { z: typeof Zod }).z);
  return schemas.collections;
}

type Collections = Schemas['collections'];
export type CollectionName = keyof Collections;
export type RawRecord<C extends CollectionName> = Zod.output<Collections[C]['schema']>;

export type Evidence = Zod.output<Schemas['evidenceSchema']>;
export type DateFact = Zod.output<Schemas['dateFact']>;
export type PlaceRef = Zod.output<Schemas['placeRefSchema']>;
export type SourceRecord = RawRecord<'sources'>;
export type Person = RawRecord<'people'>;
export type Place = RawRecord<'places'>;
export type Topic = RawRecord<'topics'>;
export type MeetingRecord = RawRecord<'meetings'>;
export type EventRecord = RawRecord<'events'>;
export type QuoteRecord = RawRecord<'quotes'>;
export type MeetingFormat = (typeof meetingFormats)[number];
export type MeetingKind = (typeof meetingKinds)[number];

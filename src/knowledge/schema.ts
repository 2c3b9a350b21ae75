import { z } from 'zod';

/**
 * The schema of the hand-edited fact base. Every type the rest of the code uses for raw records
 * is inferred from here, so the YAML files, the validator and the engine cannot drift apart.
 */

export const idSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lowercase words joined by hyphens, like "paris-2015"');

const text = z.string().trim().min(1, 'must not be empty');

export const evidenceSchema = z.strictObject({ source: idSchema, text });

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
export const dateValueSchema = z
  .union([z.string(), z.number().int()])
  .transform(String)
  .refine((v) => DATE_FORM.test(v), 'a date is YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(isRealDate, 'not a real calendar date');

const inferable = {
  status: z.enum(['stated', 'inferred']).default('stated'),
  reasoning: text.optional(),
};

function requireReasoning(v: { status?: string; reasoning?: string | undefined }, ctx: z.RefinementCtx) {
  if (v.status === 'inferred' && !v.reasoning) {
    ctx.addIssue({ code: 'custom', path: ['reasoning'], message: 'an inferred value needs its reasoning' });
  }
}

function dateFactSchema<E extends z.ZodType>(evidence: E) {
  return z
    .strictObject({ value: dateValueSchema, ...inferable, evidence: z.array(evidence).min(1) })
    .superRefine(requireReasoning);
}

export const dateFact = dateFactSchema(evidenceSchema);

const aliases = z.array(text).default([]);

export const sourceSchema = z.strictObject({
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

export const personSchema = z.strictObject({
  id: idSchema,
  name: text,
  role: text,
  aliases,
  evidence: z.array(evidenceSchema).min(1),
});

export const placeKinds = ['country', 'region', 'city', 'venue'] as const;

export const placeSchema = z
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

export const topicSchema = z.strictObject({
  id: idSchema,
  label: text,
  aliases,
  evidence: z.array(evidenceSchema).min(1),
});

/** Where a meeting, event or quote happened: any of the place levels, or explicitly unknown. */
export const placeRefSchema = z
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

export const occasionSchema = z.strictObject({
  label: text,
  aliases,
  evidence: z.array(evidenceSchema).min(1),
});

export const meetingFormats = [
  'formal',
  'sidelines',
  'impromptu',
  'press-conference',
  'phone',
  'visit',
] as const;
export const meetingKinds = ['reported', 'recalled', 'photo', 'planned'] as const;

const noteSchema = z.strictObject({ text, evidence: z.array(evidenceSchema).min(1) });

export const meetingSchema = z.strictObject({
  id: idSchema,
  kind: z.enum(meetingKinds),
  aliases,
  date: dateFact,
  place: placeRefSchema.optional(),
  occasion: occasionSchema.optional(),
  format: z.strictObject({
    values: z.array(z.enum(meetingFormats)).min(1),
    evidence: z.array(evidenceSchema).min(1),
  }),
  participants: z.array(idSchema).min(1),
  topics: z.array(z.strictObject({ topic: idSchema, evidence: z.array(evidenceSchema).min(1) })).default([]),
  related: z.array(idSchema).default([]),
  notes: z.array(noteSchema).default([]),
  summary: text,
  evidence: z.array(evidenceSchema).min(1),
});

export const eventKinds = ['incident', 'arrangement', 'meeting', 'announcement', 'anniversary'] as const;

export const eventSchema = z.strictObject({
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

export const quoteSchema = z
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
export const collections = {
  sources: { file: 'sources.yaml', schema: sourceSchema },
  people: { file: 'people.yaml', schema: personSchema },
  places: { file: 'places.yaml', schema: placeSchema },
  topics: { file: 'topics.yaml', schema: topicSchema },
  meetings: { file: 'meetings.yaml', schema: meetingSchema },
  events: { file: 'events.yaml', schema: eventSchema },
  quotes: { file: 'quotes.yaml', schema: quoteSchema },
} as const;

export type CollectionName = keyof typeof collections;
export type RawRecord<C extends CollectionName> = z.output<(typeof collections)[C]['schema']>;

export type Evidence = z.output<typeof evidenceSchema>;
export type DateFact = z.output<typeof dateFact>;
export type PlaceRef = z.output<typeof placeRefSchema>;
export type SourceRecord = RawRecord<'sources'>;
export type Person = RawRecord<'people'>;
export type Place = RawRecord<'places'>;
export type Topic = RawRecord<'topics'>;
export type MeetingRecord = RawRecord<'meetings'>;
export type EventRecord = RawRecord<'events'>;
export type QuoteRecord = RawRecord<'quotes'>;
export type MeetingFormat = (typeof meetingFormats)[number];
export type MeetingKind = (typeof meetingKinds)[number];

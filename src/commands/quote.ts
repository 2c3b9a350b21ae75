import { answerQuotes, quoteWords } from '../answers/quotes.js';
import { notFound, quoteReply } from '../answers/views.js';
import { meetingChoices, quoteChoices, speakerChoices } from './choices.js';
import { defineCommand } from './command.js';
import { meetingOption } from './lookup.js';
import { resolveOption } from './meetings.js';

export const quoteCommand = defineCommand({
  name: 'quote',
  description: 'Quotes from the meetings with speaker, date, place and source; a random one with no options',
  options: {
    query: {
      type: 'string',
      description: 'Words from the quote or its subject, e.g. triumph of light',
      autocomplete: true,
    },
    speaker: { type: 'string', description: 'Who said it, e.g. Putin', autocomplete: true },
    meeting: { type: 'string', description: 'Which meeting, e.g. Sochi 2019', autocomplete: true },
  },
  main: 'query',
  examples: [
    '/quote',
    '/quote speaker:Putin query:triumph of light',
    '/quote meeting:Sochi',
    '/quote speaker:Netanyahu query:Iran',
  ],
  run(args, { engine, page = 1, random = Math.random }) {
    const speaker = resolveOption(
      engine,
      'person',
      'speaker',
      args.speaker,
      (p) => p.name,
      (id) => `/quote speaker:${id}`,
    );
    if (speaker.problem) return speaker.problem;
    const { meeting, problem } = meetingOption(engine, args.meeting, (id) => `/quote meeting:${id}`);
    if (problem) return problem;
    const byId = args.query ? engine.kb.quote(args.query) : undefined;
    if (byId)
      return quoteReply(
        engine,
        [byId],
        `Quote by ${byId.speaker ? engine.kb.person(byId.speaker)?.name : 'an unnamed speaker'}`,
      );

    if (!args.query && !speaker.item && !meeting) {
      const pool = engine.catalogue.quotable;
      const pick = pool[Math.floor(random() * pool.length)] ?? engine.kb.quotes[0];
      if (!pick) return notFound('The fact base holds no quotes.');
      return quoteReply(engine, [pick], 'A random quote', [
        { label: 'Another quote', command: '/quote' },
        ...(pick.meeting ? [{ label: 'The meeting', command: `/meeting query:${pick.meeting}` }] : []),
      ]);
    }

    const words = args.query ? quoteWords(engine, args.query, speaker.item) : [];
    const found = engine.findQuotes({
      ...(speaker.item && { speaker: speaker.item }),
      ...(meeting && { meetings: [meeting] }),
      words,
    });
    const line = [
      '/quote',
      args.query ? `query:${args.query}` : '',
      speaker.item ? `speaker:${speaker.item.id}` : '',
      meeting ? `meeting:${meeting.id}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return answerQuotes(engine, args.query && words.length === 0 && !speaker.item && !meeting ? [] : found, {
      ...(speaker.item && { speaker: speaker.item }),
      ...(meeting && { meeting }),
      ...(args.query && { query: args.query }),
      line,
      page,
    });
  },
  autocomplete(option, value, { engine }) {
    const sources = { query: quoteChoices, speaker: speakerChoices, meeting: meetingChoices };
    return sources[option](engine, value);
  },
});

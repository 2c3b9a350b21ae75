import { plural } from '../answers/format.js';
import { reply } from '../answers/reply.js';
import { defineCommand } from './command.js';

export const helpCommand = defineCommand({
  name: 'help',
  description: 'What Summit can do, with examples',
  options: {},
  examples: ['/help'],
  run(_args, { engine, commands }) {
    const { kb } = engine;
    return reply({
      title: 'Summit: the Netanyahu–Putin meetings',
      text: [
        `I answer questions about the meetings between Benjamin Netanyahu and Vladimir Putin from **${plural(kb.sources.length, 'news article')}**: ${plural(kb.meetings.length, 'meeting')}, ${plural(kb.quotes.length, 'quote')} and ${plural(kb.events.length, 'related event')}.`,
        'Every answer cites its article. When the articles do not say, I say so; dates worked out from the text are marked _inferred_.',
        'Ask in plain words with `/ask`.',
      ].join('\n'),
      fields: commands.map((c) => ({
        name: `/${c.name}`,
        value: [c.description, ...c.examples.map((e) => `\`${e}\``)].join('\n'),
      })),
      followUps: [
        { label: 'When did they meet in Sochi?', command: '/ask When did they meet in Sochi?' },
        { label: 'A random quote', command: '/quote' },
        { label: 'All meetings', command: '/meetings' },
      ],
    });
  },
});

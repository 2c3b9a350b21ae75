import type { Engine } from '../engine/engine.js';
import { plural } from './format.js';
import { type Reply, reply } from './reply.js';

/** What help shows of a command. */
export interface CommandSummary {
  name: string;
  description: string;
  examples: readonly string[];
}

/** What Summit can do: the fact base in numbers, and every command with its examples. */
export function helpReply(engine: Engine, commands: readonly CommandSummary[]): Reply {
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
}

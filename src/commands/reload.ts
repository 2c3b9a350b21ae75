import { plural } from '../answers/format.js';
import { type Reply, reply, usage } from '../answers/reply.js';
import type { Engine } from '../engine/engine.js';
import { formatProblem } from '../knowledge/load.js';
import type { ReloadResult } from '../reload/live-engine.js';
import { defineCommand } from './command.js';

/** More problems than this are counted, not listed: the reply has to fit one message. */
const LISTED_PROBLEMS = 8;

export const reloadCommand = defineCommand({
  name: 'reload',
  description: 'Moderators: load the fact base again after its files were edited or replaced',
  options: {},
  moderator: true,
  cooldown: { uses: 3, seconds: 30 },
  examples: ['/reload'],
  run(_args, ctx) {
    if (!ctx.reload) return usage('Not available here', 'This copy of Summit cannot reload its fact base.');
    return reloadReply(ctx.reload());
  },
});

/** What a moderator is told: the version now in force and, for a rejected edit, what is wrong where. */
export function reloadReply(result: ReloadResult): Reply {
  if (result.status === 'reloaded') {
    return reply({
      title: 'Fact base reloaded',
      text: `Now answering from version ${version(result.engine)} (was ${version(result.previous)}): ${contents(result.engine)}.`,
      private: true,
    });
  }
  if (result.status === 'unchanged') {
    return reply({
      title: 'Fact base unchanged',
      text: `The files on disk are the version already in use, ${version(result.engine)}: ${contents(result.engine)}.`,
      private: true,
    });
  }
  const { problems } = result;
  const listed = problems.slice(0, LISTED_PROBLEMS).map((p) => `- \`${inCode(formatProblem(p))}\``);
  if (problems.length > LISTED_PROBLEMS) listed.push(`- …and ${problems.length - LISTED_PROBLEMS} more`);
  return reply({
    kind: 'error',
    title: 'Fact base not reloaded',
    text: [
      `The edited files have ${plural(problems.length, 'problem')}, so I am still answering from version ${version(result.engine)}. Fix ${problems.length === 1 ? 'it' : 'them'} and run \`/reload\` again:`,
      ...listed,
    ].join('\n'),
    private: true,
  });
}

const version = (engine: Engine) => `**${engine.kb.version.slice(0, 8)}**`;

function contents({ kb }: Engine): string {
  return [
    plural(kb.meetings.length, 'meeting'),
    plural(kb.quotes.length, 'quote'),
    plural(kb.sources.length, 'source'),
  ].join(', ');
}

/** File text shown inside inline code: a backtick would end the code span early. */
const inCode = (text: string) => text.replace(/`/g, 'ʹ').slice(0, 300);

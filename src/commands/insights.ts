import { insightsReply } from '../insights/report.js';
import { defineCommand } from './command.js';

export const DEFAULT_INSIGHTS_DAYS = 30;

export const insightsCommand = defineCommand({
  name: 'insights',
  description: 'What members asked: unanswered questions, answers voted down, topics (moderators)',
  options: {
    days: {
      type: 'integer',
      description: `How many days back to look (default ${DEFAULT_INSIGHTS_DAYS})`,
      min: 1,
      max: 3650,
    },
  },
  main: 'days',
  moderator: true,
  examples: ['/insights', '/insights days:7'],
  run({ days }, ctx) {
    return insightsReply(ctx.insights, days ?? DEFAULT_INSIGHTS_DAYS, ctx.engine.kb);
  },
});

import { answerQuestion } from '../ask/router.js';
import { defineCommand } from './command.js';

export const askCommand = defineCommand({
  name: 'ask',
  description: 'Ask a question in plain words, e.g. “What did Putin say about Hanukkah?”',
  options: {
    question: {
      type: 'string',
      description: 'Your question about the Netanyahu–Putin meetings',
      required: true,
      maxLength: 300,
    },
  },
  main: 'question',
  // Free text is the most expensive thing to answer: generous for a conversation, not for a flood.
  cooldown: { uses: 5, seconds: 10 },
  examples: [
    '/ask When did they meet in Sochi?',
    '/ask What did Putin say about Hanukkah?',
    '/ask How many times did they meet?',
  ],
  run({ question }, ctx) {
    return answerQuestion(ctx.engine, question, ctx);
  },
});

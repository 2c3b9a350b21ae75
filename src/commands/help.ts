import { helpReply } from '../answers/help.js';
import { defineCommand } from './command.js';

export const helpCommand = defineCommand({
  name: 'help',
  description: 'What Summit can do, with examples',
  options: {},
  examples: ['/help'],
  run(_args, { engine, commands }) {
    return helpReply(engine, commands);
  },
});

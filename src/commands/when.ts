import { aspectCommand } from './lookup.js';

export const whenCommand = aspectCommand(
  'when',
  'When a meeting or related event happened: ask by place, occasion, topic or event',
  'e.g. Sochi, climate conference, the hotline',
  ['/when Sochi', '/when query:climate conference', '/when the plane was shot down'],
);

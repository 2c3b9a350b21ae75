import { aspectCommand } from './lookup.js';

export const whereCommand = aspectCommand(
  'where',
  'Where a meeting or related event took place: ask by date, occasion, topic or event',
  'e.g. 2016, Armistice centennial, Hanukkah greetings',
  ['/where 2016', '/where query:Armistice centennial', '/where the first meeting'],
);

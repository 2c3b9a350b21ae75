/**
 * What every command returns: a platform-neutral answer. Adapters (the console, Discord) decide
 * how to show it; none of them adds facts to it. Text uses the small Markdown subset that both
 * Discord and the console render: **bold**, _italic_, `> ` quotes and `- ` lists.
 */

export type ReplyKind = 'answer' | 'not-found' | 'ambiguous' | 'usage' | 'error';

export interface ReplyField {
  name: string;
  value: string;
  inline?: boolean;
}

/** The article an answer rests on, and for a quote who said it, when and where. */
export interface Citation {
  sourceId: string;
  title: string;
  publisher?: string;
  url?: string;
  /** Publication date as shown to users, e.g. "November 2018 (inferred)". */
  published: string;
  quote?: { speaker: string; date: string; place: string };
}

/** A next step the user can take: a command line the console can run and Discord can offer as a button. */
export interface FollowUp {
  label: string;
  command: string;
}

/** Where a long list is, so that an adapter can offer previous / next. */
export interface Page {
  /** 1-based. */
  index: number;
  count: number;
  /** The command line that shows this list, without the page. */
  command: string;
}

/**
 * A file that goes with an answer, such as the picture its embed shows. The bytes are made on
 * demand: drawing costs more than answering, so an adapter may acknowledge the user first.
 */
export interface ReplyFile {
  /** The file's name; an embed shows it as `attachment://<name>`. */
  name: string;
  /** Alt text: what the file shows, for those who cannot see it. */
  description: string;
  bytes(): Promise<Uint8Array>;
}

export interface Reply {
  kind: ReplyKind;
  title: string;
  text: string;
  fields: ReplyField[];
  citations: Citation[];
  /** Related questions worth asking next. */
  followUps: FollowUp[];
  /** "Did you mean" choices when a lookup missed. */
  suggestions: FollowUp[];
  page?: Page;
  /** Only the asker should see it (errors and usage help always are). */
  private?: boolean;
  /** A file shown with the answer; the answer's text holds without it. */
  file?: ReplyFile;
}

export function reply(parts: Partial<Reply> & Pick<Reply, 'title' | 'text'>): Reply {
  return { kind: 'answer', fields: [], citations: [], followUps: [], suggestions: [], ...parts };
}

/** A friendly answer to bad input, shown to the asker alone. */
export function usage(title: string, text: string, suggestions: FollowUp[] = []): Reply {
  return reply({ kind: 'usage', title, text, suggestions, private: true });
}

/** "Which one did you mean?": the input matched several records; the choices are the suggestions. */
export function choose(title: string, text: string, suggestions: FollowUp[]): Reply {
  return reply({ kind: 'ambiguous', title, text, suggestions, private: true });
}

/**
 * The words any member can send at any point (docs/conversation.md): STOP, START, HELP, MENU,
 * VOLUNTEER, MY DATA, FORGET ME, PAUSE, RESUME, and the carriers' own. The whole
 * message must be the word, forgiving case, spacing, a leading slash (Telegram commands,
 * "/menu@valued_bot") and trailing punctuation. Never fuzzy: "shop" must not become
 * "stop", and "please help me with shopping" is not HELP.
 */

/** The words any member can send at any point. */
export type Keyword = 'stop' | 'start' | 'help' | 'menu' | 'volunteer' | 'pause' | 'resume' | 'mydata' | 'forgetme';

const KEYWORDS: Readonly<Record<string, Keyword>> = {
  stop: 'stop', stopall: 'stop', unsubscribe: 'stop', cancel: 'stop', end: 'stop', quit: 'stop',
  'stop please': 'stop', 'please stop': 'stop', 'stop messages': 'stop', 'stop texting me': 'stop',
  start: 'start', unstop: 'start',
  help: 'help', info: 'help',
  menu: 'menu', options: 'menu',
  volunteer: 'volunteer',
  pause: 'pause', 'take a break': 'pause',
  resume: 'resume', unpause: 'resume',
  'my data': 'mydata', mydata: 'mydata', 'my details': 'mydata',
  'forget me': 'forgetme', forgetme: 'forgetme', 'delete me': 'forgetme',
};

/** Folds case, width and spacing, and drops control characters and surrounding punctuation. */
export function normalise(text: string): string {
  return text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s.,!?;:'"()\-_*~]+|[\s.,!?;:'"()\-_*~]+$/g, '');
}

/** The global word a whole message is, or null. */
export function parseKeyword(text: string): Keyword | null {
  const t = normalise(text)
    .replace(/^\//, '')
    .replace(/@\w+$/, '');
  return KEYWORDS[t] ?? null;
}

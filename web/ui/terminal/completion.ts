// Tab completion for the terminal: products, then a product's actions, then an action's --Parameters.
// The names come from the lab API's own --help text (helpText), so completion knows exactly what
// the router knows without a second API. Pure: unit-tested in Node.

/** The names a help page lists: products, actions, or parameters (without "--"). */
export function namesFromHelp(text: string): string[] {
  const names: string[] = [];
  let section: 'Products:' | 'Actions:' | 'Parameters:' | undefined;
  for (const line of text.split('\n')) {
    if (line === 'Products:' || line === 'Actions:' || line === 'Parameters:') { section = line; continue; }
    if (!section) continue;
    const match = section === 'Parameters:' ? /^ {2}--(\S+)/.exec(line) : /^ {2}(\S+)/.exec(line);
    if (match) names.push(match[1]);
  }
  return names;
}

export interface Completion {
  /** The line after completion (unchanged when nothing fits). */
  line: string;
  /** Every name that fits, when more than one does (to list them). */
  candidates: string[];
}

function commonPrefix(words: string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) {
    let i = 0;
    while (i < prefix.length && i < w.length && prefix[i].toLowerCase() === w[i].toLowerCase()) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

/**
 * Completes the last word of `line`. `help(product?, action?)` is the lab API's helpText.
 * Quoted lines and parameter values are left alone: only names are completed.
 */
export function complete(line: string, help: (product?: string, action?: string) => string): Completion {
  const none = { line, candidates: [] };
  if (/['"\\]/.test(line)) return none;
  const words = line.split(/\s+/).filter(Boolean);
  const partial = /\s$/.test(line) || line === '' ? '' : (words.pop() ?? '');
  const isAtStart = words.length === 0;
  const rest = words[0] === 'aliyun' ? words.slice(1) : words;
  let options: string[];
  let prefix = '';
  if (isAtStart) {
    options = ['aliyun', 'clear', ...namesFromHelp(help())];
  } else if (rest.length === 0) {
    options = namesFromHelp(help());
  } else if (rest.length === 1 && !rest[0].startsWith('-')) {
    options = namesFromHelp(help(rest[0]));
  } else if (rest.length >= 2 && partial.startsWith('-')) {
    const given = new Set(rest.filter((w) => w.startsWith('--')).map((w) => w.slice(2).split('=')[0]));
    options = [...namesFromHelp(help(rest[0], rest[1])).filter((n) => !given.has(n)), 'help'];
    prefix = '--';
  } else {
    return none;
  }
  const typed = partial.slice(prefix.length).toLowerCase();
  const fits = options.filter((o) => o.toLowerCase().startsWith(typed)).map((o) => prefix + o);
  if (fits.length === 0) return none;
  const head = line.slice(0, line.length - partial.length);
  if (fits.length === 1) return { line: `${head}${fits[0]} `, candidates: [] };
  const shared = commonPrefix(fits);
  return { line: head + (shared.length > partial.length ? shared : partial), candidates: fits };
}

// A pure parser for aliyun CLI command lines, for the lab's terminal:
//   aliyun kms CreateKey --Description demo --Tags '[{"TagKey":"k","TagValue":"v"}]'
// → { kind: 'call', product: 'kms', action: 'CreateKey', params: { Description: 'demo', Tags: '[...]' } }.
// Quoting as in a POSIX shell: '…' literal; "…" with \" \\ \$ \` escapes; a backslash outside quotes
// escapes the next character. Values stay wire strings (the router validates them). `--help` after
// nothing, a product or an action asks for help. `--region X` is the CLI's spelling of RegionId.
import type { ParamSpec } from './params';
import type { ProductDefinition } from './router';

export type CliCommand =
  | { kind: 'call'; product: string; action: string; params: Record<string, string> }
  | { kind: 'help'; product?: string; action?: string };

export class CliSyntaxError extends Error {
  readonly code = 'CliSyntaxError';
  constructor(message: string) {
    super(message);
    this.name = 'CliSyntaxError';
  }
}

/** Splits a command line into words, shell-style. */
export function tokenize(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let hasWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      if (hasWord) words.push(word);
      word = '';
      hasWord = false;
      i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new CliSyntaxError(`unterminated single quote starting at character ${i + 1}`);
      word += line.slice(i + 1, end);
      hasWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new CliSyntaxError('unterminated double quote');
        const d = line[i];
        if (d === '"') { i++; break; }
        if (d === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) { word += line[i + 1]; i += 2; continue; }
        word += d;
        i++;
      }
      hasWord = true;
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw new CliSyntaxError('a backslash at the end of the line escapes nothing');
      word += line[i + 1];
      hasWord = true;
      i += 2;
    } else {
      word += c;
      hasWord = true;
      i++;
    }
  }
  if (hasWord) words.push(word);
  return words;
}

/** Parses `aliyun <product> <Action> --Name value …` (the leading `aliyun` is optional). */
export function parseCli(line: string): CliCommand {
  const words = tokenize(line);
  if (words[0] === 'aliyun') words.shift();
  const positional: string[] = [];
  const params: Record<string, string> = {};
  let isHelp = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === '--help' || word === '-h' || word === 'help') { isHelp = true; continue; }
    if (!word.startsWith('--')) {
      if (Object.keys(params).length) throw new CliSyntaxError(`unexpected "${word}": parameters are --Name value pairs`);
      positional.push(word);
      continue;
    }
    let name = word.slice(2);
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) { value = name.slice(eq + 1); name = name.slice(0, eq); }
    if (!name) throw new CliSyntaxError(`"${word}" names no parameter`);
    if (value === undefined) {
      if (i + 1 >= words.length || (words[i + 1].startsWith('--') && words[i + 1] !== '--')) throw new CliSyntaxError(`--${name} needs a value`);
      value = words[++i];
    }
    if (name === 'region') name = 'RegionId';
    if (Object.prototype.hasOwnProperty.call(params, name)) throw new CliSyntaxError(`--${name} is given twice`);
    Object.defineProperty(params, name, { value, enumerable: true, writable: true, configurable: true });
  }
  if (positional.length > 2) throw new CliSyntaxError(`expected "aliyun <product> <Action> --Name value …", got extra word "${positional[2]}"`);
  const [product, action] = positional;
  if (isHelp || !product || !action) return { kind: 'help', product, action };
  return { kind: 'call', product, action, params };
}

function describeSpec(spec: ParamSpec): string {
  switch (spec.type) {
    case 'string': return spec.enum ? `String: ${spec.enum.join(' | ')}` : 'String';
    case 'integer': return `Integer ${spec.min}–${spec.max}`;
    case 'boolean': return 'Boolean: true | false';
    case 'json-map': return 'JSON object';
    case 'json': return `JSON, e.g. ${spec.example}`;
    case 'list': return `List: --Name.1 … --Name.${spec.maxItems}`;
    case 'object-list': return `List: --Name.N.{${Object.keys(spec.fields).join(',')}}`;
  }
}

/** Help text for the terminal: products, one product's actions, or one action's parameters. */
export function helpText(products: ProductDefinition[], product?: string, action?: string): string {
  if (!product) {
    return ['Usage: aliyun <product> <Action> --Name value …', '', 'Products:', ...products.map((p) => `  ${p.name.toLowerCase().padEnd(6)} ${p.description}`)].join('\n');
  }
  const def = products.find((p) => p.name.toLowerCase() === product.toLowerCase());
  if (!def) return `Unknown product "${product}". Products: ${products.map((p) => p.name.toLowerCase()).join(', ')}`;
  if (!action) {
    const names = Object.keys(def.actions);
    const width = Math.max(...names.map((n) => n.length));
    return [`aliyun ${def.name.toLowerCase()} <Action> — ${def.description}`, '', 'Actions:', ...names.map((n) => `  ${n.padEnd(width)}  ${def.actions[n].description}`)].join('\n');
  }
  const act = def.actions[action];
  if (!act) return `Unknown action "${action}" of ${def.name}. Try: aliyun ${def.name.toLowerCase()} --help`;
  const entries = Object.entries(act.params);
  const lines = [`aliyun ${def.name.toLowerCase()} ${action} — ${act.description}`, '', 'Parameters:'];
  for (const [name, spec] of entries) lines.push(`  --${name}${spec.isRequired ? ' (required)' : ''}  ${describeSpec(spec)}`, `      ${spec.description}`);
  lines.push('  --RegionId  String (default: the lab\'s region, cn-hangzhou)');
  return lines.join('\n');
}

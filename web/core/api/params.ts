// Declarative parameter schemas and their validation, shared by the router and `--help`.
// Parameters arrive as the cloud receives them on the wire (strings: "true", "7", JSON text) or as
// JS values, and are checked the same way. Nested parameters are canonically flat dotted names
// ('Tag.1.Key', 'AddAccount.1'); nested objects and arrays (1-based on the wire) mean the same.
import { invalidParameter, missingParameter } from './codes';

interface Common {
  description: string;
  isRequired?: boolean;
}

export type ParamSpec =
  | (Common & { type: 'string'; enum?: readonly string[]; minLength?: number; maxLength?: number; pattern?: RegExp; patternText?: string })
  | (Common & { type: 'integer'; min: number; max: number })
  | (Common & { type: 'boolean' })
  /** A JSON object of string values (EncryptionContext): JSON text, or a JS object. */
  | (Common & { type: 'json-map' })
  /** Any JSON (Tags as a JSON list): JSON text or a JS value; `check` returns the value to use or a reason string. */
  | (Common & { type: 'json'; example: string; check(value: unknown): { value: unknown } | string })
  /** Repeated scalar on the wire: Name.1, Name.2, … */
  | (Common & { type: 'list'; item: ScalarSpec; maxItems: number })
  /** Repeated structure on the wire: Name.1.Field, … */
  | (Common & { type: 'object-list'; fields: Record<string, ScalarSpec>; maxItems: number });

export type ScalarSpec = Extract<ParamSpec, { type: 'string' | 'integer' | 'boolean' }>;
export type ParamSchema = Record<string, ParamSpec>;
export type Params = Record<string, unknown>;

/** The cloud's common request parameters: accepted and ignored (RegionId is the router's). */
export const COMMON_PARAMS = new Set(['RegionId', 'Format', 'Version', 'AccessKeyId', 'Signature', 'SignatureMethod',
  'SignatureVersion', 'SignatureNonce', 'Timestamp', 'SecurityToken']);

const DEFAULT_MAX_LENGTH = 65_536;
/** Only list parameters (and names the schema does not know, e.g. 'Tag.1') are flattened; any other
 *  parameter keeps its value whole, so a JSON parameter takes an object and a scalar rejects one. */
const isFlattened = (spec: ParamSpec | undefined) => spec === undefined || spec.type === 'list' || spec.type === 'object-list';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `a ${value.length}-character string` : JSON.stringify(value);
  if (typeof value === 'bigint') return `the BigInt ${value}`;
  if (typeof value === 'number') return String(value);
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
}

/** Flattens params into dotted names; JSON-typed parameters keep their value whole. */
export function flattenParams(input: unknown, schema: ParamSchema): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  if (input === undefined || input === null) return flat;
  if (!isPlainObject(input)) throw invalidParameter('(parameters)', `expected an object of parameters, got ${describe(input)}`);
  const visit = (name: string, value: unknown, depth: number) => {
    if (depth > 4) throw invalidParameter(name, 'nested too deeply');
    if (value === undefined || value === null) return;
    const spec = Object.prototype.hasOwnProperty.call(schema, name) ? schema[name] : undefined;
    if (isFlattened(spec) && (Array.isArray(value) || isPlainObject(value))) {
      const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i + 1), v]) : Object.entries(value);
      for (const [k, v] of entries) visit(`${name}.${k}`, v, depth + 1);
      return;
    }
    if (flat.has(name)) throw invalidParameter(name, 'given twice (as a dotted name and as a nested value)');
    flat.set(name, value);
  };
  for (const [name, value] of Object.entries(input)) visit(name, value, 0);
  return flat;
}

function coerceScalar(name: string, spec: ScalarSpec, raw: unknown): unknown {
  switch (spec.type) {
    case 'string': {
      if (typeof raw !== 'string') throw invalidParameter(name, `expected a string, got ${describe(raw)}`);
      const max = spec.maxLength ?? DEFAULT_MAX_LENGTH;
      if (raw.length > max) throw invalidParameter(name, `expected at most ${max} characters, got ${raw.length}`);
      if (spec.minLength !== undefined && raw.length < spec.minLength) throw invalidParameter(name, `expected at least ${spec.minLength} characters, got ${raw.length}`);
      if (spec.enum && !spec.enum.includes(raw)) throw invalidParameter(name, `expected one of ${spec.enum.join(', ')}, got ${describe(raw)}`);
      if (spec.pattern && !spec.pattern.test(raw)) throw invalidParameter(name, `expected ${spec.patternText ?? spec.pattern.source}, got ${describe(raw)}`);
      return raw;
    }
    case 'integer': {
      let n: number;
      if (typeof raw === 'number') n = raw;
      else if (typeof raw === 'string' && /^-?\d{1,16}$/.test(raw.trim())) n = Number(raw.trim());
      else throw invalidParameter(name, `expected an integer from ${spec.min} to ${spec.max}, got ${describe(raw)}`);
      if (!Number.isSafeInteger(n) || n < spec.min || n > spec.max) throw invalidParameter(name, `expected an integer from ${spec.min} to ${spec.max}, got ${describe(raw)}`);
      return n;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      if (typeof raw === 'string' && /^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
      throw invalidParameter(name, `expected true or false, got ${describe(raw)}`);
    }
  }
}

function parseJson(name: string, raw: unknown, example: string): unknown {
  if (typeof raw !== 'string') return raw;
  if (raw.length > DEFAULT_MAX_LENGTH) throw invalidParameter(name, `expected at most ${DEFAULT_MAX_LENGTH} characters of JSON, got ${raw.length}`);
  try {
    return JSON.parse(raw);
  } catch {
    throw invalidParameter(name, `expected JSON text like ${example}`);
  }
}

function coerceMap(name: string, raw: unknown): Record<string, string> {
  const value = parseJson(name, raw, '{"Key":"Value"}');
  if (!isPlainObject(value)) throw invalidParameter(name, `expected a JSON object of string values, got ${describe(value)}`);
  const entries = Object.entries(value);
  for (const [k, v] of entries) if (typeof v !== 'string') throw invalidParameter(name, `expected string values, "${k}" is ${describe(v)}`);
  // fromEntries defines own properties, so a "__proto__" key stays a plain key.
  return Object.fromEntries(entries) as Record<string, string>;
}

function suggest(name: string, schema: ParamSchema): string {
  const match = Object.keys(schema).find((k) => k.toLowerCase() === name.split('.')[0].toLowerCase());
  const known = Object.keys(schema).join(', ') || 'none';
  return match ? `unknown parameter (names are case-sensitive: did you mean ${match}?)` : `unknown parameter; this action takes: ${known}`;
}

/** Validates `input` against `schema`; returns typed values (numbers, booleans, objects, arrays). */
export function parseParams(schema: ParamSchema, input: unknown): Params {
  const flat = flattenParams(input, schema);
  const out: Params = {};
  const repeated = new Map<string, Map<number, Map<string, unknown>>>();
  for (const [name, raw] of flat) {
    if (COMMON_PARAMS.has(name)) continue;
    const spec = Object.prototype.hasOwnProperty.call(schema, name) ? schema[name] : undefined;
    if (spec && spec.type !== 'list' && spec.type !== 'object-list') {
      if (spec.type === 'json-map') out[name] = coerceMap(name, raw);
      else if (spec.type === 'json') {
        const checked = spec.check(parseJson(name, raw, spec.example));
        if (typeof checked === 'string') throw invalidParameter(name, checked);
        out[name] = checked.value;
      } else out[name] = coerceScalar(name, spec, raw);
      continue;
    }
    const [base, index, field, ...rest] = name.split('.');
    const listSpec = Object.prototype.hasOwnProperty.call(schema, base) ? schema[base] : undefined;
    if (!listSpec || (listSpec.type !== 'list' && listSpec.type !== 'object-list') || rest.length) throw invalidParameter(name, suggest(name, schema));
    const n = Number(index);
    if (!/^\d+$/.test(index ?? '') || n < 1 || n > listSpec.maxItems) throw invalidParameter(name, `expected ${base}.N with N from 1 to ${listSpec.maxItems}`);
    if ((listSpec.type === 'list') !== (field === undefined)) throw invalidParameter(name, listSpec.type === 'list' ? `expected ${base}.N` : `expected ${base}.N.<${Object.keys(listSpec.fields).join('|')}>`);
    const items = repeated.get(base) ?? new Map<number, Map<string, unknown>>();
    repeated.set(base, items);
    const item = items.get(n) ?? new Map<string, unknown>();
    items.set(n, item);
    if (listSpec.type === 'list') item.set('', coerceScalar(name, listSpec.item, raw));
    else {
      const fieldSpec = Object.prototype.hasOwnProperty.call(listSpec.fields, field) ? listSpec.fields[field] : undefined;
      if (!fieldSpec) throw invalidParameter(name, `unknown field; ${base}.N takes ${Object.keys(listSpec.fields).join(', ')}`);
      item.set(field, coerceScalar(name, fieldSpec, raw));
    }
  }
  for (const [base, items] of repeated) {
    const spec = schema[base];
    const ordered = [...items.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
    if (spec.type === 'list') out[base] = ordered.map((m) => m.get(''));
    else if (spec.type === 'object-list') out[base] = ordered.map((m) => Object.fromEntries(m));
  }
  for (const [name, spec] of Object.entries(schema)) {
    const value = out[name];
    if (spec.isRequired && (value === undefined || value === '')) throw missingParameter(name);
  }
  return out;
}

// Errors that cross the worker boundary: a Comlink "throw" transfer handler that keeps `code`,
// the error class (TypeError/RangeError) and `cause`, which Comlink 4 drops by default (it sends
// only name, message, stack). Both sides install it: the worker to send, the page to receive.
import { transferHandlers, type TransferHandler } from 'comlink';

/** An Error with a machine-readable code; tests and callers match `code`, never the class. */
export interface CodedError extends Error {
  code?: string;
}

export function errorWithCode(code: string, message: string, cause?: unknown): CodedError {
  const error: CodedError = cause === undefined ? new Error(message) : new Error(message, { cause });
  error.code = code;
  return error;
}

/** Turns anything thrown into an Error (a worker may reject with a DOMException or a string). */
export function asError(thrown: unknown): CodedError {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}

interface WireError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  cause?: WireError;
}

// Deep cause chains are cut: a worker error rarely nests more than kernel → api.
const MAX_CAUSE_DEPTH = 4;

function toWire(error: Error, depth: number): WireError {
  const wire: WireError = { name: error.name, message: error.message, stack: error.stack };
  const code = (error as CodedError).code;
  if (typeof code === 'string') wire.code = code;
  if (depth < MAX_CAUSE_DEPTH && error.cause !== undefined) wire.cause = toWire(asError(error.cause), depth + 1);
  return wire;
}

function fromWire(wire: WireError): CodedError {
  const Kind = wire.name === 'RangeError' ? RangeError : wire.name === 'TypeError' ? TypeError : Error;
  const error: CodedError = wire.cause ? new Kind(wire.message, { cause: fromWire(wire.cause) }) : new Kind(wire.message);
  // DOMException names (OperationError, DataError) are kept as names on a plain Error.
  if (error.name !== wire.name) error.name = wire.name;
  if (wire.stack) error.stack = wire.stack;
  if (wire.code !== undefined) error.code = wire.code;
  return error;
}

type Serialized = { isError: true; value: WireError } | { isError: false; value: unknown };
let isInstalled = false;

/** Replaces Comlink's "throw" handler; idempotent. Call once per realm before any call crosses. */
export function installErrorTransfer(): void {
  if (isInstalled) return;
  const original = transferHandlers.get('throw');
  if (!original) throw new Error('comlink has no "throw" transfer handler to replace (API changed?)');
  const handler: TransferHandler<{ value: unknown }, Serialized> = {
    // Comlink marks thrown values with a private symbol; reuse its own test for it.
    canHandle: (value: unknown): value is { value: unknown } => original.canHandle(value),
    serialize({ value }) {
      const serialized: Serialized = value instanceof Error
        ? { isError: true, value: toWire(value, 0) }
        : { isError: false, value };
      return [serialized, []];
    },
    deserialize(serialized) {
      if (serialized.isError) throw fromWire(serialized.value);
      throw serialized.value;
    },
  };
  transferHandlers.set('throw', handler as TransferHandler<unknown, unknown>);
  isInstalled = true;
}

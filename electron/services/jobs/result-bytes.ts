/**
 * A job's result crosses from its worker to the runtime's thread as UTF-8 JSON in chunks that are
 * moved (transferred), not copied. Posted as one string, a 1,000,000-loan bank's run (~300 MB of
 * JSON) was held three times at once — the text in the worker, the message's serialised copy, the
 * text rebuilt on the runtime's thread — and the rebuilding held that thread (issue 16: the main
 * process under 1 GB, other calls answered within 100 ms). Here the worker writes the text piece by
 * piece into chunks of ~8 MB (never the whole text as one string), and the runtime's thread turns
 * them back into text only when the result is asked for, a chunk per turn of the event loop.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Bytes per chunk (a chunk is one piece of text encoded at once). */
export const RESULT_CHUNK_BYTES = 8 * 1024 * 1024;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null) &&
  typeof (v as { toJSON?: unknown }).toJSON !== 'function';

/**
 * `JSON.stringify(value)` as UTF-8 chunks, the same text. The top levels (plain objects and arrays,
 * two deep: a result and its lists) are written a member at a time; anything deeper, or with its
 * own `toJSON`, is `JSON.stringify`'s. `undefined` at the top gives `null` (the job has no output).
 */
export function jsonChunks(value: unknown, chunkBytes = RESULT_CHUNK_BYTES): Uint8Array[] {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length === 0) return;
    chunks.push(encoder.encode(parts.join('')));
    parts = [];
    size = 0;
  };
  const write = (text: string) => {
    parts.push(text);
    // UTF-16 length: at most 3 UTF-8 bytes per unit, so a chunk stays within ~3× the mark.
    size += text.length;
    if (size >= chunkBytes) flush();
  };
  const put = (v: unknown, depth: number): boolean => {
    if (depth < 2 && Array.isArray(v)) {
      write('[');
      v.forEach((item, i) => {
        if (i > 0) write(',');
        // An array keeps its place for what JSON cannot say (undefined, a function): null.
        if (!put(item, depth + 1)) write('null');
      });
      write(']');
      return true;
    }
    if (depth < 2 && isPlainObject(v)) {
      write('{');
      let first = true;
      for (const key of Object.keys(v)) {
        const text = depth + 1 < 2 && (Array.isArray(v[key]) || isPlainObject(v[key])) ? null : JSON.stringify(v[key]);
        // A member JSON leaves out (undefined, a function, a symbol) is left out here too.
        if (text === undefined) continue;
        write(`${first ? '' : ','}${JSON.stringify(key)}:`);
        first = false;
        if (text === null) put(v[key], depth + 1);
        else write(text);
      }
      write('}');
      return true;
    }
    const text = JSON.stringify(v) as string | undefined;
    if (text === undefined) return false;
    write(text);
    return true;
  };
  if (!put(value, 0)) write('null');
  flush();
  return chunks;
}

/** The chunks' text, decoded a chunk per turn of the event loop. */
export async function textOfChunks(chunks: readonly Uint8Array[]): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for (const [i, chunk] of chunks.entries()) {
    if (i > 0) await nextTurn();
    // Each chunk was encoded from whole text: it decodes alone. `+` joins without copying the text so far.
    text += decoder.decode(chunk);
  }
  return text;
}

/** The same, at once (a caller that cannot wait: a test reading a finished job's status). */
export function textOfChunksNow(chunks: readonly Uint8Array[]): string {
  const decoder = new TextDecoder();
  return chunks.map((c) => decoder.decode(c)).join('');
}

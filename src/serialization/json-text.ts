import type { Json } from '../core/json.ts';
import { isStored } from '../core/stored.ts';

/**
 * Writes payloads as UTF-8 JSON, remembering the bytes of stored values (see `markStored`) by identity, the most
 * recently used of them up to `capacity` values and `budgetBytes` bytes (so large records, 12 KB runs, cannot hold
 * hundreds of megabytes, nor keep alive the records a bounded store cache let go): a page of records served before is
 * written by copying bytes already made, with no `JSON.stringify` and no UTF-8 encoding of the records. The bytes are
 * identical to `JSON.stringify`'s; other values may change between calls and are always written anew.
 */
export function createJsonWriter(capacity = 20_000, budgetBytes = 8 * 1024 * 1024): JsonWriter {
  const known = new Map<object, Buffer>();
  let held = 0;

  const bytesOf = (value: object): Buffer => {
    let bytes = known.get(value);
    if (bytes) {
      known.delete(value);
    } else {
      bytes = Buffer.from(JSON.stringify(value));
      held += bytes.length;
      while (known.size > 0 && (known.size >= capacity || held > budgetBytes)) {
        const [oldest, oldBytes] = known.entries().next().value as [object, Buffer];
        known.delete(oldest);
        held -= oldBytes.length;
      }
    }
    known.set(value, bytes);
    return bytes;
  };

  // Envelopes are fresh objects around stored ones: look two levels down (page -> items -> record).
  const write = (value: Json, depth: number, out: Output): void => {
    if (typeof value === 'object' && value !== null && isStored(value)) {
      out.bytes(bytesOf(value));
      return;
    }
    if (typeof value !== 'object' || value === null || depth === 0) {
      out.text(JSON.stringify(value));
      return;
    }
    if (Array.isArray(value)) {
      out.text('[');
      for (const [index, item] of value.entries()) {
        if (index > 0) out.text(',');
        write(item, depth - 1, out);
      }
      out.text(']');
      return;
    }
    out.text('{');
    let first = true;
    for (const key of Object.keys(value)) {
      const member = value[key];
      if (member === undefined) continue;
      out.text(`${first ? '' : ','}${JSON.stringify(key)}:`);
      first = false;
      write(member, depth - 1, out);
    }
    out.text('}');
  };

  const writer = (payload: Json) => {
    const out = new Output();
    write(payload, 2, out);
    return out.done();
  };
  return Object.assign(writer, { held: () => ({ values: known.size, bytes: held }) });
}

/** Writes a payload as JSON bytes; `held` says what it remembers now. */
export type JsonWriter = ((payload: Json) => Buffer) & { readonly held: () => { readonly values: number; readonly bytes: number } };

const COMMA = Buffer.from(',');

/** Text and ready-made bytes in order; text is encoded in runs, not piece by piece. */
class Output {
  private readonly parts: Buffer[] = [];
  private pending = '';

  text(text: string): void {
    this.pending += text;
  }

  bytes(bytes: Buffer): void {
    this.flush();
    this.parts.push(bytes);
  }

  done(): Buffer {
    this.flush();
    return this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
  }

  private flush(): void {
    if (this.pending === '') return;
    this.parts.push(this.pending === ',' ? COMMA : Buffer.from(this.pending));
    this.pending = '';
  }
}

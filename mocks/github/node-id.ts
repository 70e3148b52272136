/**
 * GitHub's global node ids in their current form (`R_kgDO...`, `WFR_kwLO...`, `CR_kwDO...`): a type prefix, an
 * underscore, and the URL-safe base64 of a MessagePack array of non-negative integers (the form the ids decode to;
 * what each integer means is GitHub's own business). Three integer widths and a fixarray are all this needs, so a
 * MessagePack library would be more code than the encoder.
 */
export function nodeId(prefix: string, numbers: readonly number[]): string {
  if (numbers.length > 15) throw new Error('nodeId: at most 15 numbers');
  const bytes: number[] = [0x90 | numbers.length];
  for (const value of numbers) bytes.push(...packInt(value));
  return `${prefix}_${Buffer.from(bytes).toString('base64url')}`;
}

function packInt(value: number): number[] {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`nodeId: ${value} is not a non-negative safe integer`);
  if (value < 0x80) return [value];
  if (value < 0x100) return [0xcc, value];
  if (value < 0x10000) return [0xcd, value >> 8, value & 0xff];
  if (value < 0x100000000) return [0xce, ...word(value)];
  return [0xcf, ...word(Math.floor(value / 0x100000000)), ...word(value >>> 0)];
}

/** A 32-bit unsigned value's four bytes, big-endian. */
const word = (value: number): number[] => [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];

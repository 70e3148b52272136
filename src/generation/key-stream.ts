// Values drawn from a cheap seeded stream of floats in [0, 1) (`SeedContext.keyRandom`), for a generated collection's
// `keys(i)`: it runs for every record when a space is seeded, so it never touches faker (reseeding one costs ~50 µs).
// `record(i)` draws the same values again from the same stream (`RecordContext.keyRandom`) before using its faker.

export type KeyRandom = () => number;

/** An integer in [min, max], both included. */
export function intIn(random: KeyRandom, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One of `items` (not empty), uniformly. */
export function pick<T>(random: KeyRandom, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick: no items');
  return item;
}

/** One of the values by weight (weights > 0, not empty). */
export function weightedPick<T>(random: KeyRandom, options: readonly { readonly value: T; readonly weight: number }[]): T {
  const total = options.reduce((sum, option) => sum + option.weight, 0);
  let threshold = random() * total;
  for (const option of options) {
    threshold -= option.weight;
    if (threshold < 0) return option.value;
  }
  const last = options[options.length - 1];
  if (last === undefined) throw new Error('weightedPick: no options');
  return last.value;
}

/** True with probability `probability`. */
export const chance = (random: KeyRandom, probability: number): boolean => random() < probability;

/** `length` characters of `alphabet`. */
export function charsFrom(random: KeyRandom, length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)] ?? '';
  return out;
}

export const DIGITS = '0123456789';
export const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const HEX = '0123456789abcdef';
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** A 32-bit draw. */
const word = (random: KeyRandom): number => Math.floor(random() * 0x100000000);
const byteHex = (value: number, shift: number): string => BYTE_HEX[(value >>> shift) & 0xff] ?? '00';
const nibbleHex = (value: number, shift: number): string => HEX[(value >>> shift) & 0xf] ?? '0';
const wordHex = (value: number): string => byteHex(value, 24) + byteHex(value, 16) + byteHex(value, 8) + byteHex(value, 0);

/** `length` (a multiple of 8) lower-case hex digits, 32 bits a draw. */
export function hexFrom(random: KeyRandom, length: number): string {
  let out = '';
  for (let at = 0; at < length; at += 8) out += wordHex(word(random));
  return out;
}

/**
 * A version 4 UUID (RFC 9562: version nibble 4, variant bits 10), from four 32-bit draws. Built from a table of byte
 * digits: several times faster than formatting and slicing a hex string, which matters for keys of 100k records.
 */
export function uuidFrom(random: KeyRandom): string {
  const a = word(random);
  const b = word(random);
  const c = word(random);
  const d = word(random);
  const variant = HEX[8 | ((c >>> 28) & 0x3)] ?? '8';
  return `${wordHex(a)}-${byteHex(b, 24)}${byteHex(b, 16)}-4${nibbleHex(b, 8)}${byteHex(b, 0)}-${variant}${nibbleHex(c, 24)}${byteHex(c, 16)}-${byteHex(c, 8)}${byteHex(c, 0)}${wordHex(d)}`;
}

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const dayPrefixes = new Map<number, string>();

/**
 * `new Date(ms).toISOString()`, several times faster when many instants share their days (the date part is made once
 * per day): keys of 100k records format two or three instants each.
 */
export function isoFast(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    // Bounded: a seed's timelines span weeks, a process sees a few anchors.
    if (dayPrefixes.size > 20_000) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  const inDay = ms - day * DAY_MS;
  const seconds = Math.floor(inDay / 1000);
  const millis = inDay - seconds * 1000;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor(seconds / 60) % 60;
  return `${prefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds % 60]}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

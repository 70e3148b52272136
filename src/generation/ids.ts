// Ids for things created at runtime, drawn from a seeded generator: the same seed and the same sequence of
// requests produce the same ids, which keeps test output and demos repeatable.

export interface IdSource {
  uuid(): string;
  /** `length` lowercase hex digits. */
  hex(length: number): string;
  /** A float in [0, 1). */
  next(): number;
}

/**
 * A bare sfc32 stream of floats in [0, 1): what keys of generated records and per-record fakers draw from, made for
 * every record of a seeded collection, so it is one closure and nothing else.
 */
export function sfc32Stream(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const out = (t + d) | 0;
    c = (c + out) | 0;
    return (out >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return next;
}

export function createIdSource(seed: number): IdSource {
  // sfc32: small, fast and good enough for ids; not for secrets.
  const next = sfc32Stream(seed);
  const hex = (length: number): string => {
    let out = '';
    while (out.length < length)
      out += Math.floor(next() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    return out.slice(0, length);
  };
  return {
    next,
    hex,
    uuid() {
      const h = hex(32);
      const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}

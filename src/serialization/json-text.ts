import type { Json } from '../core/json.ts';

/**
 * Writes payloads as JSON text, remembering the text of frozen values (stored records) by identity, the most recently
 * used `capacity` of them: a page of records served before is written by joining texts already made. Output is
 * byte-identical to `JSON.stringify`; values that are not frozen may change between calls and are always written anew.
 */
export function createJsonWriter(capacity = 20_000): (payload: Json) => string {
  const texts = new Map<object, string>();

  const remembered = (value: object): string | undefined => {
    const text = texts.get(value);
    if (text !== undefined) {
      texts.delete(value);
      texts.set(value, text);
    }
    return text;
  };
  const remember = (value: object, text: string) => {
    texts.set(value, text);
    if (texts.size > capacity) texts.delete(texts.keys().next().value as object);
  };

  // Envelopes are fresh objects around stored ones: look two levels down (page -> items -> record).
  const textOf = (value: Json, depth: number): string => {
    if (typeof value !== 'object' || value === null) return JSON.stringify(value);
    if (Object.isFrozen(value)) {
      const known = remembered(value);
      if (known !== undefined) return known;
      const text = JSON.stringify(value);
      remember(value, text);
      return text;
    }
    if (depth === 0) return JSON.stringify(value);
    if (Array.isArray(value)) return `[${value.map((item) => textOf(item, depth - 1)).join(',')}]`;
    const members: string[] = [];
    for (const key of Object.keys(value)) {
      const member = value[key];
      if (member !== undefined) members.push(`${JSON.stringify(key)}:${textOf(member, depth - 1)}`);
    }
    return `{${members.join(',')}}`;
  };

  return (payload) => textOf(payload, 2);
}

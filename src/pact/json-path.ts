import { escapePointerSegment } from '../core/json.ts';

/** Pact's JSON paths (`$.items[0].id`, `$['a.b']`) as JSON pointers (`/items/0/id`), for reports. */
export function pointerOf(path: string): string {
  const parts: string[] = [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]|\[\*\]|\.\*/g;
  for (const match of path.replace(/^\$(\.body)?/, '').matchAll(pattern)) parts.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '*');
  return parts.map((part) => `/${escapePointerSegment(part)}`).join('');
}

import { h } from './dom.ts';
import type { Reply } from './http.ts';

// How the console shows what an API answered: pretty JSON, else the text as it came; an error in an alert box.

export function pretty(reply: Reply): string {
  if (reply.json !== undefined) return JSON.stringify(reply.json, null, 2);
  return reply.text;
}

export function errorBox(reply: Reply): HTMLElement {
  return h('div', { class: 'error', role: 'alert' }, h('strong', {}, `${reply.status}`), h('pre', {}, pretty(reply)));
}

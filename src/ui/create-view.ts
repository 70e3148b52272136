import { fill, h, toast } from './dom.ts';
import { callApi, type Reply } from './http.ts';
import { field, unwrapRun, type ApiDescription, type Json, type Run } from './model.ts';
import { errorBox } from './reply-view.ts';

// "New run": a dialog with the API's example body, sent as a client would; the run it started is handed back.

export interface CreateView {
  readonly dialog: HTMLDialogElement;
  open(): void;
}

export function createView(api: ApiDescription, started: (run: Run | undefined) => Promise<void>): CreateView {
  const text = h('textarea', { id: `create-body-${api.id}`, spellcheck: 'false' });
  const result = h('div', { 'aria-live': 'polite' });
  const dialog = h(
    'dialog',
    { 'aria-label': `New ${api.noun}` },
    h(
      'form',
      {
        method: 'dialog',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          if (!api.create) return;
          let body: Json;
          try {
            body = JSON.parse(text.value) as Json;
          } catch {
            fill(result, h('p', { class: 'error' }, 'That is not valid JSON.'));
            return;
          }
          const reply = await callApi(api, api.create, { body });
          if (!reply.ok) return void fill(result, errorBox(reply));
          dialog.close();
          toast(`${api.noun} started`);
          await started(createdRun(api, reply));
        },
      },
      h('h3', {}, `New ${api.noun}`),
      h('label', { for: `create-body-${api.id}` }, 'Request body (JSON), as a client sends it'),
      text,
      result,
      h(
        'div',
        { class: 'commands' },
        h('button', { type: 'submit', class: 'primary' }, 'Start'),
        h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'),
      ),
    ),
  );
  return {
    dialog,
    open() {
      if (api.create) text.value = JSON.stringify(api.create.example, null, 2);
      fill(result);
      dialog.showModal();
    },
  };
}

/** The run a create answered with: its body (wrapped or not), or the id at the end of its Location. */
function createdRun(api: ApiDescription, reply: Reply): Run | undefined {
  const body = unwrapRun(api, reply.json);
  if (body && field(body, api.fields.id)) return body;
  const id = reply.location?.split('/').at(-1);
  return id ? { [api.fields.id]: id } : undefined;
}

import { h, toast } from './dom.ts';
import { callApi, type Reply } from './http.ts';
import { actionsOf, allowedCommands, commandCall, fillBody, type ApiDescription, type Run } from './model.ts';

// A run's moves as buttons: the machine's commands its state allows, each sent through its own call or the shared
// one; or the vendor's actions for the user the tester signs in as, each enabled by its availability flag.

export interface MovesView {
  render(run: Run, status: string): Promise<HTMLElement>;
}

export interface MovesContext {
  readonly api: ApiDescription;
  /** A state as shown (its display name). */
  readonly label: (status: string) => string;
  /** After a command or action was sent, whatever came back. */
  readonly moved: (reply: Reply, command: string) => Promise<void>;
  /** After signing in (a refusal is shown like a refused move). */
  readonly signedIn: (reply: Reply) => Promise<void>;
}

export function movesView(context: MovesContext): MovesView {
  const { api, label } = context;
  let signedInAs = '';

  async function move(run: Run, command: string): Promise<void> {
    const call = commandCall(api, command);
    if (!call) return void toast(`${command}: no call is declared for it`);
    const reply = await callApi(api, call, { run, ...(call.body === null ? {} : { body: fillBody(call.body, { command }, run) }) });
    await context.moved(reply, command);
  }

  function machineButtons(run: Run, status: string): HTMLElement {
    const commands = api.commands;
    const allowed = commands?.kind === 'machine' ? allowedCommands(commands.machine, status) : [];
    if (allowed.length === 0) return h('p', { class: 'muted' }, `No move is allowed from ${label(status)}.`);
    return h(
      'div',
      { class: 'commands', role: 'group', 'aria-label': 'Allowed moves' },
      allowed.map((command) => {
        const call = commandCall(api, command);
        return h(
          'button',
          { type: 'button', 'data-command': command, title: call ? `${call.method} ${call.path}` : '', onclick: () => void move(run, command) },
          command,
        );
      }),
    );
  }

  async function actionButtons(run: Run): Promise<HTMLElement> {
    const commands = api.commands;
    if (commands?.kind !== 'actions') return h('p', { class: 'muted' }, 'This API has no moves.');
    const users = h(
      'select',
      { id: `user-${api.id}`, 'aria-label': 'Act as' },
      commands.login.users.map((user) => h('option', { value: user, selected: user === signedInAs }, user)),
    );
    const signIn = h(
      'button',
      {
        type: 'button',
        onclick: async () => {
          const reply = await callApi(api, commands.login, { body: fillBody(commands.login.body, { user: users.value }) });
          if (reply.ok) {
            signedInAs = users.value;
            toast(`Signed in as ${signedInAs}`);
          }
          await context.signedIn(reply);
        },
      },
      'Sign in',
    );
    if (!signedInAs) return h('div', { class: 'commands' }, users, signIn);
    const listed = actionsOf(api, (await callApi(api, commands.list, { run })).json);
    const take = async (name: string) => {
      const reply = await callApi(api, commands.take, { run, body: fillBody(commands.take.body, { command: name }, run) });
      await context.moved(reply, name);
    };
    return h(
      'div',
      {},
      h('div', { class: 'commands' }, users, signIn, h('span', { class: 'muted' }, `acting as ${signedInAs}`)),
      h(
        'div',
        { class: 'commands', role: 'group', 'aria-label': 'Actions' },
        listed.map((action) => {
          const to = action.to ? ` → ${label(action.to)}` : '';
          return h(
            'button',
            {
              type: 'button',
              disabled: !action.available,
              'data-command': action.name,
              title: action.available ? `to ${label(action.to)}` : 'not available to this user or for this record',
              onclick: () => void take(action.name),
            },
            `${action.title}${to}`,
          );
        }),
      ),
    );
  }

  return {
    async render(run, status) {
      if (!api.commands) return h('p', { class: 'muted' }, 'This API has no moves.');
      return api.commands.kind === 'machine' ? machineButtons(run, status) : actionButtons(run);
    },
  };
}

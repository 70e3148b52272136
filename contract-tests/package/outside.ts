import { type ChildProcess, spawn } from 'node:child_process';

// What the checks from outside share (the packed package's, contract-tests/package, and the container image's,
// contract-tests/infra/docker-image.test.ts): one request per API that a freshly seeded mock answers with 200, below
// the API's base URL, and a server started as a command in its own process group.

export const BEARER = { authorization: 'Bearer package-test' };
export const CALLS: Readonly<Record<string, { path: string; init?: RequestInit }>> = {
  '8x8': { path: '/api/v1/accounts/test_account_id/definitions?limit=1', init: { headers: BEARER } },
  nerm: { path: '/api/workflow_sessions?limit=1', init: { headers: BEARER } },
  twinit: { path: '/workflowsvc/api/v1/workflows?nsfilter=first_tchgt1VU&_pageSize=1', init: { headers: BEARER } },
  amperity: { path: '/api/workflow/runs?limit=1', init: { headers: { ...BEARER, 'amperity-tenant': 'socktown', 'api-version': '2024-04-01' } } },
  longjump: {
    path: '/networking/rest/login',
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<platform><login><userName>jsmith</userName><password>demo</password></login></platform>',
    },
  },
  github: { path: '/repos/octo-org/hello-world/actions/runs?per_page=1', init: { headers: { ...BEARER, accept: 'application/vnd.github+json' } } },
};

/** npm's own settings from the `npm test` around this run must not leak into the nested npm (prefix, workspace...). */
export const cleanEnv = (): NodeJS.ProcessEnv => Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));

export interface Served {
  readonly origin: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** Starts a command of the installed package in its own process group, and waits for its "listening on" line. */
export function serve(command: string, args: readonly string[], cwd: string): Promise<Served> {
  const child: ChildProcess = spawn(command, args, { cwd, env: { ...cleanEnv(), PORT: '' }, detached: true });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += String(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => (output += String(chunk)));
  // npx runs the command as a child of its own: the whole group goes.
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.pid === undefined) return resolve();
      child.once('exit', () => resolve());
      process.kill(-child.pid, 'SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${command} did not start:\n${output}`));
    }, 60_000);
    child.stdout?.on('data', () => {
      const found = /listening on (http:\/\/\S+)/.exec(output);
      if (!found?.[1]) return;
      clearTimeout(timer);
      resolve({ origin: found[1], output: () => output, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}:\n${output}`));
    });
  });
}

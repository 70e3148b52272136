import { randomBytes } from 'node:crypto';

// The admin token a server runs with: `--admin-token random` (what docker-compose.yml sets) draws a fresh one at each
// start, so a container's control API and console open only to whoever reads the server's log, never to anyone who
// knows a default. The console line at start says where the console is and how to open it.

export const RANDOM_TOKEN = 'random';

export function resolveAdminToken(configured: string | undefined, draw: () => string = () => randomBytes(18).toString('base64url')): string | undefined {
  return configured === RANDOM_TOKEN ? draw() : configured;
}

/** The start-up line naming the QA console: with the token in its URL (opening it once sets the console's cookie). */
export function consoleLine(origin: string, adminToken: string | undefined): string {
  const label = '  QA console and control API'.padEnd(39);
  return adminToken === undefined
    ? `${label}${origin}/__admin/ui  (loopback callers only; --admin-token opens it to others)`
    : `${label}${origin}/__admin/ui?token=${encodeURIComponent(adminToken)}  (or send Authorization: Bearer <token>)`;
}

import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../src/harness/server-process.ts';

// Hostile HTTP against a real server process: oversized, slow, truncated and malformed bodies, header floods, hostile
// XML, hostile paths and query values that end up in links. After each (and during the slow ones) the server must
// still answer other clients, and it must never answer with a 5xx or die.

let server: ServerProcess;
let host: string;
let port: number;
const BEARER = 'Authorization: Bearer adversary';
const NERM_LIST = '/nerm/api/workflow_sessions?limit=1';

beforeAll(async () => {
  server = await startServer(['--rate-limit', 'off']);
  const url = new URL(server.origin);
  host = url.hostname;
  port = Number(url.port);
});

afterAll(async () => {
  await server.kill();
});

/** Writes raw bytes (in pieces, with pauses if asked) and returns what came back before the socket closed or `waitMs`. */
function raw(pieces: readonly (string | Buffer)[], options: { pauseMs?: number; waitMs?: number; endAfter?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host);
    let received = '';
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(received);
    };
    const timer = setTimeout(finish, options.waitMs ?? 3000);
    socket.on('data', (chunk) => (received += String(chunk)));
    socket.on('close', finish);
    socket.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? finish() : reject(error)));
    socket.on('connect', async () => {
      for (const piece of pieces) {
        if (socket.destroyed) return;
        socket.write(piece);
        if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
      }
      if (options.endAfter) socket.end();
    });
  });
}

const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);

/** Other clients are still served, quickly. */
async function stillServing(): Promise<void> {
  const started = Date.now();
  const responses = await Promise.all(Array.from({ length: 10 }, () => fetch(`${server.origin}${NERM_LIST}`, { headers: { authorization: 'Bearer other' } })));
  expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
  expect(Date.now() - started).toBeLessThan(2000);
  expect(server.child.exitCode).toBeNull();
}

describe('hostile HTTP', () => {
  it('answers a body one byte over the limit with 413 in the vendor envelope', async () => {
    const body = JSON.stringify({ workflow_session: { pad: 'x'.repeat(1024 * 1024) } });
    const response = await fetch(`${server.origin}/nerm/api/workflow_sessions`, {
      method: 'POST',
      headers: { authorization: 'Bearer a', 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toHaveProperty('error');
    await stillServing();
  });

  it('answers an oversized chunked body (no length declared) with 413', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    const pieces = [
      `POST /8x8/api/v1/accounts/test_account_id/definitions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${BEARER}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
    ];
    for (let i = 0; i < 20; i++) pieces.push(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    pieces.push('0\r\n\r\n');
    expect(statusOf(await raw(pieces))).toBe(413);
    await stillServing();
  });

  it('keeps serving others while a client trickles its body, and after it gives up', async () => {
    const slow = raw(
      [
        'POST /nerm/api/workflow_sessions HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer slow\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n',
        ...Array.from({ length: 15 }, () => ' '),
      ],
      { pauseMs: 100, waitMs: 2000 },
    );
    await stillServing();
    await slow;
    await stillServing();
  });

  it('survives a body cut short: declared 500 bytes, sent 20, then closed', async () => {
    await raw(
      [
        'POST /nerm/api/workflow_sessions HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer cut\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"workflow_session":',
      ],
      { endAfter: true, waitMs: 500 },
    );
    await stillServing();
  });

  it('refuses malformed chunked encoding without a 5xx', async () => {
    const response = await raw([
      'POST /nerm/api/workflow_sessions HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer c\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
    ]);
    expect(statusOf(response)).toBe(400);
    await stillServing();
  });

  it('refuses a request smuggling both Content-Length and Transfer-Encoding without a 5xx', async () => {
    const response = await raw([
      'POST /nerm/api/workflow_sessions HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /__admin/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    ]);
    expect(statusOf(response)).toBeGreaterThanOrEqual(400);
    expect(statusOf(response)).toBeLessThan(500);
    await stillServing();
  });

  it('answers a header flood with 431, not a crash', async () => {
    const flood = Array.from({ length: 2000 }, (_, i) => `X-Flood-${i}: ${'y'.repeat(50)}\r\n`).join('');
    expect(statusOf(await raw([`GET ${NERM_LIST} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${BEARER}\r\n${flood}\r\n`]))).toBe(431);
    await stillServing();
  });

  it('refuses XML with a DOCTYPE (external entity, entity expansion) in the vendor envelope', async () => {
    for (const xml of [
      '<?xml version="1.0"?><!DOCTYPE platform [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><platform><login><userName>&xxe;</userName><password>demo</password></login></platform>',
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]><platform><login><userName>&lol9;</userName><password>x</password></login></platform>`,
    ]) {
      const response = await fetch(`${server.origin}/longjump/networking/rest/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/xml' },
        body: xml,
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      const text = await response.text();
      expect(text).toContain('<platform>');
      expect(text).not.toContain('root:');
    }
    await stillServing();
  });

  it('answers hostile path segments with the vendor 4xx', async () => {
    for (const segment of ['..', '%2e%2e', '..%2f..%2fetc%2fpasswd', '%00', 'a%00b', '%ff%fe', 'x'.repeat(8000), '%', '%zz']) {
      for (const path of [
        `/nerm/api/workflow_sessions/${segment}`,
        `/amperity/api/workflow/runs/${segment}`,
        `/twinit/workflowsvc/api/v1/workflows/${segment}?nsfilter=n`,
      ]) {
        const response = await fetch(`${server.origin}${path}`, {
          headers: { authorization: 'Bearer a', 'amperity-tenant': 'socktown', 'api-version': '2024-04-01' },
        });
        expect(response.status, path.slice(0, 120)).toBeGreaterThanOrEqual(400);
        expect(response.status, path.slice(0, 120)).toBeLessThan(500);
      }
    }
    const raw404 = await raw([`GET /nerm/api/workflow_sessions/../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${BEARER}\r\n\r\n`]);
    expect(statusOf(raw404)).toBeGreaterThanOrEqual(400);
    expect(statusOf(raw404)).toBeLessThan(500);
    await stillServing();
  });

  it('keeps hostile query values out of headers and encodes them in links', async () => {
    const hostile = encodeURIComponent('x\r\nSet-Cookie: evil=1\r\n\r\n<script>');
    const response = await fetch(`${server.origin}/nerm/api/workflow_sessions?limit=1&metadata=true&uid=${hostile}&extra=${hostile}`, {
      headers: { authorization: 'Bearer a' },
    });
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('set-cookie')).toBeNull();
    const text = await response.text();
    expect(text).not.toMatch(/\r|\n/);
    const created = await fetch(
      `${server.origin}/8x8/api/v1/accounts/test_account_id/definitions/5870442f-3ddd-4657-b74c-6e17308f5230/workflows?x=${hostile}`,
      {
        method: 'POST',
        headers: { authorization: 'Bearer a', 'content-type': 'application/json' },
        body: '{}',
      },
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(/^\/8x8\/api\/v1\/accounts\/test_account_id\/definitions\/[^\s]+\/workflows\/[0-9a-f]+$/);
    await stillServing();
  });

  it('answers a 100 KB URL without a 5xx', async () => {
    const response = await raw([`GET /nerm/api/workflow_sessions?uid=${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${BEARER}\r\n\r\n`]);
    expect(statusOf(response)).toBeGreaterThanOrEqual(400);
    expect(statusOf(response)).toBeLessThan(500);
    await stillServing();
  });
});

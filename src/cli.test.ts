import { describe, expect, it } from 'vitest';
import { parseCli } from './cli.ts';

const apis = ['acme', 'globex'];

describe('parseCli', () => {
  it('defaults to port 4010 on loopback with seed 1 and every API mounted', () => {
    expect(parseCli([], {}, apis)).toEqual({
      ok: true,
      value: { port: 4010, host: '127.0.0.1', seed: 1, strict: false, rateLimits: true, profile: 'normal', clock: 'real', help: false },
    });
  });

  it('reads flags over environment variables', () => {
    expect(parseCli(['--port', '5000', '--seed', '42', '--api', 'acme'], { PORT: '6000', SEED: '9' }, apis)).toMatchObject({
      ok: true,
      value: { port: 5000, seed: 42, api: 'acme' },
    });
  });

  it('reads PORT, HOST and SEED from the environment', () => {
    expect(parseCli([], { PORT: '6000', HOST: '0.0.0.0', SEED: '9' }, apis)).toMatchObject({ ok: true, value: { port: 6000, host: '0.0.0.0', seed: 9 } });
  });

  it('refuses an unknown API id, naming the known ones', () => {
    expect(parseCli(['--api', 'nope'], {}, apis)).toEqual({ ok: false, error: '--api must be one of: acme, globex' });
  });

  it.each([
    ['--port', 'http'],
    ['--port', '70000'],
    ['--seed', '-1'],
    ['--records', '1.5'],
  ])('refuses %s %s', (flag, value) => {
    expect(parseCli([flag, value], {}, apis).ok).toBe(false);
  });

  it('turns rate limits off with --rate-limit off and refuses other values', () => {
    expect(parseCli(['--rate-limit', 'off'], {}, apis)).toMatchObject({ ok: true, value: { rateLimits: false } });
    expect(parseCli(['--rate-limit', 'maybe'], {}, apis).ok).toBe(false);
  });

  it('reads a manual clock and where it starts', () => {
    expect(parseCli(['--clock', 'manual', '--clock-start', '2026-01-01T00:00:00Z'], {}, apis)).toMatchObject({
      ok: true,
      value: { clock: 'manual', clockStart: Date.UTC(2026, 0, 1) },
    });
    expect(parseCli(['--clock', 'slow'], {}, apis).ok).toBe(false);
    expect(parseCli(['--clock-start', 'soon'], {}, apis).ok).toBe(false);
  });

  it('reads --data-dir and --redis (or REDIS_URL), but not both', () => {
    expect(parseCli(['--data-dir', '/tmp/x'], {}, apis)).toMatchObject({ ok: true, value: { dataDir: '/tmp/x' } });
    expect(parseCli([], { REDIS_URL: 'redis://127.0.0.1:6379' }, apis)).toMatchObject({ ok: true, value: { redis: 'redis://127.0.0.1:6379' } });
    expect(parseCli(['--redis', 'http://x'], {}, apis).ok).toBe(false);
    expect(parseCli(['--redis', 'redis://x', '--data-dir', 'd'], {}, apis).ok).toBe(false);
  });

  it('refuses unknown flags', () => {
    expect(parseCli(['--prot', '1'], {}, apis)).toMatchObject({ ok: false, error: expect.stringMatching(/prot/) });
  });
});

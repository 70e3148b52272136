import { describe, expect, it } from 'vitest';
import { duringOutage, isOutage, StoreUnavailable } from './unavailable.ts';

const reply = (message: string) => Object.assign(new Error(message), { name: 'ReplyError' });

describe('outages of the shared store', () => {
  it('counts connection failures and "not now" replies as outages, and script errors as bugs', () => {
    expect(isOutage(new Error('connect ECONNREFUSED 127.0.0.1:6379'))).toBe(true);
    expect(isOutage(Object.assign(new Error('Reached the max retries per request limit'), { name: 'MaxRetriesPerRequestError' }))).toBe(true);
    expect(isOutage(reply('LOADING Redis is loading the dataset in memory'))).toBe(true);
    expect(isOutage(reply('ERR Error running script: attempt to compare nil with number'))).toBe(false);
    expect(isOutage('not an error')).toBe(false);
  });

  it('turns an outage into StoreUnavailable naming what failed, and lets a bug through as it is', async () => {
    const outage = duringOutage('read', () => Promise.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false")));
    await expect(outage).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(outage).rejects.toThrow(/Redis is unavailable \(read: Stream isn't writeable/);
    const bug = reply('WRONGTYPE Operation against a key holding the wrong kind of value');
    await expect(duringOutage('read', () => Promise.reject(bug))).rejects.toBe(bug);
    expect(await duringOutage('read', async () => 7)).toBe(7);
  });
});

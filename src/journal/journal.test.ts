import { describe, expect, it } from 'vitest';
import { createJournal, describeViolations } from './journal.ts';

const entry = (api: string, client = 'c', status = 200) => ({
  at: '2026-01-01T00:00:00.000Z',
  api,
  operation: 'op',
  method: 'GET',
  path: `/${api}/x`,
  query: [],
  status,
  client,
  violations: [],
});

describe('request journal', () => {
  it('numbers entries and filters by api, client and sequence', () => {
    const journal = createJournal();
    journal.record(entry('a'));
    journal.record(entry('b', 'other'));
    const third = journal.record(entry('a', 'other'));
    expect(third.seq).toBe(3);
    expect(journal.entries({ api: 'a' }).map((e) => e.seq)).toEqual([1, 3]);
    expect(journal.entries({ client: 'other' }).map((e) => e.seq)).toEqual([2, 3]);
    expect(journal.entries({ since: 1 }).map((e) => e.seq)).toEqual([2, 3]);
  });

  it('keeps only the newest entries past its capacity', () => {
    const journal = createJournal(3);
    for (let i = 0; i < 5; i++) journal.record(entry('a'));
    expect(journal.entries().map((e) => e.seq)).toEqual([3, 4, 5]);
  });

  it('clears one api or all', () => {
    const journal = createJournal();
    journal.record(entry('a'));
    journal.record(entry('b'));
    journal.clear('a');
    expect(journal.entries().map((e) => e.api)).toEqual(['b']);
    journal.clear();
    expect(journal.entries()).toEqual([]);
  });

  it('describes violations by request, field and rule', () => {
    const journal = createJournal();
    journal.record({
      ...entry('a'),
      method: 'POST',
      violations: [
        {
          location: 'body',
          field: 'statuss',
          rule: 'additionalProperties',
          message: "body field 'statuss' is not allowed",
          schemaPath: '#/additionalProperties',
        },
      ],
    });
    expect(describeViolations(journal.entries())).toEqual([
      "POST /a/x: body field 'statuss' is not allowed (body statuss, rule additionalProperties at #/additionalProperties)",
    ]);
  });
});

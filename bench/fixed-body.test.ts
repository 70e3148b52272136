import { describe, expect, it } from 'vitest';
import { fixedBody, parseFixedPath } from './fixed-body.ts';

describe('the baselines fixed body', () => {
  it('has exactly the size asked for, as valid JSON or XML', () => {
    for (const bytes of [20, 512, 62_706]) {
      const json = fixedBody(bytes, 'json');
      expect(json.body.length).toBe(bytes);
      expect(() => JSON.parse(String(json.body))).not.toThrow();
      expect(fixedBody(bytes, 'xml').body.length).toBe(bytes);
    }
    expect(fixedBody(0, 'json').body.length).toBe(0);
  });

  it('reads its size and kind from the path, and nothing else', () => {
    expect(parseFixedPath('/fixed/512/json')).toEqual({ bytes: 512, kind: 'json' });
    expect(parseFixedPath('/fixed/2939/xml?x=1')).toEqual({ bytes: 2939, kind: 'xml' });
    expect(parseFixedPath('/fixed/512/yaml')).toBeUndefined();
    expect(parseFixedPath('/other')).toBeUndefined();
  });
});

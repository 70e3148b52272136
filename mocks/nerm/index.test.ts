import { describe, expect, it } from 'vitest';
import sessionSchema from '../../schemas/nerm/workflow-session.json' with { type: 'json' };
import { ORDERABLE } from './index.ts';

describe('NERM pack declarations', () => {
  it('lets order name every top-level session field except attributes and profile_ids', () => {
    const fields = Object.keys(sessionSchema.properties).filter((name) => name !== 'attributes' && name !== 'profile_ids');
    expect(Object.keys(ORDERABLE).sort()).toEqual(fields.sort());
  });
});

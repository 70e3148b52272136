import { describe, expect, it } from 'vitest';
import sessionSchema from '../../schemas/nerm/workflow-session.json' with { type: 'json' };
import { ORDERABLE, sessionOrder } from './index.ts';

describe('NERM pack declarations', () => {
  it('lets order name every top-level session field except attributes and profile_ids', () => {
    const fields = Object.keys(sessionSchema.properties).filter((name) => name !== 'attributes' && name !== 'profile_ids');
    expect(Object.keys(ORDERABLE).sort()).toEqual(fields.sort());
  });

  it('reads order keys in turn and skips those it cannot sort by', () => {
    expect(sessionOrder('status,-created_at')).toEqual([
      { field: 'status', dir: 'asc', as: 'text' },
      { field: 'created_at', dir: 'desc', as: 'time' },
    ]);
    expect(sessionOrder('attributes,updated_at desc,nope')).toEqual([{ field: 'updated_at', dir: 'desc', as: 'time' }]);
  });

  it.each([[undefined], [''], ['attributes'], ['id;1'], ['-id desc']])('falls back to the documented default, id, for order %j', (order) => {
    expect(sessionOrder(order)).toEqual([{ field: 'id', dir: 'asc' }]);
  });
});

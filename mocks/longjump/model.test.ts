import { describe, expect, it } from 'vitest';
import { offeredActions, takeAction, type Action, type RecordData, type Workflow } from './model.ts';

const ref = { id: 'u', displayValue: 'U' };
const action = (id: string, name: string, column = '', value = ''): Action => ({
  id,
  name,
  title: name,
  currentStateId: 's1',
  nextStateId: `to-${id}`,
  notifyRecordOwner: '0',
  additionalUserToNotify: [],
  customCriteria: '',
  criteria: [{ join_operator: '', pre_bracket: '', post_bracket: '', column, operator: column ? 'equal' : '', value }],
  date_created: 'd',
  date_modified: 'd',
  created_id: ref,
  modified_id: ref,
});
const workflow: Workflow = {
  id: 'w',
  name: 'w',
  objectName: 'o',
  object_id: 'oid',
  states: [
    { id: 's1', name: 'S1', decisionMakers: [] },
    ...['a', 'b', 'c', 'd'].map((x) => ({ id: `to-${x}`, name: x, decisionMakers: [{ id: 'next', fullname: 'Next' }] })),
  ],
  actions: [action('a', 'go', 'kind', 'x'), action('b', 'go', 'kind', 'y'), action('c', 'solo', 'kind', 'z'), action('d', 'free')],
};
const record = (kind: string): RecordData => ({
  id: 'r',
  objectName: 'o',
  object_id: 'oid',
  workflowName: 'w',
  currentStateId: 's1',
  owners: [{ id: 'me', fullname: 'Me' }],
  fields: { kind },
  date_created: 'd',
  date_modified: 'd',
  created_id: ref,
  modified_id: ref,
});
const listed = (kind: string, user = 'me') => offeredActions(workflow, record(kind), user).map((o) => `${o.action.id}:${o.available ? 1 : 0}`);

describe('LongJump same-name rules', () => {
  it('returns only the eligible one of same-named actions', () => {
    expect(listed('x')).toEqual(['a:1', 'c:0', 'd:1']);
  });

  it('returns all same-named actions unavailable when none is eligible', () => {
    expect(listed('q')).toEqual(['a:0', 'b:0', 'c:0', 'd:1']);
  });

  it('makes nothing available to a user who is not an owner', () => {
    expect(listed('x', 'stranger')).toEqual(['a:0', 'b:0', 'c:0', 'd:0']);
  });

  it("takes the first available action of the name and hands the record to the next state's decision-makers", () => {
    expect(takeAction(workflow, record('y'), 'me', 'go', undefined)).toMatchObject({
      ok: true,
      action: { id: 'b' },
      next: { id: 'to-b' },
      owners: [{ id: 'next' }],
    });
    expect(takeAction(workflow, record('q'), 'me', 'go', undefined)).toEqual({ ok: false, reason: 'unavailable' });
    expect(takeAction(workflow, record('x'), 'stranger', 'go', undefined)).toEqual({ ok: false, reason: 'notOwner' });
  });
});

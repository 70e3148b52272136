import { describe, expect, it } from 'vitest';
import { ancestors, canonical, classifyBody, classifyRefusal, classifyStatus, ValueIndex, verdictOf, type Finding } from './classify.ts';
import type { SchemaFailure } from './schemas.ts';

const failure = (over: Partial<SchemaFailure>): SchemaFailure => ({
  instancePath: '',
  pointer: '',
  keyword: 'type',
  message: 'must be string',
  params: {},
  schemaPath: '#/type',
  ...over,
});
const none = new ValueIndex([]);
const sent = { query: [['limit', '0']] as const, headers: { 'api-version': 'x' }, body: { workflow_session: { status_uid: 'closed' } } };

describe('classifying a refusal', () => {
  it('passes a request that was not refused', () => {
    expect(classifyRefusal(200, undefined, sent, undefined)).toEqual([]);
  });

  it('is drift when the journal says the request was invalid, naming field, rule and the value sent', () => {
    const findings = classifyRefusal(
      400,
      {
        kind: 'invalidRequest',
        violations: [{ location: 'body', field: 'workflow_session.status_uid', rule: 'additionalProperties', message: 'is not allowed' }],
      },
      sent,
      { error: 'x' },
    );
    expect(findings).toEqual([
      {
        pointer: '/body/workflow_session/status_uid',
        rule: 'additionalProperties',
        message: 'refused with 400: is not allowed',
        actual: 'closed',
        verdict: 'drift',
      },
    ]);
  });

  it('shows the query value a refusal names', () => {
    const [finding] = classifyRefusal(
      400,
      { kind: 'invalidRequest', violations: [{ location: 'query', field: 'limit', rule: 'minimum', message: 'must be >= 1' }] },
      sent,
      undefined,
    );
    expect(finding).toMatchObject({ pointer: '/query/limit', actual: '0', verdict: 'drift' });
  });

  it.each(['malformedBody', 'unsupportedMediaType', 'methodNotAllowed', 'routeNotFound', 'unauthenticated'])('is drift for a %s refusal', (kind) => {
    expect(classifyRefusal(400, { kind, violations: [] }, sent, { message: 'no' })).toMatchObject([{ rule: kind, verdict: 'drift' }]);
  });

  it('is drift when the reason is unknown (a real provider, no journal)', () => {
    expect(classifyRefusal(422, undefined, sent, { message: 'no' })).toMatchObject([
      { pointer: '', rule: 'refused', verdict: 'drift', actual: { message: 'no' } },
    ]);
  });

  it.each(['illegalTransition', 'conflict', 'notFound'])('is a note when the mock refused by its state rules (%s)', (kind) => {
    expect(classifyRefusal(409, { kind, violations: [] }, sent, undefined)).toMatchObject([{ rule: kind, verdict: 'refused-by-state' }]);
  });

  it("is a note when every broken rule names the vendor's evidence for being stricter than the document", () => {
    const violations = [{ location: 'body' as const, field: 'workflow_session', rule: 'required', message: 'is required', evidence: 'vendor-facts 000' }];
    expect(classifyRefusal(400, { kind: 'invalidRequest', violations }, sent, undefined)).toMatchObject([
      { pointer: '/body/workflow_session', verdict: 'stricter-with-evidence', message: expect.stringContaining('vendor-facts 000') },
    ]);
  });

  it('is drift when one broken rule has no evidence, even if another has', () => {
    const violations = [
      { location: 'body' as const, field: 'a', rule: 'required', message: 'is required', evidence: 'somewhere' },
      { location: 'body' as const, field: 'b', rule: 'type', message: 'must be string' },
    ];
    expect(classifyRefusal(400, { kind: 'invalidRequest', violations }, sent, undefined).map((finding) => finding.verdict)).toEqual(['drift', 'drift']);
  });

  it('is drift for a server error whatever the journal says', () => {
    expect(classifyRefusal(500, { kind: 'notFound', violations: [] }, sent, undefined)).toMatchObject([{ verdict: 'drift' }]);
  });
});

describe('classifying a status', () => {
  const responses = { '200': { content: {} }, '4XX': { content: {} } };

  it('accepts an exact or range status', () => {
    expect(classifyStatus(200, responses, false)).toEqual([]);
    expect(classifyStatus(404, responses, false)).toEqual([]);
  });

  it('accepts any status under default', () => {
    expect(classifyStatus(503, { default: { content: {} } }, false)).toEqual([]);
  });

  it('is drift for a status the operation does not document', () => {
    expect(classifyStatus(201, responses, false)).toMatchObject([{ rule: 'status', actual: 201, verdict: 'drift' }]);
  });

  it('is a note when the undocumented status comes from a state refusal', () => {
    expect(classifyStatus(500, { '200': { content: {} } }, true)).toMatchObject([{ verdict: 'refused-by-state' }]);
  });
});

describe('classifying response schema failures', () => {
  it('is drift by default, with pointer, rule and actual value', () => {
    const findings = classifyBody([failure({ instancePath: '/ended_at', pointer: '/ended_at', data: null })], { ended_at: null }, none, none);
    expect(findings).toEqual([{ pointer: '/ended_at', rule: 'type', message: 'must be string', actual: null, verdict: 'drift' }]);
  });

  it('is ambiguous-oneOf when more than one branch passed', () => {
    const findings = classifyBody([failure({ keyword: 'oneOf', params: { passingSchemas: [0, 1] } })], {}, none, none);
    expect(findings).toMatchObject([{ verdict: 'ambiguous-oneOf' }]);
  });

  it('is unusable-schema when the document schema cannot be compiled', () => {
    expect(classifyBody([failure({ keyword: 'unusableSchema', message: 'cannot be used' })], {}, none, none)).toMatchObject([{ verdict: 'unusable-schema' }]);
  });

  it('is drift for a oneOf no branch passed', () => {
    expect(classifyBody([failure({ keyword: 'oneOf', params: { passingSchemas: null } })], {}, none, none)).toMatchObject([{ verdict: 'drift' }]);
  });

  it('is echo when an ancestor of the offending value is what the request sent', () => {
    const step = { id: 'step3', stepType: 'If', inputs: { condition: 'x' } };
    const body = { definition: { steps: [step] } };
    const findings = classifyBody(
      [failure({ instancePath: '/definition/steps/0/stepType', keyword: 'enum', data: 'If' })],
      body,
      new ValueIndex([{ steps: [step] }]),
      none,
    );
    expect(findings).toMatchObject([{ verdict: 'echo' }]);
  });

  it('is document-example when the offending value is one of the verbatim examples', () => {
    const body = { workflow_sessions: [{ profile_ids: ['db6f8e8b-65c2-47d5-a0db-90bcc4e9df9t'] }] };
    const examples = new ValueIndex([{ list: { ids: ['db6f8e8b-65c2-47d5-a0db-90bcc4e9df9t'] } }]);
    const findings = classifyBody(
      [failure({ instancePath: '/workflow_sessions/0/profile_ids/0', keyword: 'format', data: 'db6f8e8b-65c2-47d5-a0db-90bcc4e9df9t' })],
      body,
      none,
      examples,
    );
    expect(findings).toMatchObject([{ verdict: 'document-example' }]);
  });

  it('does not excuse a short value that happens to be in an example', () => {
    const findings = classifyBody(
      [failure({ instancePath: '/state', data: 'ok' })],
      { state: 'ok' },
      new ValueIndex([{ a: 'ok' }]),
      new ValueIndex([{ b: 'ok' }]),
    );
    expect(findings).toMatchObject([{ verdict: 'drift' }]);
  });
});

describe('verdicts', () => {
  const note: Finding = { pointer: '', rule: 'oneOf', message: '', verdict: 'ambiguous-oneOf' };
  const drift: Finding = { ...note, verdict: 'drift' };

  it('passes without findings, notes with notes only, drifts with any drift', () => {
    expect(verdictOf([])).toBe('pass');
    expect(verdictOf([note])).toBe('note');
    expect(verdictOf([note, drift])).toBe('drift');
  });
});

describe('value index and ancestors', () => {
  it('recognises equal values whatever their key order', () => {
    expect(new ValueIndex([{ x: { a: 1, b: [1, 2] } }]).has({ b: [1, 2], a: 1 })).toBe(true);
    expect(canonical({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('does not index empty containers', () => {
    expect(new ValueIndex([{ a: {}, b: [] }]).has({})).toBe(false);
  });

  it('lists the value and every ancestor, nearest first', () => {
    expect(ancestors({ a: [{ b: 'c' }] }, '/a/0/b')).toEqual(['c', { b: 'c' }, [{ b: 'c' }], { a: [{ b: 'c' }] }]);
  });
});

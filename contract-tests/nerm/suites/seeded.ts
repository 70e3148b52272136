import type { ContractSuite } from '../../../src/contract/types.ts';
import { ok, same } from '../../support/suite-kit.ts';
import settings from '../../../fixtures/nerm/generation.json' with { type: 'json' };
import { all, auth, ENDED, EXAMPLE, patch, sessionIds, sessionOf } from '../calls.ts';
import { download, urlOf } from './attachments.ts';

// What the mock's seed holds (the document's example session, open sessions in every status), read as a client would.

export const seededReads: ContractSuite[] = [
  {
    api: 'nerm',
    name: "the seed: the document's example session",
    writes: false,
    seeded: true,
    async run(ctx) {
      const everything = await all(ctx);
      ok(
        ctx,
        everything.some((s) => JSON.stringify(s) === JSON.stringify(EXAMPLE)),
        "the list holds the seed document's example session verbatim",
      );
      ok(ctx, everything.length >= 251, 'and at least 250 generated sessions besides it', everything.length);
      ok(
        ctx,
        everything.some((s) => !('profile_id' in s)),
        'some sessions have no profile_id, left out rather than null',
      );
      same(ctx, sessionIds(await all(ctx, { uid: EXAMPLE.uid })), [EXAMPLE.id], "the example's 36-character uid finds it");
      const res = await ctx.call('getWorkflowSession', { params: { id: EXAMPLE.id }, headers: auth(ctx) }, { status: 200 });
      same(ctx, res.body, { workflow_session: EXAMPLE }, 'the example reads by id, wrapped');
      const batch = everything.find((s) => s.profile_ids.length > 0 && s.id !== EXAMPLE.id);
      if (!ok(ctx, batch !== undefined, 'the seed has batch sessions') || !batch) return;
      const url = urlOf(
        await ctx.call(
          'getWorkflowSessionUpload',
          { params: { id: batch.id, attribute_id: settings.attachment.attributeId }, headers: auth(ctx) },
          { status: 200 },
        ),
      );
      const file = await download(ctx, url);
      const lines = file.text.trim().split('\r\n');
      ok(
        ctx,
        file.headers['content-type'] === 'text/csv' && lines[0] === 'profile_id,name',
        'a batch session carries the CSV of its profiles before any upload',
        lines[0],
      );
      same(
        ctx,
        lines.slice(1).map((line) => line.split(',')[0]),
        batch.profile_ids,
        'one line per profile of the session',
      );
    },
  },
];

export const seededWrites: ContractSuite[] = [
  {
    api: 'nerm',
    name: 'the seed: every open status closes with status_uid',
    writes: true,
    seeded: true,
    async run(ctx) {
      const open = new Map<string, string>();
      for (const session of await all(ctx)) if (!ENDED.includes(session.status) && !open.has(session.status)) open.set(session.status, session.id);
      ok(
        ctx,
        ['new', 'processing', 'pending_approval', 'approved', 'pending_review'].every((status) => open.has(status)),
        'the seed has sessions open in every status',
        [...open.keys()],
      );
      for (const [status, id] of open)
        same(ctx, sessionOf(await patch(ctx, id, { status_uid: 'closed' }))?.status, 'closed', `a ${status} session closes with status_uid`);
    },
  },
];

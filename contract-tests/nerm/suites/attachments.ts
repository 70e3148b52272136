import type { ContractContext, ContractSuite, Observed } from '../../../src/contract/types.ts';
import { ok, same } from '../../support/suite-kit.ts';
import { auth, create, examples, isNermError } from '../calls.ts';

// Workflow-session attachments: the upload as a multipart form, the URL NERM answers, and the download a client makes
// from that URL with nothing but the URL (SecZetta's NEPAPIUtil.rb opens it with URI.open).

const ATTRIBUTE = '1246d8b3-ac29-4015-8154-dea4434a73fa';
const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const BOUNDARY = 'contract-tests-boundary';

/** A multipart form with one file part (or the fields given), as a string body and its content type. */
function form(parts: readonly { name: string; filename?: string; type?: string; content: string }[]) {
  const body = parts
    .map(
      (part) =>
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}\r\n` +
        `${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n${part.content}\r\n`,
    )
    .join('');
  return { body: `${body}--${BOUNDARY}--\r\n`, contentType: `multipart/form-data; boundary=${BOUNDARY}` };
}

export const upload = (ctx: ContractContext, id: string, file: { filename: string; type?: string; content: string }, expected: number | number[] = 200) =>
  ctx.call(
    'submitWorkflowSessionUpload',
    { params: { id, attribute_id: ATTRIBUTE }, ...form([{ name: 'file', ...file }]), headers: auth(ctx) },
    { status: expected },
  );

export const urlOf = (res: Observed): string => String((res.body as { url?: string } | undefined)?.url ?? '');

/** Downloads what a URL the mock answered points at, with no credentials: its path from `/__attachments/` on. */
export function download(ctx: ContractContext, url: string, expected: number | number[] = 200): Promise<Observed> {
  const [session = '', token = ''] = url.slice(url.indexOf('/__attachments/') + '/__attachments/'.length).split('/');
  return ctx.call('downloadWorkflowSessionAttachment', { params: { session, token }, headers: { accept: '*/*' } }, { status: expected, file: true });
}

export const attachmentSuites: ContractSuite[] = [
  {
    api: 'nerm',
    name: 'workflow-session attachments',
    writes: true,
    async run(ctx) {
      const session = await create(ctx);
      const id = session?.id ?? '';
      const csv = 'profile_id,name\r\n59ed1cb6-9977-4965-9bfe-f2bcc242523e,Ada Lovelace\r\n';
      const posted = urlOf(await upload(ctx, id, { filename: 'people.csv', type: 'text/csv', content: csv }));
      const got = urlOf(await ctx.call('getWorkflowSessionUpload', { params: { id, attribute_id: ATTRIBUTE }, headers: auth(ctx) }, { status: 200 }));
      ok(ctx, /^https?:\/\//.test(posted) && /^https?:\/\//.test(got), 'an upload and a GET answer an absolute URL', { posted, got });
      for (const [which, url] of [
        ['the upload', posted],
        ['the GET', got],
      ] as const) {
        const file = await download(ctx, url);
        same(ctx, file.text, csv, `the URL of ${which} downloads the same bytes without credentials`);
        ok(
          ctx,
          file.headers['content-type'] === 'text/csv' &&
            /^attachment; filename="people\.csv"/.test(file.headers['content-disposition'] ?? '') &&
            file.headers['x-content-type-options'] === 'nosniff',
          `the download of ${which} is a text/csv attachment named as uploaded, never sniffed`,
          file.headers,
        );
      }
      const first = urlOf(await upload(ctx, id, { filename: 'one.txt', content: 'one' }));
      const second = urlOf(await upload(ctx, id, { filename: 'two.txt', content: 'two' }));
      same(ctx, (await download(ctx, second)).text, 'two', 'a new upload replaces the file');
      isNermError(ctx, await download(ctx, first, 403), 'The attachment link is not valid', 'the link of a replaced file');
      const forged = second.replace(/[0-9a-f]$/, (c) => (c === '0' ? '1' : '0'));
      await download(ctx, forged, 403);
      await download(ctx, second.replace(/\/[^/]+$/, '/garbage'), 404);
      await download(ctx, second.replace(id, MISSING_ID), 404);
      const other = (await create(ctx))?.id ?? '';
      const none = await ctx.call('getWorkflowSessionUpload', { params: { id: other, attribute_id: ATTRIBUTE }, headers: auth(ctx) }, { status: 404 });
      isNermError(ctx, none, `Workflow session ${other} has no attachment for attribute ${ATTRIBUTE}`, 'an attribute with no attachment');
      const unknown = await upload(ctx, MISSING_ID, { filename: 'x.txt', content: 'x' }, 404);
      isNermError(ctx, unknown, new RegExp(`Workflow session ${MISSING_ID} not found`), 'an upload to an unknown session');
      const noFile = await ctx.call(
        'submitWorkflowSessionUpload',
        { params: { id: other, attribute_id: ATTRIBUTE }, ...form([{ name: 'note', content: 'no file here' }]), headers: auth(ctx) },
        { status: 400 },
      );
      isNermError(ctx, noFile, 'The workflow session failed to update', 'a form without the file part', { file: ["can't be blank"] });
      const json = await ctx.call(
        'submitWorkflowSessionUpload',
        { params: { id: other, attribute_id: ATTRIBUTE }, body: { file: 'abc' }, headers: auth(ctx) },
        { status: 415 },
      );
      isNermError(ctx, json, /multipart\/form-data/, 'a JSON body, as the document says the upload is a form');
      const part = '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc';
      for (const [what, contentType, body] of [
        ['a truncated form', 'multipart/form-data; boundary=XyZ', part],
        ['a form without a boundary', 'multipart/form-data', `${part}\r\n--XyZ--\r\n`],
      ] as const) {
        const res = await ctx.call(
          'submitWorkflowSessionUpload',
          { params: { id: other, attribute_id: ATTRIBUTE }, body, contentType, headers: auth(ctx) },
          { status: 400 },
        );
        isNermError(ctx, res, examples.errors.invalidJson.error, `${what} gets the malformed-body error, never a 500`);
      }
      const big = await upload(ctx, other, { filename: 'big.bin', content: '\0'.repeat(1024 * 1024 + 1) }, 413);
      isNermError(ctx, big, 'Request body is larger than 1 MiB', 'a form over the 1 MiB body limit');
    },
  },
];

import { describe, expect, it } from 'vitest';
import { mediaKindOf, negotiateMedia } from './media.ts';
import { parseBody } from './parse-body.ts';
import { parseXmlTree } from './parse-xml.ts';
import { renderXml } from './serialize.ts';

describe('media negotiation', () => {
  it('reads JSON and XML content types, with parameters and suffixes', () => {
    expect(mediaKindOf('application/json; charset=utf-8')).toBe('json');
    expect(mediaKindOf('application/problem+json')).toBe('json');
    expect(mediaKindOf('text/xml')).toBe('xml');
    expect(mediaKindOf('application/x-www-form-urlencoded')).toBeUndefined();
    expect(mediaKindOf(undefined)).toBeUndefined();
  });

  it("picks the pack's first format unless Accept prefers another it produces", () => {
    expect(negotiateMedia(undefined, ['xml', 'json'])).toBe('xml');
    expect(negotiateMedia('application/json', ['xml', 'json'])).toBe('json');
    expect(negotiateMedia('application/json;q=0.5, application/xml', ['xml', 'json'])).toBe('xml');
    expect(negotiateMedia('text/html', ['xml', 'json'])).toBe('xml');
    expect(negotiateMedia('application/xml', ['json'])).toBe('json');
  });
});

describe('body parsing', () => {
  it('parses JSON and refuses malformed JSON and invalid UTF-8', () => {
    expect(parseBody(new TextEncoder().encode('{"a":1}'), 'json')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseBody(new TextEncoder().encode('{"a":'), 'json')).toEqual({ ok: false, error: 'malformed' });
    expect(parseBody(new Uint8Array([0x7b, 0xff, 0x7d]), 'json')).toEqual({ ok: false, error: 'malformed' });
  });

  it('parses XML into the tree convention', () => {
    expect(parseBody(new TextEncoder().encode('<platform><login><userName>jsmith</userName></login></platform>'), 'xml')).toEqual({
      ok: true,
      value: { platform: { login: { userName: 'jsmith' } } },
    });
  });
});

describe('XML rendering', () => {
  it('renders keys as elements in order, arrays as repeated elements, @ keys as attributes', () => {
    const xml = renderXml({
      platform: {
        record: { owners: [{ id: 'a' }, { id: 'b' }] },
        user: { '@uri': 'u/1', '#text': 'b29' },
        empty: '',
        message: { code: 0, description: 'Success' },
      },
    });
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        '<platform>',
        '    <record>',
        '        <owners>',
        '            <id>a</id>',
        '        </owners>',
        '        <owners>',
        '            <id>b</id>',
        '        </owners>',
        '    </record>',
        '    <user uri="u/1">b29</user>',
        '    <empty></empty>',
        '    <message>',
        '        <code>0</code>',
        '        <description>Success</description>',
        '    </message>',
        '</platform>',
      ].join('\n'),
    );
  });

  it('escapes text and attribute values', () => {
    expect(renderXml({ a: { '@t': '"<&>"', '#text': '<b>&' } })).toContain('<a t="&quot;&lt;&amp;&gt;&quot;">&lt;b&gt;&amp;</a>');
  });
});

describe('XML parsing', () => {
  it('reads elements, attributes, text and repeated names into the same tree the renderer writes', () => {
    const tree = { platform: { record: { owners: [{ id: 'a', fullname: 'A & B' }] }, user: { '@uri': 'u/1', '#text': 'b29' }, empty: '', code: '0' } };
    expect(parseXmlTree(renderXml(tree), new Set(['owners']))).toEqual({ ok: true, value: tree });
  });

  it.each([
    ['a DOCTYPE', '<?xml version="1.0"?><!DOCTYPE platform><platform/>'],
    ['an external entity', '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>'],
    ['billion laughs', '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>'],
    ['a lowercase doctype', '<!doctype x><x/>'],
  ])('refuses %s without expanding anything', (_name, xml) => {
    expect(parseXmlTree(xml)).toEqual({ ok: false, error: 'forbiddenDeclaration' });
  });

  it('refuses malformed XML', () => {
    expect(parseXmlTree('<platform><login></platform>')).toEqual({ ok: false, error: 'malformed' });
    expect(parseXmlTree('not xml at all')).toEqual({ ok: false, error: 'malformed' });
  });

  it('decodes only the predefined entities and character references', () => {
    expect(parseXmlTree('<a>&lt;b&gt; &amp; &#65;</a>')).toEqual({ ok: true, value: { a: '<b> & A' } });
  });
});

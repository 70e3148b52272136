import type * as xmlbuilder2 from 'xmlbuilder2';
import { isJsonObject, type Json } from '../core/json.ts';
import { loadLater } from '../files/load-later.ts';
import { XML_TREE } from './parse-xml.ts';

const xmlBuilder = loadLater<typeof xmlbuilder2>('xmlbuilder2');

/**
 * An XML response body: a JSON tree mapped onto elements (the convention of XML_TREE): object keys are element names
 * in insertion order, arrays repeat their element, `@name` keys become attributes and `#text` is an element's text;
 * empty elements are written as a tag pair, as the vendor documents show them. The same tree written as JSON (by the
 * HTTP edge's JSON writer) is what `Accept: application/json` gets.
 */
export function renderXml(payload: Json): string {
  const doc = xmlBuilder().create({ version: '1.0', encoding: 'UTF-8', standalone: true });
  if (!isJsonObject(payload)) throw new Error('XML responses need an object with one root element');
  const [rootName, rootValue] = Object.entries(payload)[0] ?? ['root', null];
  appendValue(doc.ele(rootName), rootValue);
  return doc.end({ prettyPrint: true, indent: '    ', allowEmptyTags: true });
}

type XmlNode = ReturnType<typeof xmlbuilder2.create>;

function appendValue(node: XmlNode, value: Json): void {
  if (value === null) return;
  if (!isJsonObject(value)) {
    node.txt(scalarText(value));
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith(XML_TREE.attributePrefix)) node.att(key.slice(XML_TREE.attributePrefix.length), child === null ? '' : scalarText(child));
    else if (key === XML_TREE.textKey) node.txt(child === null ? '' : scalarText(child));
    else for (const item of Array.isArray(child) ? child : [child]) appendValue(node.ele(key), item);
  }
}

function scalarText(value: Json): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

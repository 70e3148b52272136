import type * as fastXmlParser from 'fast-xml-parser';
import type { Json } from '../core/json.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { loadLater } from '../files/load-later.ts';

// XML in and out uses one JSON-tree convention: elements are keys, `@name` keys are attributes, `#text` is the text
// of an element that also has attributes, and leaf values stay strings. `repeated` names become arrays even when
// they occur once, so a tree has the same shape whatever the count.

const xmlParser = loadLater<typeof fastXmlParser>('fast-xml-parser');

export const XML_TREE = { attributePrefix: '@', textKey: '#text' } as const;

/**
 * Any document type declaration is refused before parsing: no DTD, no entity, so nothing can be expanded (billion
 * laughs) and no external entity can be read (XXE). Only XML's five predefined entities and character references
 * are decoded.
 */
const DECLARATION = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;

export function parseXmlTree(text: string, repeated: ReadonlySet<string> = new Set()): Result<Json, 'malformed' | 'forbiddenDeclaration'> {
  if (DECLARATION.test(text)) return fail('forbiddenDeclaration');
  const { XMLParser, XMLValidator } = xmlParser();
  if (XMLValidator.validate(text) !== true) return fail('malformed');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: XML_TREE.attributePrefix,
    textNodeName: XML_TREE.textKey,
    ignoreDeclaration: true,
    ignorePiTags: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    // Needed for character references (&#65;); it also decodes HTML's named entities, which expand to one character.
    htmlEntities: true,
    isArray: (name) => repeated.has(name),
  });
  try {
    return ok(parser.parse(text) as Json);
  } catch {
    return fail('malformed');
  }
}

import { fail, ok, type Result } from '../core/result.ts';
import { compareValues, type Operator } from './compare.ts';
import type { FieldValues } from './rows.ts';

// Advanced criteria (`customCriteria`), which override the rows when present. The subset understood:
//   field op value, with op one of == = != <> < <= > >= contains starts_with (words in any case),
//   values as numbers or 'quoted' / "quoted" text, combined with && / AND, || / OR, ! / NOT and brackets,
//   AND binding tighter than OR. Anything else is a syntax error, and an action whose criteria cannot be read
//   is not eligible.

type Token = { readonly kind: 'word' | 'string' | 'number' | 'op' | 'paren'; readonly text: string };

const SYMBOLS: Readonly<Record<string, Operator>> = {
  '==': 'equal',
  '=': 'equal',
  '!=': 'not_equal',
  '<>': 'not_equal',
  '<': 'lt',
  '<=': 'lteq',
  '>': 'gt',
  '>=': 'gteq',
};
const WORD_OPERATORS: Readonly<Record<string, Operator>> = { contains: 'contains', starts_with: 'starts_with', startswith: 'starts_with' };

export function customMet(expression: string, fields: FieldValues): Result<boolean, string> {
  const tokens = tokenize(expression);
  if (!tokens.ok) return tokens;
  const parser = new Parser(tokens.value, fields);
  const result = parser.or();
  if (!result.ok) return result;
  return parser.done() ? result : fail(`unexpected '${parser.peek()?.text ?? ''}'`);
}

function tokenize(text: string): Result<Token[], string> {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d+)?)|'([^']*)'|"([^"]*)"|(&&|\|\||==|!=|<>|<=|>=|[<>=!])|([()])|([A-Za-z_][\w.]*))/y;
  let index = 0;
  while (index < text.length) {
    if (/^\s*$/.test(text.slice(index))) break;
    pattern.lastIndex = index;
    const found = pattern.exec(text);
    if (!found) return fail(`cannot read '${text.slice(index, index + 20)}'`);
    index = pattern.lastIndex;
    if (found[1] !== undefined) tokens.push({ kind: 'number', text: found[1] });
    else if (found[2] !== undefined || found[3] !== undefined) tokens.push({ kind: 'string', text: found[2] ?? found[3] ?? '' });
    else if (found[4] !== undefined) tokens.push({ kind: 'op', text: found[4] });
    else if (found[5] !== undefined) tokens.push({ kind: 'paren', text: found[5] });
    else tokens.push({ kind: 'word', text: found[6] ?? '' });
  }
  return ok(tokens);
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly fields: FieldValues,
  ) {}

  peek(): Token | undefined {
    return this.tokens[this.index];
  }

  done(): boolean {
    return this.index === this.tokens.length;
  }

  or(): Result<boolean, string> {
    let left = this.and();
    while (left.ok && this.isWord(['||', 'or'])) {
      this.index++;
      const right = this.and();
      if (!right.ok) return right;
      left = ok(left.value || right.value);
    }
    return left;
  }

  private and(): Result<boolean, string> {
    let left = this.not();
    while (left.ok && this.isWord(['&&', 'and'])) {
      this.index++;
      const right = this.not();
      if (!right.ok) return right;
      left = ok(left.value && right.value);
    }
    return left;
  }

  private not(): Result<boolean, string> {
    if (this.isWord(['!', 'not'])) {
      this.index++;
      const inner = this.not();
      return inner.ok ? ok(!inner.value) : inner;
    }
    if (this.peek()?.text === '(') {
      this.index++;
      const inner = this.or();
      if (!inner.ok) return inner;
      if (this.peek()?.text !== ')') return fail('missing )');
      this.index++;
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Result<boolean, string> {
    const field = this.tokens[this.index++];
    const op = this.tokens[this.index++];
    const value = this.tokens[this.index++];
    if (field?.kind !== 'word') return fail(`expected a field name, got '${field?.text ?? 'the end'}'`);
    const operator = op ? (op.kind === 'op' ? SYMBOLS[op.text] : op.kind === 'word' ? WORD_OPERATORS[op.text.toLowerCase()] : undefined) : undefined;
    if (!operator) return fail(`expected an operator after ${field.text}`);
    if (value?.kind !== 'string' && value?.kind !== 'number') return fail(`expected a value after ${op?.text ?? ''}`);
    return ok(compareValues(operator, this.fields[field.text] ?? '', value.text));
  }

  private isWord(words: readonly string[]): boolean {
    const token = this.peek();
    return token !== undefined && (token.kind === 'op' || token.kind === 'word') && words.includes(token.text.toLowerCase());
  }
}

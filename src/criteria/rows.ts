import { fail, ok, type Result } from '../core/result.ts';
import { compareValues, isOperator } from './compare.ts';

// Basic criteria: numbered rows `criteria_N_{join_operator, pre_bracket, post_bracket, column, operator, value}`.
// Rows with no column are unused. Used rows combine left to right with their join operator (and / or, neither
// binding tighter), and brackets group: `(a or b) and c`. An empty set of rows is always met.

export interface CriteriaRow {
  readonly join: string;
  readonly preBracket: string;
  readonly postBracket: string;
  readonly column: string;
  readonly operator: string;
  readonly value: string;
}

export type FieldValues = Readonly<Record<string, string>>;

type Token =
  | { readonly kind: 'open' | 'close' }
  | { readonly kind: 'join'; readonly op: 'and' | 'or' }
  | { readonly kind: 'condition'; readonly row: CriteriaRow };

export function rowsMet(rows: readonly CriteriaRow[], fields: FieldValues): Result<boolean, string> {
  const tokens = tokenize(rows.filter((row) => row.column.trim() !== ''));
  if (!tokens.ok) return tokens;
  if (tokens.value.length === 0) return ok(true);
  const parser = new RowParser(tokens.value, fields);
  const result = parser.expression();
  if (!result.ok) return result;
  return parser.done() ? result : fail('unbalanced brackets');
}

function tokenize(rows: readonly CriteriaRow[]): Result<Token[], string> {
  const tokens: Token[] = [];
  for (const [index, row] of rows.entries()) {
    if (!isOperator(row.operator)) return fail(`unknown operator '${row.operator}'`);
    if (index > 0) {
      const op = row.join.trim().toLowerCase() || 'and';
      if (op !== 'and' && op !== 'or') return fail(`unknown join operator '${row.join}'`);
      tokens.push({ kind: 'join', op });
    }
    for (const char of row.preBracket.trim()) {
      if (char !== '(') return fail(`bad bracket '${row.preBracket}'`);
      tokens.push({ kind: 'open' });
    }
    tokens.push({ kind: 'condition', row });
    for (const char of row.postBracket.trim()) {
      if (char !== ')') return fail(`bad bracket '${row.postBracket}'`);
      tokens.push({ kind: 'close' });
    }
  }
  return ok(tokens);
}

class RowParser {
  private index = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly fields: FieldValues,
  ) {}

  done(): boolean {
    return this.index === this.tokens.length;
  }

  /** term (join term)*, folded left to right. */
  expression(): Result<boolean, string> {
    let left = this.term();
    for (let token = this.tokens[this.index]; left.ok && token?.kind === 'join'; token = this.tokens[this.index]) {
      this.index++;
      const right = this.term();
      if (!right.ok) return right;
      left = ok(token.op === 'and' ? left.value && right.value : left.value || right.value);
    }
    return left;
  }

  private term(): Result<boolean, string> {
    const token = this.tokens[this.index++];
    if (token?.kind === 'condition') {
      const { column, operator, value } = token.row;
      if (!isOperator(operator)) return fail(`unknown operator '${operator}'`);
      return ok(compareValues(operator, this.fields[column.trim()] ?? '', value));
    }
    if (token?.kind === 'open') {
      const inner = this.expression();
      if (!inner.ok) return inner;
      return this.tokens[this.index++]?.kind === 'close' ? inner : fail('unbalanced brackets');
    }
    return fail('unbalanced brackets');
  }
}

// One criteria condition: a record's field value against a given value. Values are strings, as the platform's
// fields are: two numbers compare as numbers, anything else as case-insensitive text. An empty field meets no
// ordering condition (lt, lteq, gt, gteq), which is why a record with no amount is eligible for no amount rule.

export const OPERATORS = ['equal', 'not_equal', 'lt', 'lteq', 'gt', 'gteq', 'contains', 'starts_with'] as const;
export type Operator = (typeof OPERATORS)[number];

export function isOperator(value: string): value is Operator {
  return (OPERATORS as readonly string[]).includes(value);
}

export function compareValues(operator: Operator, actual: string, expected: string): boolean {
  const a = actual.trim();
  const e = expected.trim();
  const numeric = isNumber(a) && isNumber(e);
  switch (operator) {
    case 'equal':
      return numeric ? Number(a) === Number(e) : a.toLowerCase() === e.toLowerCase();
    case 'not_equal':
      return !compareValues('equal', a, e);
    case 'contains':
      return a.toLowerCase().includes(e.toLowerCase());
    case 'starts_with':
      return a.toLowerCase().startsWith(e.toLowerCase());
    default: {
      if (a === '' || e === '') return false;
      const order = numeric ? Number(a) - Number(e) : a.toLowerCase().localeCompare(e.toLowerCase());
      if (operator === 'lt') return order < 0;
      if (operator === 'lteq') return order <= 0;
      if (operator === 'gt') return order > 0;
      return order >= 0;
    }
  }
}

function isNumber(value: string): boolean {
  return value !== '' && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value);
}

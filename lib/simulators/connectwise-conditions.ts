// The simulator's side of ConnectWise `conditions` (the client builds them:
// lib/vendors/connectwise/conditions.ts): a small parser and evaluator for the
// documented syntax, `board/name="Help Desk" and dateEntered >= [2025-07-01T00:00:00Z]`,
// strings in quotes, dates in brackets, ops = != < <= > >= contains like in
// not in, `and`/`or` with parentheses.

type Literal = { t: 'string'; v: string } | { t: 'number'; v: number } | { t: 'date'; v: number } | { t: 'bool'; v: boolean } | { t: 'null' };
type Op = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'like' | 'in' | 'not in' | 'not contains' | 'not like';
import { compareOrdered } from './compare';

export type ConditionNode =
  | { type: 'and' | 'or'; left: ConditionNode; right: ConditionNode }
  | { type: 'cmp'; field: string[]; op: Op; value: Literal | Literal[] };

export class ConditionSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConditionSyntaxError';
  }
}

type Token = { k: 'ident' | 'op' | 'lit' | 'lparen' | 'rparen' | 'comma'; v: string; lit?: Literal };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const punctuation = c === '(' ? 'lparen' : c === ')' ? 'rparen' : c === ',' ? 'comma' : null;
    if (punctuation) {
      out.push({ k: punctuation, v: c });
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        s += src[j];
        j++;
      }
      if (j >= src.length) throw new ConditionSyntaxError('Unterminated string literal');
      out.push({ k: 'lit', v: s, lit: { t: 'string', v: s } });
      i = j + 1;
    } else if (c === '[') {
      const j = src.indexOf(']', i);
      if (j < 0) throw new ConditionSyntaxError('Unterminated date literal');
      const raw = src.slice(i + 1, j).trim();
      const ms = Date.parse(raw);
      if (Number.isNaN(ms)) throw new ConditionSyntaxError(`Invalid date literal [${raw}]`);
      out.push({ k: 'lit', v: raw, lit: { t: 'date', v: ms } });
      i = j + 1;
    } else if (/[<>=!]/.test(c)) {
      const two = src.slice(i, i + 2);
      const op = ['<=', '>=', '!='].includes(two) ? two : c;
      if (op === '!') throw new ConditionSyntaxError('Unexpected "!"');
      out.push({ k: 'op', v: op });
      i += op.length;
    } else if (/[-\d]/.test(c) && /^-?\d/.test(src.slice(i, i + 2))) {
      const m = /^-?\d+(\.\d+)?/.exec(src.slice(i))!;
      out.push({ k: 'lit', v: m[0], lit: { t: 'number', v: Number(m[0]) } });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][\w/.]*/.exec(src.slice(i))!;
      const word = m[0];
      const lower = word.toLowerCase();
      if (lower === 'true' || lower === 'false') out.push({ k: 'lit', v: word, lit: { t: 'bool', v: lower === 'true' } });
      else if (lower === 'null') out.push({ k: 'lit', v: word, lit: { t: 'null' } });
      else out.push({ k: 'ident', v: word });
      i += word.length;
    } else throw new ConditionSyntaxError(`Unexpected character "${c}"`);
  }
  return out;
}

export function parseConditions(src: string): ConditionNode | null {
  const tokens = tokenize(src);
  if (tokens.length === 0) return null;
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (t: Token | undefined, w: string) => t?.k === 'ident' && t.v.toLowerCase() === w;

  function expr(): ConditionNode {
    let left = term();
    while (isWord(peek(), 'or')) {
      pos++;
      left = { type: 'or', left, right: term() };
    }
    return left;
  }
  function term(): ConditionNode {
    let left = factor();
    while (isWord(peek(), 'and')) {
      pos++;
      left = { type: 'and', left, right: factor() };
    }
    return left;
  }
  function literal(): Literal {
    const t = tokens[pos++];
    if (t?.k !== 'lit' || !t.lit) throw new ConditionSyntaxError(`Expected a value, got ${t ? `"${t.v}"` : 'end of input'}`);
    return t.lit;
  }
  function factor(): ConditionNode {
    const t = peek();
    if (t?.k === 'lparen') {
      pos++;
      const inner = expr();
      if (peek()?.k !== 'rparen') throw new ConditionSyntaxError('Missing ")"');
      pos++;
      return inner;
    }
    if (t?.k !== 'ident') throw new ConditionSyntaxError(`Expected a field name, got ${t ? `"${t.v}"` : 'end of input'}`);
    pos++;
    const field = t.v.split('/').filter(Boolean);
    let op: Op;
    const o = peek();
    if (o?.k === 'op') {
      op = o.v as Op;
      pos++;
    } else if (isWord(o, 'not')) {
      pos++;
      const next = tokens[pos++];
      const w = next?.k === 'ident' ? next.v.toLowerCase() : '';
      if (w !== 'in' && w !== 'contains' && w !== 'like') throw new ConditionSyntaxError('Expected in, contains or like after not');
      op = `not ${w}` as Op;
    } else if (isWord(o, 'contains') || isWord(o, 'like') || isWord(o, 'in')) {
      op = o!.v.toLowerCase() as Op;
      pos++;
    } else throw new ConditionSyntaxError(`Expected an operator after ${t.v}`);

    if (op === 'in' || op === 'not in') {
      if (peek()?.k !== 'lparen') throw new ConditionSyntaxError('Expected "(" after in');
      pos++;
      const values: Literal[] = [];
      while (peek()?.k !== 'rparen') {
        values.push(literal());
        if (peek()?.k === 'comma') pos++;
        else if (peek()?.k !== 'rparen') throw new ConditionSyntaxError('Expected "," or ")" in a list');
      }
      pos++;
      return { type: 'cmp', field, op, value: values };
    }
    return { type: 'cmp', field, op, value: literal() };
  }

  const node = expr();
  if (pos !== tokens.length) throw new ConditionSyntaxError(`Unexpected "${tokens[pos]!.v}"`);
  return node;
}

function resolve(record: unknown, path: readonly string[]): unknown {
  let cur: unknown = record;
  for (const part of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  // Manage filters `dateEntered`, `lastUpdated`… although responses carry them in `_info`.
  if (cur === undefined && path.length === 1 && record && typeof record === 'object') {
    const info = (record as { _info?: Record<string, unknown> })._info;
    if (info && typeof info === 'object') return info[path[0]!];
  }
  return cur;
}

function compareOne(actual: unknown, op: Op, lit: Literal): boolean {
  if (lit.t === 'null') {
    const isNull = actual === null || actual === undefined;
    return op === '=' ? isNull : op === '!=' ? !isNull : false;
  }
  if (actual === null || actual === undefined) return op === '!=' || op.startsWith('not ');
  let a: number | string | boolean;
  let b: number | string | boolean;
  if (lit.t === 'date') {
    a = typeof actual === 'string' ? Date.parse(actual) : Number.NaN;
    b = lit.v;
    if (Number.isNaN(a)) return false;
  } else if (lit.t === 'number') {
    a = typeof actual === 'number' ? actual : Number(actual);
    b = lit.v;
  } else if (lit.t === 'bool') {
    a = actual === true || actual === 'true';
    b = lit.v;
  } else {
    a = String(actual).toLowerCase();
    b = lit.v.toLowerCase();
  }
  const ordered = compareOrdered(a, op === 'in' ? '=' : op === 'not in' ? '!=' : op, b);
  if (ordered !== null) return ordered;
  switch (op) {
    case 'contains':
    case 'not contains': {
      const hit = String(a).includes(String(b));
      return op === 'contains' ? hit : !hit;
    }
    case 'like':
    case 'not like': {
      const pattern = String(b).replace(/[.+?^${}()|[\]\\*]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
      const hit = new RegExp(`^${pattern}$`, 's').test(String(a));
      return op === 'like' ? hit : !hit;
    }
  }
  // Every other operator is an ordered one, answered above.
  return false;
}

export function evaluateConditions(node: ConditionNode | null, record: unknown): boolean {
  if (node === null) return true;
  if (node.type !== 'cmp') {
    return node.type === 'and'
      ? evaluateConditions(node.left, record) && evaluateConditions(node.right, record)
      : evaluateConditions(node.left, record) || evaluateConditions(node.right, record);
  }
  const actual = resolve(record, node.field);
  if (Array.isArray(node.value)) {
    const hits = node.value.some((lit) => compareOne(actual, '=', lit));
    return node.op === 'in' ? hits : !hits;
  }
  return compareOne(actual, node.op, node.value);
}

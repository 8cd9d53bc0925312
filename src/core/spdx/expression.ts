/**
 * A small SPDX licence-expression reader (SPDX 2.3 Annex D): licence ids, `LicenseRef-…` and
 * `DocumentRef-…:LicenseRef-…`, the `+` suffix, `WITH` exceptions, `AND`, `OR` (AND binds tighter)
 * and parentheses. Operators are accepted in upper or lower case, as the specification allows.
 * Bounded: expressions longer than {@link MAX_EXPRESSION} characters or nested deeper than
 * {@link MAX_DEPTH} are not read.
 */

export type LicenseNode =
  | { readonly kind: 'license'; readonly id: string; readonly orLater: boolean; readonly exception?: string | undefined }
  | { readonly kind: 'and' | 'or'; readonly left: LicenseNode; readonly right: LicenseNode };

export const MAX_EXPRESSION = 1_000;
export const MAX_DEPTH = 32;

export class SpdxSyntaxError extends Error {
  override readonly name = 'SpdxSyntaxError';
}

const ID = /^(?:DocumentRef-[A-Za-z0-9.-]+:)?[A-Za-z0-9.-]+\+?$/;

export interface SpdxParseOptions {
  /** Accept only upper-case AND / OR / WITH (as spdx-expression-parse does); default: either case, as SPDX allows. */
  readonly upperCaseOperators?: boolean;
}

/** @throws {SpdxSyntaxError} when the text is not an SPDX expression. */
export function parseSpdxExpression(text: string, options: SpdxParseOptions = {}): LicenseNode {
  const operator = (token: string | undefined, name: 'AND' | 'OR' | 'WITH'): boolean =>
    options.upperCaseOperators ? token === name : token?.toUpperCase() === name;
  if (text.length > MAX_EXPRESSION) throw new SpdxSyntaxError(`longer than ${MAX_EXPRESSION} characters`);
  const tokens = tokenize(text);
  let position = 0;
  const peek = (): string | undefined => tokens[position];
  const take = (): string => {
    const token = tokens[position++];
    if (token === undefined) throw new SpdxSyntaxError('unexpected end of expression');
    return token;
  };

  const parseOr = (depth: number): LicenseNode => {
    let left = parseAnd(depth);
    while (operator(peek(), 'OR')) {
      take();
      left = { kind: 'or', left, right: parseAnd(depth) };
    }
    return left;
  };
  const parseAnd = (depth: number): LicenseNode => {
    let left = parseTerm(depth);
    while (operator(peek(), 'AND')) {
      take();
      left = { kind: 'and', left, right: parseTerm(depth) };
    }
    return left;
  };
  const parseTerm = (depth: number): LicenseNode => {
    if (depth > MAX_DEPTH) throw new SpdxSyntaxError(`nested deeper than ${MAX_DEPTH}`);
    const token = take();
    if (token === '(') {
      const inner = parseOr(depth + 1);
      if (take() !== ')') throw new SpdxSyntaxError('missing )');
      return inner;
    }
    if (token === ')' || isOperator(token) || !ID.test(token)) throw new SpdxSyntaxError(`unexpected ${JSON.stringify(token)}`);
    const orLater = token.endsWith('+');
    const id = orLater ? token.slice(0, -1) : token;
    if (operator(peek(), 'WITH')) {
      take();
      const exception = take();
      if (isOperator(exception) || !/^[A-Za-z0-9.-]+$/.test(exception)) throw new SpdxSyntaxError(`bad exception ${JSON.stringify(exception)}`);
      return { kind: 'license', id, orLater, exception };
    }
    return { kind: 'license', id, orLater };
  };

  const tree = parseOr(0);
  if (position !== tokens.length) throw new SpdxSyntaxError(`unexpected ${JSON.stringify(tokens[position])}`);
  return tree;
}

function isOperator(token: string): boolean {
  const upper = token.toUpperCase();
  return upper === 'AND' || upper === 'OR' || upper === 'WITH';
}

function tokenize(text: string): string[] {
  const tokens = text.replace(/([()])/g, ' $1 ').trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) throw new SpdxSyntaxError('empty expression');
  return tokens;
}

/** Every licence (leaf) of an expression, left to right. */
export function licensesOf(node: LicenseNode): Extract<LicenseNode, { kind: 'license' }>[] {
  return node.kind === 'license' ? [node] : [...licensesOf(node.left), ...licensesOf(node.right)];
}

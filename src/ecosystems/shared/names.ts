import { ParseError } from '../../core/errors.js';

// npm allows at most 214 characters; anything beyond is not a real package.
const MAX_NAME_LENGTH = 214;
const MAX_VERSION_LENGTH = 256;
// Control characters, white space and characters that only ever appear in names to smuggle HTML, shell or Markdown.
const FORBIDDEN_IN_NAME = /[\u0000-\u0020\u007f-\u009f\u2028\u2029<>"`{}|\\^]/u;
const FORBIDDEN_IN_VERSION = /[\u0000-\u001f\u007f-\u009f\u2028\u2029<>"`\\]/u;
// `name` or `@scope/name` of letters, digits and `-._~`, no segment starting with a dot: passes every check below.
// One regular expression test settles the usual name; only the others pay for the checks that say what is wrong.
const PLAIN_NAME = /^(?:@[\w~-][\w.~-]*\/)?[\w~-][\w.~-]*$/;

/**
 * Refuses a package name that no registry would publish and that could
 * escape a path, a terminal or a Markdown report.
 * @throws {ParseError} INVALID_NAME
 */
export function assertPackageName(name: string, file: string): void {
  if (name.length <= MAX_NAME_LENGTH && PLAIN_NAME.test(name)) return;
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) {
    throw new ParseError('INVALID_NAME', file, `package name ${quote(name)} is empty or longer than ${MAX_NAME_LENGTH} characters`);
  }
  if (FORBIDDEN_IN_NAME.test(name)) {
    throw new ParseError('INVALID_NAME', file, `package name ${quote(name)} contains a control character, white space or one of <>"\`{}|\\^`);
  }
  const segments = name.startsWith('@') ? name.slice(1).split('/') : [name];
  if (name.startsWith('@') && segments.length !== 2) {
    throw new ParseError('INVALID_NAME', file, `scoped package name ${quote(name)} must be @scope/name`);
  }
  if (!name.startsWith('@') && name.includes('/')) {
    throw new ParseError('INVALID_NAME', file, `package name ${quote(name)} contains a path separator`);
  }
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.'))) {
    throw new ParseError('INVALID_NAME', file, `package name ${quote(name)} is a relative path`);
  }
}

/** @throws {ParseError} INVALID_NAME */
export function assertVersion(version: string, name: string, file: string): void {
  if (version.length === 0 || version.length > MAX_VERSION_LENGTH || FORBIDDEN_IN_VERSION.test(version)) {
    throw new ParseError('INVALID_NAME', file, `package ${quote(name)} has an invalid version ${quote(version)}`);
  }
}

/** JSON-quotes and shortens untrusted text for an error message, so control characters show as escapes. */
export function quote(text: string): string {
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return JSON.stringify(shown);
}

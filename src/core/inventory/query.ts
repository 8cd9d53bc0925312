import { PackageURL } from 'packageurl-js';
import semver from 'semver';
import { UsageError } from '../errors.js';
import type { PackageQuery } from '../ports.js';

const NPM_NAME = /^(?:@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*$/i;
const MAX_QUERY_LENGTH = 512;

/**
 * A scope query typed by a person: a purl (`pkg:npm/debug@4.4.2`, version
 * optional) or `name@range` (`debug@^4.4.0`, `@scope/pkg@*`, `debug` alone
 * for every version). Ranges are npm semver ranges.
 * @throws {UsageError} BAD_ARGUMENT with one line saying what is wrong.
 */
export function parsePackageQuery(text: string): PackageQuery {
  const query = text.trim();
  if (query.length === 0 || query.length > MAX_QUERY_LENGTH || /[\u0000-\u001f\u007f]/.test(query)) {
    throw new UsageError('BAD_ARGUMENT', `query ${JSON.stringify(query.slice(0, 80))} is empty, too long or holds control characters`);
  }
  return query.startsWith('pkg:') ? fromPurl(query) : fromNameAndRange(query);
}

function fromPurl(text: string): PackageQuery {
  let purl: PackageURL;
  try {
    purl = PackageURL.fromString(text);
  } catch (cause) {
    throw new UsageError('BAD_ARGUMENT', `${JSON.stringify(text)} is not a valid package URL (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
  const name = purl.namespace ? `${purl.namespace}/${purl.name}` : purl.name;
  const version = purl.version;
  return {
    ecosystem: purl.type,
    name,
    versions: version ?? '*',
    matches: version ? (v) => v === version : () => true,
  };
}

function fromNameAndRange(text: string): PackageQuery {
  const at = text.indexOf('@', 1);
  const name = at === -1 ? text : text.slice(0, at);
  const range = at === -1 ? '*' : text.slice(at + 1).trim();
  if (!NPM_NAME.test(name)) throw new UsageError('BAD_ARGUMENT', `${JSON.stringify(name)} is not a package name (expected e.g. debug@^4.4.0, @scope/pkg@*, or a purl)`);
  if (range === '' || semver.validRange(range) === null) {
    throw new UsageError('BAD_ARGUMENT', `${JSON.stringify(range)} is not a semver range (expected e.g. 4.4.2, ^4.4.0, ">=1.0.0 <1.2.3" or *)`);
  }
  return {
    ecosystem: 'npm',
    name,
    versions: range,
    matches: range === '*' ? () => true : (v) => semver.satisfies(v, range, { includePrerelease: true }),
  };
}

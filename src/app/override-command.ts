import semver from 'semver';

/** What a maintainer writes, shown back to anyone who writes it wrong. */
export const OVERRIDE_FORM = '/chaingate allow <name>@<version> reason: <why>';
/** The command is the comment's first line; longer than this, it is refused unread. */
export const MAX_COMMAND_LENGTH = 1000;
export const MAX_REASON_LENGTH = 500;
const MAX_NAME_LENGTH = 214;
const MAX_VERSION_LENGTH = 256;

export type OverrideCommand =
  | { readonly kind: 'allow'; readonly packageName: string; readonly version: string; readonly reason: string }
  | { readonly kind: 'malformed'; readonly problem: string };

const PREFIX = /^\/chaingate(?:\s|$)/u;
const ALLOW = /^\/chaingate[ \t]+allow[ \t]+(\S+)[ \t]+reason:[ \t]*(.*)$/iu;
/** npm's rules for a package name (older names may have capitals), optionally scoped. */
const PACKAGE_NAME = /^(?:@[A-Za-z0-9~-][A-Za-z0-9._~-]*\/)?[A-Za-z0-9~-][A-Za-z0-9._~-]*$/u;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * Reads a `/chaingate` command from a comment's first line: an exact
 * package name and version and a reason are required, all bounded.
 * @returns undefined when the comment is no chaingate command; `malformed` with the problem when it is one written wrong
 */
export function parseOverrideCommand(body: string): OverrideCommand | undefined {
  const text = body.trimStart();
  if (!PREFIX.test(text)) return undefined;
  const end = text.search(/\r?\n/u);
  const line = (end === -1 ? text : text.slice(0, end)).trimEnd();
  if (line.length > MAX_COMMAND_LENGTH) return malformed(`the command is longer than ${MAX_COMMAND_LENGTH} characters`);
  const match = ALLOW.exec(line);
  if (!match) return malformed(/^\/chaingate[ \t]+allow(?:\s|$)/iu.test(line) ? 'it needs a package as name@version and a reason after "reason:"' : 'the only command is "allow"');
  const spec = match[1]!;
  const reason = match[2]!.trim();
  const at = spec.lastIndexOf('@');
  if (at <= 0) return malformed('the package must be given as name@version');
  const packageName = spec.slice(0, at);
  const version = spec.slice(at + 1);
  if (packageName.length > MAX_NAME_LENGTH || !PACKAGE_NAME.test(packageName)) return malformed('the package name is not a valid npm package name');
  if (version.length > MAX_VERSION_LENGTH || semver.valid(version) !== version) return malformed('the version must be one exact version such as 1.2.3, not a range');
  if (reason.length === 0) return malformed('a reason is required after "reason:"');
  if (reason.length > MAX_REASON_LENGTH) return malformed(`the reason is longer than ${MAX_REASON_LENGTH} characters`);
  if (CONTROL.test(reason)) return malformed('the reason contains control or direction-changing characters');
  return { kind: 'allow', packageName, version, reason };
}

function malformed(problem: string): OverrideCommand {
  return { kind: 'malformed', problem };
}

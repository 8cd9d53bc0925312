/** GitHub's `security-advisory-ecosystems` (REST) → Package URL types. */
const PURL_TYPE_BY_GITHUB: ReadonlyMap<string, string> = new Map([
  ['npm', 'npm'],
  ['pip', 'pypi'],
  ['maven', 'maven'],
  ['nuget', 'nuget'],
  ['rubygems', 'gem'],
  ['composer', 'composer'],
  ['go', 'golang'],
  ['rust', 'cargo'],
  ['erlang', 'hex'],
  ['pub', 'pub'],
  ['swift', 'swift'],
  ['actions', 'github'],
]);

/** The purl type of a GitHub advisory ecosystem, `undefined` for `other` and unknown names. */
export function purlTypeOfGithubEcosystem(ecosystem: string): string | undefined {
  return PURL_TYPE_BY_GITHUB.get(ecosystem.toLowerCase());
}

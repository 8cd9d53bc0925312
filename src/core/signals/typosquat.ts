import type { Finding, Signal, SignalInput } from '../findings.js';
import { label, makeFinding } from './finding.js';
import { popularIndex } from './popular-index.js';

/**
 * A newly added package whose name imitates a popular one of the same ecosystem without being it:
 * one edit away (two for names of 10 characters or more), or a look-alike (`rn`/`m`, `1`/`l`, `0`/`o`,
 * swapped or dropped separators, a scope turned into a prefix). Upgrades keep their name, so only
 * added packages are judged.
 */
export const typosquatSignal: Signal = {
  id: 'typosquat',
  evaluate(input: SignalInput): readonly Finding[] {
    const { change, settings } = input;
    if (change.type !== 'added') return [];
    const names = settings.popularPackages.get(change.ecosystem);
    if (!names || names.length === 0) return [];
    const match = popularIndex(names).resemble(change.name);
    if (!match) return [];
    const how = match.kind === 'confusable' ? 'looks like' : `is ${match.distance} edit${match.distance === 1 ? '' : 's'} from`;
    return [
      makeFinding('typosquat', match.distance === 2 ? 'moderate' : 'high', change, `${label(change)} ${how} the popular package ${match.name}`, [], {
        imitates: match.name,
        distance: match.distance,
        kind: match.kind,
        popularityRank: match.rank,
      }),
    ];
  },
};

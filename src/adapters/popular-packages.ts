import { readFileSync } from 'node:fs';
import { parsePopularNames } from '../core/signals/popular-names.js';

const DATA_FILE = new URL('../../data/popular-npm.json', import.meta.url);

/** The popular package names typosquats imitate, shipped in data/. */
export function loadPopularPackages(): ReadonlyMap<string, readonly string[]> {
  return parsePopularNames('data/popular-npm.json', readFileSync(DATA_FILE, 'utf8'));
}

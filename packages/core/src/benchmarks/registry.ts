import { DoraInputError } from '../errors.js';
import { dora2021 } from './dora-2021.js';
import { dora2022 } from './dora-2022.js';
import { dora2023 } from './dora-2023.js';
import { dora2024 } from './dora-2024.js';
import { dora2025 } from './dora-2025.js';
import type { BenchmarkProfile, LevelsProfile } from './profile.js';

/** Every profile, oldest report first. */
export const benchmarkProfiles: readonly BenchmarkProfile[] = [
  dora2021,
  dora2022,
  dora2023,
  dora2024,
  dora2025,
];

/** The newest levels profile whose every threshold is sourced: unverified data is never the default. */
export const DEFAULT_BENCHMARK: string = newestVerifiedLevels(benchmarkProfiles).id;

function newestVerifiedLevels(profiles: readonly BenchmarkProfile[]): LevelsProfile {
  let best: LevelsProfile | undefined;
  for (const profile of profiles) {
    if (profile.kind === 'levels' && profile.verified && (!best || profile.year > best.year)) {
      best = profile;
    }
  }
  if (!best) throw new Error('no verified levels profile');
  return best;
}

/**
 * Finds a profile by id (`"dora-2023"`) or by bare year (`"2023"`), case-insensitively. No id, or
 * an empty one (an unset Action input), means the default.
 */
export function findProfile(id?: string): BenchmarkProfile {
  const trimmed = id?.trim().toLowerCase() ?? '';
  const wanted = trimmed === '' ? DEFAULT_BENCHMARK : trimmed;
  const found = benchmarkProfiles.find((p) => p.id === wanted || String(p.year) === wanted);
  if (!found) {
    const ids = benchmarkProfiles.map((p) => p.id).join(', ');
    throw new DoraInputError(
      'options',
      'benchmark',
      `unknown profile "${id}"; expected one of ${ids}`,
    );
  }
  return found;
}

export function findLevelsProfile(id: string): LevelsProfile {
  const profile = findProfile(id);
  if (profile.kind !== 'levels') throw new Error(`profile ${id} has no levels`);
  return profile;
}

/** Resolves a profile id as `computeDora` records it in `report.benchmark`. */
export function resolveBenchmark(id?: string): { id: string; kind: 'levels' | 'score' } {
  const profile = findProfile(id);
  return { id: profile.id, kind: profile.kind };
}

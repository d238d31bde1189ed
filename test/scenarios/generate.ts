import type { Scenario, ScenarioIncident } from '../fakes/scenario.js';
import { validateScenario } from '../fakes/scenario.js';
import { PRESETS, type Preset } from './presets.js';
import { Prng } from './prng.js';
import { IdSource, RepoSimulation } from './simulate-repo.js';
import { deriveTruth, type GroundTruth } from './truth.js';

export type { Preset } from './presets.js';
export { type DeploymentSource, deriveTruth, type GroundTruth } from './truth.js';

export interface GeneratedScenario {
  scenario: Scenario;
  truth: GroundTruth;
}

/**
 * A seeded, deterministic scenario and the ground truth a perfect collector would produce from
 * it. Presets: `quiet` (3 weeks, a handful of events), `sample` (the demo: 3 months of acme/shop),
 * `busy` (a year: ~8,000 PRs, ~6,000 deploy runs), `multi-repo` (3 repositories, one PagerDuty).
 */
export function generateScenario(options: { preset: Preset; seed?: number }): GeneratedScenario {
  const plan = PRESETS[options.preset];
  const rng = new Prng(options.seed ?? 1);
  const ids = new IdSource();
  const repos = [];
  const incidents: ScenarioIncident[] = [];
  for (const repoPlan of plan.repos) {
    const world = new RepoSimulation(rng, ids, plan, repoPlan).run();
    repos.push(world.repo);
    incidents.push(...world.incidents);
  }
  // PagerDuty numbers incidents in the order they are created, across the whole account.
  incidents.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  incidents.forEach((incident, i) => {
    incident.incidentNumber = 101 + i;
    incident.id = `Q${(0x1a2b3c + i * 7919).toString(36).toUpperCase()}`;
  });
  const scenario = validateScenario({
    now: plan.now,
    github: { repos },
    pagerduty: {
      services: plan.services.map((s) => ({ id: s.id, name: s.name })),
      incidents,
    },
  });
  const serviceRepositories = Object.fromEntries(plan.services.map((s) => [s.id, s.repositories]));
  return { scenario, truth: deriveTruth(scenario, serviceRepositories) };
}

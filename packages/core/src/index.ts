export {
  type Assessment,
  type AssessOptions,
  assess,
  type BenchmarkMetric,
  type BenchmarkProfile,
  benchmarkProfiles,
  DEFAULT_BENCHMARK,
  DEFAULT_MIN_SAMPLE,
  type LevelsProfile,
  overallLevel,
  type RatedLevel,
  resolveBenchmark,
  type ScoreProfile,
} from './benchmarks/index.js';
export { type ChangeFailureRateOptions, changeFailureRate } from './change-failure-rate.js';
export { computeDora } from './compute-dora.js';
export { type DeploymentFrequencyOptions, deploymentFrequency } from './deployment-frequency.js';
export { distribution, percentile } from './distribution.js';
export { DoraInputError } from './errors.js';
export { type FlowMetricsOptions, flowMetrics } from './flow-metrics.js';
export { parseIsoInstant } from './instant.js';
export { type LeadTimeOptions, leadTime } from './lead-time.js';
export { type RecoveryTimeOptions, recoveryTime } from './recovery-time.js';
export { type ReworkRateOptions, reworkRate } from './rework-rate.js';
export { type TeamMetricsOptions, teamMetrics, UNASSIGNED_TEAM } from './team-metrics.js';
export { type TimeToRestoreOptions, timeToRestore } from './time-to-restore.js';
export type * from './types.js';
export { resolveWindow, type TimeRange, WINDOW_PRESETS } from './window.js';

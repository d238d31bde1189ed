import { describe, expect, it } from 'vitest';
import { deploymentFrequency } from './deployment-frequency.js';
import { data, deploy, jan, WEEK1 } from './test-builders.js';

describe('deploymentFrequency', () => {
  it('counts successful production deployments finished in [from, to)', () => {
    const result = deploymentFrequency(
      data({
        deployments: [
          deploy('0', '2023-12-31T23:59:59Z'), // before the window
          deploy('1', jan(1)), // at from: in
          deploy('2', jan(1, 18)),
          deploy('3', jan(3, 9)),
          deploy('4', jan(3, 10), { status: 'failure' }), // failed: not a deployment
          deploy('5', jan(5), { environment: 'staging' }), // not production
          deploy('6', jan(7, 23)),
          deploy('7', jan(8)), // at to: out
        ],
      }),
      { window: WEEK1 },
    );
    expect(result).toEqual({
      deployments: 4,
      perDay: 4 / 7,
      perWeek: 4,
      deploymentDays: 3,
      level: 'insufficient-data', // 4 < minSample 5
    });
  });

  it('allows fractional days', () => {
    const result = deploymentFrequency(
      data({
        deployments: [deploy('1', jan(1, 1)), deploy('2', jan(1, 2)), deploy('3', jan(1, 5))],
      }),
      { window: { from: jan(1), to: jan(1, 12) } },
    );
    expect(result.perDay).toBe(6);
    expect(result.perWeek).toBe(42);
    expect(result.deploymentDays).toBe(1);
  });

  it('matches the environment by name case-insensitively, or by RegExp', () => {
    const deployments = [
      deploy('1', jan(2), { environment: 'Production' }),
      deploy('2', jan(3), { environment: 'prod-eu' }),
      deploy('3', jan(4), { environment: 'prod-us' }),
      deploy('4', jan(5), { environment: 'staging' }),
    ];
    expect(deploymentFrequency(data({ deployments }), { window: WEEK1 }).deployments).toBe(1);
    expect(
      deploymentFrequency(data({ deployments }), { window: WEEK1, environment: /^prod-/g })
        .deployments,
    ).toBe(2);
    expect(
      deploymentFrequency(data({ deployments }), { window: WEEK1, environment: 'STAGING' })
        .deployments,
    ).toBe(1);
  });

  it('counts distinct UTC calendar dates, not local ones', () => {
    const result = deploymentFrequency(
      data({
        deployments: [
          deploy('1', '2024-01-02T23:30:00-02:00'), // 2024-01-03T01:30Z
          deploy('2', jan(3, 20)),
          deploy('3', '2024-01-04T00:30:00+02:00'), // 2024-01-03T22:30Z
        ],
      }),
      { window: WEEK1 },
    );
    expect(result.deploymentDays).toBe(1);
    expect(result.deployments).toBe(3);
  });

  it('rates with the benchmark once there are enough samples', () => {
    const deployments = [1, 2, 3, 4, 5, 6, 7].map((d) => deploy(String(d), jan(d, 12)));
    const options = { window: WEEK1, minSample: 5, benchmark: 'dora-2023' };
    const result = deploymentFrequency(data({ deployments }), options);
    expect(result.deployments).toBe(7);
    expect(result.perDay).toBe(1);
    expect(result.level).toBe('elite'); // 2023: at least once per day
    const fewer = deploymentFrequency(data({ deployments: deployments.slice(0, 6) }), options);
    expect(fewer.level).toBe('high'); // 6/7 per day: between once per day and once per week
  });

  it('is zero deployments, not an error, for empty input', () => {
    expect(deploymentFrequency(data({}), { window: WEEK1 })).toEqual({
      deployments: 0,
      perDay: 0,
      perWeek: 0,
      deploymentDays: 0,
      level: 'insufficient-data',
    });
  });
});

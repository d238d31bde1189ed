import { describe, expect, it } from 'vitest';
import { renderOpenMetrics } from './openmetrics.js';
import { checkOpenMetrics, type ParsedSample } from './openmetrics-check.js';
import { emptyResult, fullResult, hostileResult } from './test-fixtures.js';

function value(
  samples: ParsedSample[],
  name: string,
  labels: Record<string, string>,
): number | undefined {
  return samples.find(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  )?.value;
}

const SHOP = { repository: 'acme/shop', environment: 'production' };
const API = { repository: 'acme/api', environment: 'production' };
const BOUNDS = ['3600.0', '86400.0', '604800.0', '2592000.0', '15552000.0', '+Inf'];

function buckets(samples: ParsedSample[], name: string, labels: Record<string, string>): number[] {
  return BOUNDS.map((le) => value(samples, `${name}_bucket`, { ...labels, le }) ?? -1);
}

describe('renderOpenMetrics', () => {
  it.each([
    ['full', fullResult],
    ['empty', emptyResult],
    ['hostile', hostileResult],
  ])('passes the strict format check for the %s outcome', (_, make) => {
    const text = renderOpenMetrics(make());
    expect(checkOpenMetrics(text).errors).toEqual([]);
    expect(text.endsWith('\n# EOF\n')).toBe(true);
  });

  it('counts the window only, per repository and environment', () => {
    const { samples } = checkOpenMetrics(renderOpenMetrics(fullResult()));
    expect(value(samples, 'dora_deployments', { ...SHOP, status: 'success' })).toBe(7);
    expect(value(samples, 'dora_deployments', { ...SHOP, status: 'failure' })).toBe(1);
    expect(value(samples, 'dora_deployments', { ...API, status: 'success' })).toBe(4);
    expect(value(samples, 'dora_deployments', { ...API, status: 'failure' })).toBe(1);
    expect(
      value(samples, 'dora_deployments', {
        repository: 'acme/shop',
        environment: 'staging',
        status: 'success',
      }),
    ).toBe(1);
    expect(value(samples, 'dora_changes', SHOP)).toBe(9);
    expect(value(samples, 'dora_changes', API)).toBe(5);
    expect(value(samples, 'dora_failed_deployments', SHOP)).toBe(3);
    expect(value(samples, 'dora_failed_deployments', API)).toBe(1);
    expect(value(samples, 'dora_incidents', SHOP)).toBe(2);
    expect(value(samples, 'dora_incidents', API)).toBe(1);
  });

  it('builds cumulative lead-time and recovery histograms that add up to the report', () => {
    const result = fullResult();
    const { samples } = checkOpenMetrics(renderOpenMetrics(result));
    expect(buckets(samples, 'dora_lead_time_seconds', SHOP)).toEqual([0, 4, 9, 9, 9, 9]);
    expect(value(samples, 'dora_lead_time_seconds_sum', SHOP)).toBe(1_478_400);
    expect(buckets(samples, 'dora_lead_time_seconds', API)).toEqual([1, 1, 5, 5, 5, 5]);
    expect(value(samples, 'dora_lead_time_seconds_sum', API)).toBe(633_600);
    // 40 min, 4 h 30 min, 6 h in the shop; 1 h 15 min in the api.
    expect(buckets(samples, 'dora_recovery_time_seconds', SHOP)).toEqual([1, 3, 3, 3, 3, 3]);
    expect(value(samples, 'dora_recovery_time_seconds_sum', SHOP)).toBe(40_200);
    expect(buckets(samples, 'dora_recovery_time_seconds', API)).toEqual([0, 1, 1, 1, 1, 1]);
    const counts = samples.filter((s) => s.name === 'dora_recovery_time_seconds_count');
    expect(counts.reduce((sum, s) => sum + s.value, 0)).toBe(result.report.recoveryTime.count);
    const leadCounts = samples.filter((s) => s.name === 'dora_lead_time_seconds_count');
    expect(leadCounts.reduce((sum, s) => sum + s.value, 0)).toBe(result.report.leadTime.count);
  });

  it('declares TYPE, HELP and UNIT for each family', () => {
    const text = renderOpenMetrics(fullResult());
    expect(text.startsWith('# TYPE dora_deployments gauge\n# HELP dora_deployments ')).toBe(true);
    expect(text).toContain(
      '# TYPE dora_lead_time_seconds histogram\n# HELP dora_lead_time_seconds Lead time for changes: first commit to the deployment that shipped the change.\n# UNIT dora_lead_time_seconds seconds\n',
    );
    expect(text).toContain('# UNIT dora_recovery_time_seconds seconds\n');
  });

  it('gives zero series for the run repositories when nothing happened', () => {
    const text = renderOpenMetrics(emptyResult());
    expect(text).toContain(
      'dora_deployments{repository="acme/empty",environment="production",status="success"} 0\n',
    );
    expect(text).toContain(
      'dora_lead_time_seconds_bucket{repository="acme/empty",environment="production",le="+Inf"} 0\n',
    );
  });

  it('escapes backslashes, quotes and newlines in label values', () => {
    const result = emptyResult();
    result.info.repositories = ['acme/"quoted"\\path\nnext'];
    const text = renderOpenMetrics(result);
    expect(text).toContain('repository="acme/\\"quoted\\"\\\\path\\nnext"');
    const { errors, samples } = checkOpenMetrics(text);
    expect(errors).toEqual([]);
    expect(samples[0]?.labels.repository).toBe('acme/"quoted"\\path\nnext');
  });
});

describe('checkOpenMetrics', () => {
  const valid = renderOpenMetrics(fullResult());

  it('rejects a text without the closing # EOF', () => {
    expect(checkOpenMetrics(valid.replace('# EOF\n', ''))).toMatchObject({
      errors: expect.arrayContaining(['the text must end with "# EOF" and a newline']),
    });
  });

  it('rejects non-cumulative buckets and a _count that differs from +Inf', () => {
    const broken = valid.replace(
      'dora_lead_time_seconds_bucket{repository="acme/api",environment="production",le="604800.0"} 5',
      'dora_lead_time_seconds_bucket{repository="acme/api",environment="production",le="604800.0"} 0',
    );
    expect(checkOpenMetrics(broken).errors).toEqual([
      'dora_lead_time_seconds[["environment","production"],["repository","acme/api"]]: buckets not cumulative',
    ]);
    const badCount = valid.replace(
      'dora_lead_time_seconds_count{repository="acme/api",environment="production"} 5',
      'dora_lead_time_seconds_count{repository="acme/api",environment="production"} 4',
    );
    expect(checkOpenMetrics(badCount).errors).toEqual([
      'dora_lead_time_seconds[["environment","production"],["repository","acme/api"]]: _count differs from the +Inf bucket',
    ]);
  });

  it('rejects bad escapes, samples outside their family, duplicates and a unit the name lacks', () => {
    expect(
      checkOpenMetrics('# TYPE a counter\n# HELP a x\na_total{b="\\q"} 1\n# EOF\n').errors,
    ).toEqual(['line 3: malformed labels {b="\\q"}']);
    expect(checkOpenMetrics('# TYPE a counter\n# HELP a x\nb_total 1\n# EOF\n').errors).toEqual([
      'line 3: sample b_total outside its family',
    ]);
    expect(
      checkOpenMetrics('# TYPE a counter\n# HELP a x\na_total 1\na_total 2\n# EOF\n').errors,
    ).toEqual(['line 4: duplicate sample a_total[]']);
    expect(
      checkOpenMetrics('# TYPE a counter\n# HELP a x\n# UNIT a seconds\n# EOF\n').errors,
    ).toEqual(['line 3: a does not end in _seconds']);
    expect(checkOpenMetrics('# TYPE a counter\na_total one\n# EOF\n').errors).toEqual([
      'line 2: bad value one',
      'a: no HELP',
    ]);
  });
});

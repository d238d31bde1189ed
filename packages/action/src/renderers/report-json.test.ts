import { describe, expect, it } from 'vitest';
import type { RunResult } from '../run-info.js';
import { REPORT_SCHEMA, renderReportJson } from './report-json.js';
import { emptyResult, fullResult } from './test-fixtures.js';

function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    );
  }
  return value;
}

describe('renderReportJson', () => {
  it('wraps the full report and run info under a schema tag, pretty-printed', () => {
    const result = fullResult();
    const text = renderReportJson(result);
    expect(
      text.startsWith(
        '{\n  "schema": "dora-action/report@1",\n  "generatedAt": "2026-11-20T00:05:12.000Z",\n  "report": {\n    "window": {',
      ),
    ).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(['schema', 'generatedAt', 'report', 'info']);
    expect(parsed.schema).toBe(REPORT_SCHEMA);
    expect(parsed.report).toEqual(result.report);
    expect(parsed.info).toEqual(result.info);
    expect(parsed.report.audit.leadTimes).toHaveLength(14);
  });

  it('orders keys the same whatever order the objects were built in', () => {
    const result = fullResult();
    const shuffled = reversedKeys(result) as RunResult;
    expect(renderReportJson(shuffled)).toBe(renderReportJson(result));
    const keys = Object.keys(JSON.parse(renderReportJson(result)).report);
    expect(keys).toEqual([
      'window',
      'benchmark',
      'deploymentFrequency',
      'leadTime',
      'changeFailureRate',
      'recoveryTime',
      'timeToRestore',
      'reworkRate',
      'overall',
      'series',
      'previous',
      'audit',
    ]);
  });

  it('keeps nulls (no data) and drops nothing from an empty report', () => {
    const parsed = JSON.parse(renderReportJson(emptyResult()));
    expect(parsed.report.leadTime.median).toBeNull();
    expect(parsed.report.changeFailureRate.rate).toBeNull();
    expect(parsed.info.api.graphqlRemaining).toBeNull();
  });

  it('never writes a token, even one slipped into the run info', () => {
    const result = fullResult();
    const info = result.info as unknown as Record<string, unknown>;
    info.githubToken = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    info.pagerduty_token = 'u+abcdefghij';
    info.authorization = 'token abc';
    result.info.warnings = [
      'request failed with Authorization: Bearer abc.def.ghi',
      'token github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz leaked',
    ];
    result.info.sources.deployments['acme/token-service'] = 'deployments';
    const text = renderReportJson(result);
    expect(text).not.toMatch(
      /ghp_|github_pat_|abc\.def|u\+abc|githubToken|pagerduty_token|"authorization"/,
    );
    const parsed = JSON.parse(text);
    expect(parsed.info.warnings).toEqual([
      'request failed with Authorization: [redacted]',
      'token [redacted] leaked',
    ]);
    expect(parsed.info.sources.deployments['acme/token-service']).toBe('deployments');
  });

  it('has no token in the unmodified fixture either (RunInfo carries none)', () => {
    expect(renderReportJson(fullResult())).not.toMatch(/token|secret|password|ghp_/i);
  });
});

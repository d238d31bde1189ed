import { describe, expect, it } from 'vitest';
import { renderBadges, type ShieldsEndpoint } from './badges.js';
import { emptyResult, fullResult, partialResult } from './test-fixtures.js';

const FILES = [
  'change-failure-rate.json',
  'deployment-frequency.json',
  'dora-level.json',
  'lead-time.json',
  'recovery-time.json',
  'rework-rate.json',
];
const COLORS = new Set(['brightgreen', 'green', 'yellow', 'orange', 'lightgrey', 'blue']);

/** The shields.io endpoint schema, strictly: these four keys and no others, a non-empty message. */
function schemaProblems(badge: unknown): string[] {
  if (badge === null || typeof badge !== 'object') return ['not an object'];
  const record = badge as Record<string, unknown>;
  const problems: string[] = [];
  const keys = Object.keys(record).sort();
  if (keys.join(',') !== 'color,label,message,schemaVersion')
    problems.push(`keys ${keys.join(',')}`);
  if (record.schemaVersion !== 1) problems.push('schemaVersion must be 1');
  if (typeof record.label !== 'string') problems.push('label must be a string');
  if (typeof record.message !== 'string' || record.message.trim() === '') {
    problems.push('message must be a non-empty string');
  }
  if (typeof record.color !== 'string' || !COLORS.has(record.color)) problems.push('unknown color');
  return problems;
}

describe('renderBadges', () => {
  it.each([
    ['full', fullResult],
    ['empty', emptyResult],
    ['partial', partialResult],
  ])('gives six schema-valid endpoint files for the %s outcome', (_, make) => {
    const badges = renderBadges(make().report);
    expect(Object.keys(badges).sort()).toEqual(FILES);
    for (const badge of Object.values(badges)) {
      expect(schemaProblems(JSON.parse(JSON.stringify(badge)))).toEqual([]);
    }
  });

  it('writes the value as message and colours by level', () => {
    expect(renderBadges(fullResult().report)).toEqual({
      'deployment-frequency.json': {
        schemaVersion: 1,
        label: 'deployment frequency',
        message: '2.6 / week',
        color: 'green',
      },
      'lead-time.json': {
        schemaVersion: 1,
        label: 'lead time',
        message: '1 d 5 h',
        color: 'green',
      },
      'change-failure-rate.json': {
        schemaVersion: 1,
        label: 'change failure rate',
        message: '30.8 %',
        color: 'orange',
      },
      'recovery-time.json': {
        schemaVersion: 1,
        label: 'recovery time',
        message: '2 h 53 min',
        color: 'green',
      },
      'rework-rate.json': {
        schemaVersion: 1,
        label: 'rework rate',
        message: '9.1 %',
        color: 'blue',
      },
      'dora-level.json': { schemaVersion: 1, label: 'DORA level', message: 'low', color: 'orange' },
    } satisfies Record<string, ShieldsEndpoint>);
  });

  it('says "no data" in grey when there is nothing to measure', () => {
    const badges = renderBadges(emptyResult().report);
    expect(badges['lead-time.json']).toEqual({
      schemaVersion: 1,
      label: 'lead time',
      message: 'no data',
      color: 'lightgrey',
    });
    expect(badges['rework-rate.json']?.message).toBe('no data');
    expect(badges['rework-rate.json']?.color).toBe('lightgrey');
    expect(badges['dora-level.json']?.message).toBe('insufficient data');
    expect(badges['deployment-frequency.json']?.message).toBe('0 / week');
  });

  it('maps each level to its colour', () => {
    const report = fullResult().report;
    const colours = (['elite', 'high', 'medium', 'low', 'insufficient-data'] as const).map(
      (level) => {
        report.overall = level;
        return renderBadges(report)['dora-level.json']?.color;
      },
    );
    expect(colours).toEqual(['brightgreen', 'green', 'yellow', 'orange', 'lightgrey']);
  });

  it('finds the schema check strict enough to fail', () => {
    expect(schemaProblems({ schemaVersion: 1, label: 'x', message: '', color: 'green' })).toEqual([
      'message must be a non-empty string',
    ]);
    expect(
      schemaProblems({ schemaVersion: 1, label: 'x', message: 'y', color: 'green', style: 'flat' }),
    ).toEqual(['keys color,label,message,schemaVersion,style']);
  });
});

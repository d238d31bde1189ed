import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DoraData } from '@dora/core';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** The figures both engines compute, in the units of `DoraReport`. */
export interface Figures {
  deployments: number;
  leadTimeCount: number;
  leadTimeExcluded: number;
  leadTimeMedian: number | null;
  leadTimeP90: number | null;
  failed: number;
  total: number;
  changeFailureRate: number | null;
  timeToRestoreMedian: number | null;
}

export type Loader = 'appender' | 'csv';

export interface DuckDbRun {
  figures: Figures;
  loadMs: number;
  queryMs: number;
}

const TABLES = {
  deployments:
    'id VARCHAR, environment VARCHAR, status VARCHAR, finished TIMESTAMPTZ, repository VARCHAR',
  deploy_changes: 'deployment_id VARCHAR, change_id VARCHAR',
  changes: 'id VARCHAR, first_commit TIMESTAMPTZ, repository VARCHAR',
  incidents:
    'id VARCHAR, created TIMESTAMPTZ, resolved TIMESTAMPTZ, repository VARCHAR, deployment_id VARCHAR',
} as const;
type Table = keyof typeof TABLES;
type Cell = string | null;

/** Rows as the loaders see them: the instants stay ISO strings, as collectors deliver them. */
function* rowsOf(data: DoraData, table: Table): Generator<Cell[]> {
  const text = (v: unknown): Cell => (v === undefined || v === null ? null : String(v));
  switch (table) {
    case 'deployments':
      for (const d of data.deployments) {
        yield [d.id, d.environment, d.status, text(d.finishedAt), text(d.repository)];
      }
      return;
    case 'deploy_changes':
      for (const d of data.deployments) for (const c of d.changeIds ?? []) yield [d.id, c];
      return;
    case 'changes':
      for (const c of data.changes) yield [c.id, text(c.firstCommitAt), text(c.repository)];
      return;
    case 'incidents':
      for (const i of data.incidents) {
        yield [
          i.id,
          text(i.createdAt),
          text(i.resolvedAt),
          text(i.repository),
          text(i.deploymentId),
        ];
      }
      return;
  }
}

const tableNames = Object.keys(TABLES) as Table[];

/** Row by row through DuckDB's appender into VARCHAR tables, then typed with one CAST each. */
async function loadByAppender(connection: DuckDBConnection, data: DoraData): Promise<void> {
  for (const table of tableNames) {
    const columns = TABLES[table].split(', ').map((c) => c.split(' ')[0] as string);
    await connection.run(
      `CREATE TABLE raw_${table} (${columns.map((c) => `${c} VARCHAR`).join(', ')})`,
    );
    const appender = await connection.createAppender(`raw_${table}`);
    for (const row of rowsOf(data, table)) {
      for (const cell of row) {
        if (cell === null) appender.appendNull();
        else appender.appendVarchar(cell);
      }
      appender.endRow();
    }
    appender.closeSync();
    const typed = TABLES[table]
      .split(', ')
      .map((c) => {
        const [name, type] = c.split(' ');
        return type === 'VARCHAR' ? name : `CAST(${name} AS ${type}) AS ${name}`;
      })
      .join(', ');
    await connection.run(`CREATE TABLE ${table} AS SELECT ${typed} FROM raw_${table}`);
    await connection.run(`DROP TABLE raw_${table}`);
  }
}

/** Through a temporary CSV file per table, read back by `read_csv` with declared types. */
async function loadByCsv(connection: DuckDBConnection, data: DoraData): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dora-bench-'));
  try {
    for (const table of tableNames) {
      const file = join(dir, `${table}.csv`);
      const lines: string[] = [];
      // Ids, instants and repositories never hold a comma or a quote; null is an empty field.
      for (const row of rowsOf(data, table)) lines.push(row.map((c) => c ?? '').join(','));
      writeFileSync(file, `${lines.join('\n')}\n`);
      const columns = TABLES[table]
        .split(', ')
        .map((c) => {
          const [name, type] = c.split(' ');
          return `'${name}': '${type}'`;
        })
        .join(', ');
      await connection.run(
        `CREATE TABLE ${table} AS SELECT * FROM read_csv('${file}', header = false, columns = {${columns}})`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same definitions as `computeDora` (default options, no rollbacks, reverts or hotfixes in
 * the data): production deployments; a change's shipping deployment is the earliest successful
 * production one listing it; an incident without deploymentId goes to the latest successful
 * production deployment of its repository at most 86400 s before it (ASOF JOIN).
 */
export function figuresSql(fromMs: number, toMs: number): string {
  return `
WITH
d AS (SELECT id, status, finished, repository, epoch_ms(finished) AS f_ms
      FROM deployments WHERE environment = 'production'),
ship AS (SELECT dc.change_id, min(d.f_ms) AS shipped_ms
         FROM deploy_changes dc JOIN d ON d.id = dc.deployment_id
         WHERE d.status = 'success' GROUP BY dc.change_id),
lead AS (SELECT (s.shipped_ms - epoch_ms(c.first_commit)) / 1000.0 AS seconds
         FROM ship s JOIN changes c ON c.id = s.change_id
         WHERE s.shipped_ms >= ${fromMs} AND s.shipped_ms < ${toMs}),
succ AS (SELECT id, repository, finished FROM d WHERE status = 'success'),
implicit AS (SELECT s.id AS deployment_id
             FROM incidents i ASOF JOIN succ s
               ON i.repository = s.repository AND i.created >= s.finished
             WHERE i.deployment_id IS NULL
               AND epoch_ms(i.created) - epoch_ms(s.finished) <= 86400000),
explicit AS (SELECT i.deployment_id FROM incidents i JOIN d ON d.id = i.deployment_id),
attributed AS (SELECT DISTINCT deployment_id FROM (SELECT * FROM implicit UNION ALL SELECT * FROM explicit)),
win AS (SELECT d.status, (d.status = 'failure' OR a.deployment_id IS NOT NULL) AS failed
        FROM d LEFT JOIN attributed a ON a.deployment_id = d.id
        WHERE d.f_ms >= ${fromMs} AND d.f_ms < ${toMs}),
ttr AS (SELECT (epoch_ms(resolved) - epoch_ms(created)) / 1000.0 AS seconds
        FROM incidents
        WHERE resolved IS NOT NULL AND epoch_ms(resolved) >= ${fromMs} AND epoch_ms(resolved) < ${toMs})
SELECT
  (SELECT count(*) FROM win WHERE status = 'success') AS deployments,
  (SELECT count(*) FROM lead WHERE seconds >= 0) AS lead_count,
  (SELECT count(*) FROM lead WHERE seconds < 0) AS lead_excluded,
  (SELECT quantile_cont(seconds, 0.5) FROM lead WHERE seconds >= 0) AS lead_median,
  (SELECT quantile_cont(seconds, 0.9) FROM lead WHERE seconds >= 0) AS lead_p90,
  (SELECT count(*) FROM win WHERE failed) AS failed,
  (SELECT count(*) FROM win) AS total,
  (SELECT quantile_cont(seconds, 0.5) FROM ttr) AS ttr_median`;
}

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export async function runDuckDb(
  data: DoraData,
  window: { from: string; to: string },
  loader: Loader,
): Promise<DuckDbRun> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const t0 = performance.now();
    await (loader === 'appender' ? loadByAppender(connection, data) : loadByCsv(connection, data));
    const t1 = performance.now();
    const reader = await connection.runAndReadAll(
      figuresSql(Date.parse(window.from), Date.parse(window.to)),
    );
    const row = reader.getRowObjectsJS()[0] ?? {};
    const t2 = performance.now();
    const failed = num(row.failed);
    const total = num(row.total);
    return {
      loadMs: t1 - t0,
      queryMs: t2 - t1,
      figures: {
        deployments: num(row.deployments),
        leadTimeCount: num(row.lead_count),
        leadTimeExcluded: num(row.lead_excluded),
        leadTimeMedian: numOrNull(row.lead_median),
        leadTimeP90: numOrNull(row.lead_p90),
        failed,
        total,
        changeFailureRate: total === 0 ? null : failed / total,
        timeToRestoreMedian: numOrNull(row.ttr_median),
      },
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

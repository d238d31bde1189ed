import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Entry {
  id: number;
  key: string;
  version: string;
  data: Buffer;
}

interface Reservation {
  key: string;
  version: string;
  chunks: Array<{ start: number; data: Buffer }>;
}

export interface FakeActionsCache {
  /** For ACTIONS_CACHE_URL (ends with a slash, as the runner's does). */
  url: string;
  /** Saved keys, oldest first. */
  keys(): string[];
  close(): Promise<void>;
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The Actions cache service (the v1 REST protocol `@actions/cache` speaks when
 * ACTIONS_CACHE_SERVICE_V2 is unset): immutable entries, lookup by key then by prefix with the
 * newest entry winning, reserve / upload chunks / commit, download. Enough for the real library
 * to save and restore through it.
 */
export async function startFakeActionsCache(): Promise<FakeActionsCache> {
  const entries: Entry[] = [];
  const reservations = new Map<number, Reservation>();
  let nextId = 1;
  let base = '';

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', base);
      const json = (status: number, value?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(value === undefined ? undefined : JSON.stringify(value));
      };
      const path = url.pathname;
      if (req.method === 'GET' && path === '/_apis/artifactcache/cache') {
        const keys = (url.searchParams.get('keys') ?? '').split(',');
        const version = url.searchParams.get('version');
        const candidates = entries.filter((e) => e.version === version).reverse();
        for (const key of keys) {
          const hit =
            candidates.find((e) => e.key === key) ?? candidates.find((e) => e.key.startsWith(key));
          if (hit) {
            return json(200, {
              cacheKey: hit.key,
              scope: 'refs/heads/main',
              archiveLocation: `${base}download/${hit.id}`,
            });
          }
        }
        return json(204);
      }
      if (req.method === 'POST' && path === '/_apis/artifactcache/caches') {
        const { key, version } = JSON.parse((await body(req)).toString('utf8')) as Reservation;
        const taken =
          entries.some((e) => e.key === key && e.version === version) ||
          [...reservations.values()].some((r) => r.key === key && r.version === version);
        if (taken) return json(409, { message: `Cache already exists. Key: ${key}` });
        const id = nextId++;
        reservations.set(id, { key, version, chunks: [] });
        return json(201, { cacheId: id });
      }
      const upload = /^\/_apis\/artifactcache\/caches\/(\d+)$/.exec(path);
      const reservation = upload ? reservations.get(Number(upload[1])) : undefined;
      if (upload && reservation && req.method === 'PATCH') {
        const start = Number(/bytes (\d+)-/.exec(req.headers['content-range'] ?? '')?.[1] ?? 0);
        reservation.chunks.push({ start, data: await body(req) });
        return json(204);
      }
      if (upload && reservation && req.method === 'POST') {
        await body(req);
        const data = Buffer.concat(
          reservation.chunks.sort((a, b) => a.start - b.start).map((c) => c.data),
        );
        const id = Number(upload[1]);
        entries.push({ id, key: reservation.key, version: reservation.version, data });
        reservations.delete(id);
        return json(204);
      }
      const download = /^\/download\/(\d+)$/.exec(path);
      const entry = download ? entries.find((e) => e.id === Number(download[1])) : undefined;
      if (req.method === 'GET' && entry) {
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': entry.data.length,
        });
        return res.end(entry.data);
      }
      return json(404, { message: `no route ${req.method} ${path}` });
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url: base,
    keys: () => entries.map((e) => e.key),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

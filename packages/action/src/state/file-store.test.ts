import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileStore, createNoneStore } from './file-store.js';
import { sampleState } from './test-state.js';

async function directory(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'dora-state-')), 'nested');
}

describe('createFileStore', () => {
  it('says when there is no state yet', async () => {
    const dir = await directory();
    expect(await createFileStore(dir, 'scope-a').restore()).toEqual({
      reason: 'missing',
      message: `no saved state at ${join(dir, 'state.json')}`,
    });
  });

  it('saves (creating the directory) and restores, leaving no temporary file', async () => {
    const dir = await directory();
    const store = createFileStore(dir, 'scope-a');
    expect(await store.save(sampleState())).toEqual({
      saved: true,
      location: join(dir, 'state.json'),
    });
    expect(await readdir(dir)).toEqual(['state.json']);
    expect(await store.restore()).toEqual({
      state: sampleState(),
      source: join(dir, 'state.json'),
    });
  });

  it('treats a corrupt file as invalid, not as an error', async () => {
    const dir = await directory();
    const store = createFileStore(dir, 'scope-a');
    await store.save(sampleState());
    const path = join(dir, 'state.json');
    await writeFile(path, (await readFile(path, 'utf8')).slice(0, 100));
    const restored = await store.restore();
    expect(restored.state).toBeUndefined();
    expect(restored).toHaveProperty('reason', 'invalid');
  });

  it('refuses a state file larger than it reads, without reading it', async () => {
    const dir = await directory();
    await createFileStore(dir, 'scope-a').save(sampleState());
    const size = (await readFile(join(dir, 'state.json'))).length;
    expect(await createFileStore(dir, 'scope-a', size - 1).restore()).toEqual({
      reason: 'invalid',
      message: `the saved state is ${size} bytes, more than the ${size - 1} a run reads; it was ignored`,
    });
    expect((await createFileStore(dir, 'scope-a', size).restore()).state).toEqual(sampleState());
  });

  it('reports a failed write instead of throwing', async () => {
    const dir = await directory();
    await writeFile(join(dir, '..', 'blocker'), 'x');
    const store = createFileStore(join(dir, '..', 'blocker', 'sub'), 'scope-a');
    const result = await store.save(sampleState());
    expect(result.saved).toBe(false);
  });
});

describe('createNoneStore', () => {
  it('neither restores nor saves', async () => {
    const store = createNoneStore();
    expect(await store.restore()).toEqual({ reason: 'missing', message: 'state-backend is none' });
    expect(await store.save(sampleState())).toEqual({
      saved: false,
      message: 'state-backend is none',
    });
  });
});

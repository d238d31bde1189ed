import { GCProfiler } from 'node:v8';
import { Worker } from 'node:worker_threads';

/**
 * Samples the process's resident set every 2 ms from a worker thread, so the peak is seen even
 * while the main thread is busy in one synchronous call.
 */
export class RssSampler {
  private readonly peak = new Float64Array(new SharedArrayBuffer(8));
  private readonly stop = new Int32Array(new SharedArrayBuffer(4));
  private worker: Worker | undefined;

  async start(): Promise<void> {
    const code = `
      const { workerData } = require('node:worker_threads');
      const peak = new Float64Array(workerData.peak);
      const stop = new Int32Array(workerData.stop);
      const tick = () => {
        const rss = process.memoryUsage.rss();
        if (rss > peak[0]) peak[0] = rss;
        if (Atomics.load(stop, 0) === 0) setTimeout(tick, 2);
      };
      tick();`;
    this.peak[0] = process.memoryUsage.rss();
    Atomics.store(this.stop, 0, 0);
    const worker = new Worker(code, {
      eval: true,
      workerData: { peak: this.peak.buffer, stop: this.stop.buffer },
    });
    this.worker = worker;
    await new Promise<void>((resolve) => worker.once('online', () => resolve()));
  }

  async finish(): Promise<number> {
    Atomics.store(this.stop, 0, 1);
    const worker = this.worker;
    if (worker) await new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.worker = undefined;
    return Math.max(this.peak[0] ?? 0, process.memoryUsage.rss());
  }
}

/**
 * Runs `fn` and reports the highest V8 heap use seen: the heap just before each collection that
 * happened during the call (a peak is always followed by a collection or by the call's end), and
 * the heap at the end.
 */
export function withPeakHeap<T>(fn: () => T): { result: T; peakHeap: number } {
  const profiler = new GCProfiler();
  profiler.start();
  const result = fn();
  const end = process.memoryUsage().heapUsed;
  const data = profiler.stop();
  let peak = end;
  for (const gc of data?.statistics ?? []) {
    peak = Math.max(peak, gc.beforeGC.heapStatistics.usedHeapSize);
  }
  return { result, peakHeap: peak };
}

/** A full collection; the child runs with --expose-gc. */
export function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
}

/** One timed call: wall and CPU ms, and peak heap above the heap before it (collect first). */
export function timedCall<T>(fn: () => T): {
  result: T;
  wallMs: number;
  cpuMs: number;
  heapAboveBytes: number;
} {
  const base = process.memoryUsage().heapUsed;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const m = withPeakHeap(fn);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    result: m.result,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    heapAboveBytes: m.peakHeap - base,
  };
}

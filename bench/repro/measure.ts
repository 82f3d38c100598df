/**
 * The timing harness of the reproductions: variants run in alternating blocks in one process (forward order on even
 * blocks, reversed on odd ones, so a drift of the shared machine falls on both), CPU per operation from
 * process.cpuUsage() (user + system) over each block. Reported: min and median of the blocks, in µs per operation.
 * Run the scripts under `flock /tmp/xf-bench.lock` (the machine is shared).
 */
export interface Variant {
  name: string;
  run: () => unknown;
}

export interface Figure {
  name: string;
  min: number;
  median: number;
}

const BLOCKS = Number(process.env.REPRO_BLOCKS ?? 12);
/** A scale on every block's operation count (REPRO_SCALE=0.1 for a quick check). */
const SCALE = Number(process.env.REPRO_SCALE ?? 1);

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function block(variant: Variant, ops: number) {
  const start = process.cpuUsage();
  for (let i = 0; i < ops; i++) {
    const result = variant.run();
    // only a promise is awaited: a synchronous variant pays no microtask per operation
    if (result instanceof Promise) await result;
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / ops;
}

/**
 * µs per operation of each variant. `ops`: operations per block, the same for every variant; `{ ms }`: each variant
 * gets the operation count that fills about `ms` of CPU per block (from its warm-up), so variants of very different
 * cost can share one alternation and so the same moments of the shared machine.
 */
export async function compare(variants: Variant[], ops: number | { ms: number }): Promise<Figure[]> {
  const counts = [];
  for (const variant of variants) {
    const warm = typeof ops === 'number' ? Math.max(5, Math.round(ops * SCALE) >> 2) : 20;
    const perOp = await block(variant, warm);
    await block(variant, warm);
    counts.push(Math.max(1, Math.round(typeof ops === 'number' ? ops * SCALE : (ops.ms * 1000 * SCALE) / perOp)));
  }
  const samples = variants.map(() => [] as number[]);
  for (let b = 0; b < BLOCKS; b++) {
    const order = variants.map((_, i) => i);
    if (b % 2) order.reverse();
    for (const i of order) samples[i].push(await block(variants[i], counts[i]));
  }
  return variants.map((variant, i) => ({ name: variant.name, min: Math.min(...samples[i]), median: median(samples[i]) }));
}

export function fmt(us: number) {
  return us >= 100 ? us.toFixed(0) : us >= 10 ? us.toFixed(1) : us.toFixed(2);
}

export function table(title: string, figures: Figure[]) {
  console.log(`\n${title} (µs CPU per operation, ${BLOCKS} alternating blocks)`);
  console.log('| variant | min | median |\n|---|---:|---:|');
  for (const f of figures) console.log(`| ${f.name} | ${fmt(f.min)} | ${fmt(f.median)} |`);
}

export function machineNote() {
  return `node ${process.version}, ${process.platform}/${process.arch}, ${new Date().toISOString()}`;
}

/**
 * Self time by function (sampling profiler, 100 µs) while `run` is called `ops` times: the rows whose file matches
 * `filter`, share of all samples, highest first. Shows which library function a measured difference sits in.
 */
export async function profileSelf(run: () => unknown, ops: number, filter: RegExp, top = 12) {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  for (let i = 0; i < ops; i++) {
    const result = run();
    if (result instanceof Promise) await result;
  }
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const hits = new Map<number, number>();
  for (const id of profile.samples ?? []) hits.set(id, (hits.get(id) ?? 0) + 1);
  const total = profile.samples?.length ?? 1;
  const self = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    if (!filter.test(url)) continue;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '')}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (hits.get(node.id) ?? 0));
  }
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
  const matched = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`\nself time in ${filter}: ${((100 * matched) / total).toFixed(1)}% of ${total} samples`);
  for (const [key, n] of rows) console.log(`  ${((100 * n) / total).toFixed(1).padStart(5)}%  ${key}`);
}

/** Garbage collections while `run` is called `ops` times: count and pause per 1,000 operations (PerformanceObserver). */
export async function gcDuring(run: () => unknown, ops: number) {
  const { PerformanceObserver } = await import('node:perf_hooks');
  let count = 0;
  let ms = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      count++;
      ms += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const start = process.cpuUsage();
  for (let i = 0; i < ops; i++) {
    const result = run();
    if (result instanceof Promise) await result;
  }
  const used = process.cpuUsage(start);
  await new Promise((resolve) => setTimeout(resolve, 50)); // the observer's last entries
  observer.disconnect();
  return { perThousand: (1000 * count) / ops, msPerOp: ms / ops, cpuMsPerOp: (used.user + used.system) / 1000 / ops };
}

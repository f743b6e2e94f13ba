import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDeps, type TestDeps } from '../../test/test-deps.ts';
import { registerJobs, startJobQueue, type JobQueue } from './jobs.ts';

let deps: TestDeps;
let boss: JobQueue;

beforeAll(async () => {
  deps = await openTestDeps();
  boss = await startJobQueue(deps.database, { schedule: false });
});
afterAll(async () => {
  await boss.stop({ graceful: false, wait: true });
  await deps.dispose();
});

describe('job queue', () => {
  it('runs queued jobs exactly once and retries a failing one', async () => {
    const seen: number[] = [];
    let failures = 0;
    await registerJobs(
      boss,
      [
        { queue: 'test-count', handle: async (d) => void seen.push((d as { n: number }).n) },
        {
          queue: 'test-flaky',
          retryLimit: 3,
          handle: async () => {
            failures++;
            if (failures < 2) throw new Error('transient');
          },
        },
      ],
      0.5,
    );
    // A job's id is its idempotency key: sending the same id again queues nothing. (A bare
    // singletonKey does not dedupe on a standard-policy queue; only singletonSeconds or an id do.)
    const jobId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    for (let n = 0; n < 20; n++) await boss.send('test-count', { n }, { id: jobId(n) });
    expect(await boss.send('test-count', { n: 0 }, { id: jobId(0) })).toBeNull();
    await boss.send('test-flaky', {}, { retryDelay: 1 });
    const deadline = Date.now() + 30_000;
    while ((seen.length < 20 || failures < 2) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    // Give a stray duplicate time to show up before counting.
    await new Promise((r) => setTimeout(r, 1_500));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(failures).toBe(2);
  });
});

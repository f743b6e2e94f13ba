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
    for (let n = 0; n < 20; n++) await boss.send('test-count', { n }, { singletonKey: `n${n}` });
    // A duplicate singleton key is not queued twice.
    await boss.send('test-count', { n: 0 }, { singletonKey: 'n0' });
    await boss.send('test-flaky', {}, { retryDelay: 1 });
    const deadline = Date.now() + 30_000;
    while ((seen.length < 20 || failures < 2) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(failures).toBe(2);
  });
});

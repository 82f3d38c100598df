import { afterEach, expect } from 'vitest';
import { seedReport, startFileStream } from './seed';

// vitest runs this before each test file (setupFiles), also when files share a worker (isolate: false): each file
// starts its own stream of generated data (test/support/seed.ts), and a failed test says how to make it again.
startFileStream(expect.getState().testPath ?? 'unknown-file');

afterEach(({ task }) => {
  if (task.result?.state === 'fail') console.error(`${task.name}: ${seedReport()}`);
});

import { readConfig } from './config';
import { startLocalServer, startupLines } from './local-server';
import { DataDirLockedError } from '../db/data-dir-lock';

// Local server (`npm start`). Ctrl-C / SIGTERM close the embedded database cleanly before exiting.
const startedAt = performance.now();
const config = readConfig();
let started;
try {
  started = await startLocalServer(config);
} catch (error) {
  if (!(error instanceof DataDirLockedError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const server = started;
console.log(startupLines(server, (performance.now() - startedAt) / 1000).join('\n'));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A terminal's Ctrl-C reaches npm, tsx and us: the repeats must not cut the database's close short.
    if (stopping) return;
    stopping = true;
    console.log('正在停止，关闭数据库… (stopping: closing the database)');
    // Not unref'd: while the database closes, this timer keeps the process alive. Unref'd, a close step awaiting
    // nothing that holds the event loop let Node exit silently half-way (no "已停止", seen under load in the tests).
    setTimeout(() => {
      console.error('10 s 内未能停止，强制退出 (did not stop within 10 s; exiting)');
      process.exit(1);
    }, 10_000);
    server.close().then(
      () => {
        console.log('已停止 (stopped)');
        process.exit(0);
      },
      (error) => {
        console.error('停止时出错 (error while stopping)', error);
        process.exit(1);
      },
    );
  });
}

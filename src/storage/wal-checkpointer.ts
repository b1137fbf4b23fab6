import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** WAL size at which the worker checkpoints (SQLite's own default is 1,000 pages, about 4 MiB). */
export const CHECKPOINT_AT_BYTES = 4 * 1024 * 1024;
/**
 * Pages after which the writing connection checkpoints by itself, on its own thread, as SQLite
 * does by default at 1,000: the safety valve when writes never pause long enough for a worker's
 * checkpoint to complete (the log is restarted only after a complete one).
 */
export const WRITER_CHECKPOINT_PAGES = 16_384;
const POLL_MS = 250;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db = null;
parentPort.on('message', (message) => {
  if (message === 'close') {
    db?.close();
    db = null;
    parentPort.postMessage({ closed: true });
    return;
  }
  try {
    db ??= new Database(workerData.file, { fileMustExist: true });
    db.pragma('synchronous = FULL');
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ done: row });
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
});
`;

/**
 * Checkpoints a SQLite database's write-ahead log on a worker thread, off the
 * event loop. By default the connection that commits checkpoints when the log
 * passes 1,000 pages, inside that commit: it copies the pages into the
 * database file and fsyncs it, which held the event loop 20–80 ms every few
 * thousand messages (p99 of every process on the message path). Here a timer
 * looks at the log's size, and past CHECKPOINT_AT_BYTES a worker's own
 * connection runs `wal_checkpoint(PASSIVE)` (never blocks the writer; synced as
 * with synchronous=FULL); the writer restarts the log once a checkpoint has
 * completed. The worker starts only when first needed.
 */
export class WalCheckpointer {
  private worker: Worker | null = null;
  private running = false;
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  /** Checkpoints completed (for tests). */
  checkpoints = 0;

  constructor(private readonly file: string) {
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    if (this.running || this.closed) return;
    const size = await stat(`${this.file}-wal`).then((s) => s.size, () => 0);
    if (size >= CHECKPOINT_AT_BYTES) this.checkpoint();
  }

  /** Starts a checkpoint unless one is under way. */
  checkpoint(): void {
    if (this.running || this.closed) return;
    this.running = true;
    this.ensureWorker().postMessage('checkpoint');
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER, { eval: true, workerData: { file: this.file, module: createRequire(import.meta.url).resolve('better-sqlite3') } });
    worker.unref();
    worker.on('message', (message: { done?: unknown; error?: string; closed?: boolean }) => {
      if (message.closed) return;
      this.running = false;
      if (message.done) this.checkpoints += 1;
    });
    worker.on('error', () => {
      this.running = false;
      this.worker = null;
    });
    this.worker = worker;
    return worker;
  }

  /** Stops the timer and closes the worker's connection (before the main one: the last to close removes the log). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      worker.on('message', (message: { closed?: boolean }) => message.closed && done());
      worker.once('exit', done);
      worker.once('error', done);
      worker.postMessage('close');
    });
    await worker.terminate();
  }
}

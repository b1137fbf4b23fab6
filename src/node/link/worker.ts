import type { FastifyBaseLogger } from 'fastify';
import { Backoff } from './backoff.js';

/** What one step of a worker found: more work at once, or nothing for now. */
export type StepResult = 'busy' | 'idle';

/** Thrown by a step when the hub could not be reached or answered 5xx: the worker backs off and tries again. */
export class RetryLater extends Error {}

export interface WorkerOptions {
  name: string;
  /** How long to sleep when idle before looking again (a wake() cuts it short). */
  idleMs: number;
  backoff: Backoff;
  log: FastifyBaseLogger;
  /** Told the pause before the next attempt after a failure (the outbox shows when it will try again). */
  onBackoff?: (pauseMs: number) => Promise<void>;
}

/**
 * A background loop of the node (the outbox sender, the inbox receiver, the
 * receipt sender): runs its step until stopped, sleeps when idle, backs off on
 * failure, and can be woken early. stop() aborts the step in flight (a long
 * poll) and resolves once the loop has left.
 */
export class Worker {
  private running = false;
  private loop: Promise<void> | undefined;
  private abort = new AbortController();
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private backingOff = false;

  constructor(
    private readonly step: (signal: AbortSignal) => Promise<StepResult>,
    private readonly options: WorkerOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.loop = this.run();
  }

  /** Asks the worker to look for work now rather than after its sleep. */
  wake(): void {
    this.woken = true;
    if (!this.backingOff) this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    this.wakeUp?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let pause = 0;
      let backingOff = false;
      try {
        this.woken = false;
        const result = await this.step(this.abort.signal);
        this.options.backoff.reset();
        if (result === 'idle') pause = this.options.idleMs;
      } catch (error) {
        if (!this.running) break;
        pause = this.options.backoff.next();
        backingOff = true;
        // An outage is told once, when it starts; each further attempt only at debug level.
        const level = !(error instanceof RetryLater) ? 'error' : this.options.backoff.attempts === 1 ? 'warn' : 'debug';
        this.options.log[level]({ err: error, worker: this.options.name, retryInMs: pause }, `${this.options.name}: ${(error as Error).message}; trying again in ${pause} ms`);
        await this.options.onBackoff?.(pause).catch((e: unknown) => this.options.log.error({ err: e }, `${this.options.name}: recording the backoff failed`));
      }
      // New work cuts an idle sleep short, never a backoff: an outage is not hammered by every compose.
      if (pause > 0 && this.running && (backingOff || !this.woken)) await this.sleep(pause, backingOff);
    }
  }

  private sleep(ms: number, backingOff: boolean): Promise<void> {
    this.backingOff = backingOff;
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        this.backingOff = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}

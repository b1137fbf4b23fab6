import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Makes SQLite commits durable without blocking the event loop. The database
 * runs in WAL mode with synchronous=NORMAL: a commit appends its frames to the
 * WAL file and returns without an fsync. Each commit then takes a ticket, and
 * its caller waits for `flushed(ticket)`: an fdatasync of the WAL file on
 * libuv's thread pool, started after that commit, so every frame of it is on
 * disk. Commits made while a flush runs share the next one (group commit), and
 * the event loop keeps sealing, verifying and answering meanwhile. Checkpoints
 * are unchanged: SQLite syncs the WAL before copying it into the database file
 * and the database file after, and a WAL restart is only ever followed by new
 * frames that our next flush covers.
 */
export class WalFlusher {
  private committed = 0;
  private flushedUpTo = 0;
  private running: Promise<void> | null = null;
  private handle: FileHandle | null = null;
  /** fdatasync calls made so far (several commits share one). */
  flushes = 0;

  constructor(private readonly walFile: string) {}

  /** After opening: the WAL and the folder naming it are on disk, so later flushes need only the file's data. */
  async init(): Promise<void> {
    await this.datasync();
    const folder = await open(dirname(this.walFile), 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  }

  /** Called right after a commit returned: the ticket to wait for. */
  ticket(): number {
    this.committed += 1;
    return this.committed;
  }

  /** Settles once everything committed up to `ticket` (default: everything so far) is on disk. */
  async flushed(ticket = this.committed): Promise<void> {
    while (this.flushedUpTo < ticket) {
      // A flush already under way may have started before this commit: wait for it, then flush again if needed.
      this.running ??= this.flushOnce();
      await this.running;
    }
  }

  async close(): Promise<void> {
    await this.running;
    await this.handle?.close();
    this.handle = null;
  }

  private async flushOnce(): Promise<void> {
    const upTo = this.committed;
    try {
      await this.datasync();
      this.flushedUpTo = Math.max(this.flushedUpTo, upTo);
    } finally {
      this.running = null;
    }
  }

  private async datasync(): Promise<void> {
    // SQLite keeps the WAL file while a connection is open (it is truncated at most, never replaced).
    this.handle ??= await open(this.walFile, 'a');
    this.flushes += 1;
    await this.handle.datasync();
  }
}

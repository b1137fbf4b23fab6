import type { Clock } from '../../core/clock.js';

export interface LinkSnapshot {
  connected: boolean;
  lastContactAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
}

/**
 * Whether the hub answers: every request through the hub client reports here.
 * Connected means the last exchange got an answer the hub gave as itself (any
 * status but a refusal of the node's certificate).
 */
export class LinkStatus {
  private state: LinkSnapshot = { connected: false, lastContactAt: null, lastFailureAt: null, lastError: null };

  constructor(private readonly clock: Clock) {}

  contact(): void {
    this.state = { ...this.state, connected: true, lastContactAt: this.clock.now().toISOString(), lastError: null };
  }

  failure(reason: string): void {
    this.state = { ...this.state, connected: false, lastFailureAt: this.clock.now().toISOString(), lastError: reason };
  }

  /** Not known to be down: connected, or not tried yet. */
  reachable(): boolean {
    return this.state.connected || this.state.lastFailureAt === null;
  }

  snapshot(): LinkSnapshot {
    return { ...this.state };
  }
}

/**
 * Events between parts of the hub (and, with NATS JetStream configured,
 * between hub processes). Subscribers match a topic prefix, e.g. `hits.`.
 */
export type BusHandler = (topic: string, payload: unknown) => void;

export interface EventBus {
  publish(topic: string, payload: unknown): Promise<void>;
  subscribe(topicPrefix: string, handler: BusHandler): () => void;
  close(): Promise<void>;
}

/** Delivery within this process, synchronous and in order; a failing handler does not stop the others. */
export class InProcessBus implements EventBus {
  private readonly handlers = new Set<{ prefix: string; handler: BusHandler }>();

  constructor(private readonly onHandlerError: (error: unknown) => void = () => {}) {}

  publish(topic: string, payload: unknown): Promise<void> {
    for (const { prefix, handler } of this.handlers) {
      if (!topic.startsWith(prefix)) continue;
      try {
        handler(topic, payload);
      } catch (error) {
        this.onHandlerError(error);
      }
    }
    return Promise.resolve();
  }

  subscribe(topicPrefix: string, handler: BusHandler): () => void {
    const entry = { prefix: topicPrefix, handler };
    this.handlers.add(entry);
    return () => this.handlers.delete(entry);
  }

  close(): Promise<void> {
    this.handlers.clear();
    return Promise.resolve();
  }
}

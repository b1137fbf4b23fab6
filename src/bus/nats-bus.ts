import { randomUUID } from 'node:crypto';
import { DeliverPolicy, JSONCodec, StorageType, connect, nanos, type ConsumerMessages, type JetStreamClient, type NatsConnection } from 'nats';
import type { BusHandler, EventBus } from './bus.js';
import { InProcessBus } from './bus.js';

interface Envelope {
  origin: string;
  topic: string;
  payload: unknown;
}

export interface NatsBusOptions {
  url: string;
  /** JetStream stream holding the events; created if missing. */
  stream?: string;
  /** Subject prefix: topic `hits.created` travels as `<prefix>.hits.created`. */
  subjectPrefix?: string;
  /** How long the stream keeps events, in seconds. */
  maxAgeSeconds?: number;
  onError?: (error: unknown) => void;
}

/**
 * The bus between hub processes that share one database: NATS JetStream.
 * Handlers in this process are called at once, as with the in-process bus
 * (so a process sees its own changes before it answers); other processes
 * receive the event from a JetStream stream through an ordered consumer that
 * starts at the time of subscription, and skip the events they sent
 * themselves.
 */
export class NatsBus implements EventBus {
  private readonly local: InProcessBus;
  private readonly origin = randomUUID();
  private readonly codec = JSONCodec<Envelope>();
  private readonly consumers = new Set<ConsumerMessages>();

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly stream: string,
    private readonly prefix: string,
    private readonly onError: (error: unknown) => void,
  ) {
    this.local = new InProcessBus(onError);
  }

  static async connect(options: NatsBusOptions): Promise<NatsBus> {
    const stream = options.stream ?? 'BLUELINE';
    const prefix = options.subjectPrefix ?? 'blueline';
    const nc = await connect({ servers: options.url, name: 'blueline-hub' });
    try {
      const jsm = await nc.jetstreamManager();
      const config = { name: stream, subjects: [`${prefix}.>`], storage: StorageType.File, max_age: nanos((options.maxAgeSeconds ?? 86_400) * 1000) };
      try {
        await jsm.streams.info(stream);
        await jsm.streams.update(stream, config);
      } catch {
        await jsm.streams.add(config);
      }
      return new NatsBus(nc, nc.jetstream(), stream, prefix, options.onError ?? (() => {}));
    } catch (error) {
      await nc.close();
      throw error;
    }
  }

  async publish(topic: string, payload: unknown): Promise<void> {
    await this.local.publish(topic, payload);
    await this.js.publish(`${this.prefix}.${topic}`, this.codec.encode({ origin: this.origin, topic, payload }));
  }

  subscribe(topicPrefix: string, handler: BusHandler): () => void {
    const offLocal = this.local.subscribe(topicPrefix, handler);
    const filter = `${this.prefix}.${topicPrefix.endsWith('.') ? `${topicPrefix}>` : topicPrefix}`;
    const since = new Date();
    let messages: ConsumerMessages | undefined;
    let closed = false;
    void (async () => {
      const consumer = await this.js.consumers.get(this.stream, { filterSubjects: filter, deliver_policy: DeliverPolicy.StartTime, opt_start_time: since.toISOString() });
      if (closed) return;
      messages = await consumer.consume();
      this.consumers.add(messages);
      for await (const message of messages) {
        const envelope = this.codec.decode(message.data);
        if (envelope.origin === this.origin || !envelope.topic.startsWith(topicPrefix)) continue;
        try {
          handler(envelope.topic, envelope.payload);
        } catch (error) {
          this.onError(error);
        }
      }
    })().catch(this.onError);
    return () => {
      closed = true;
      offLocal();
      if (messages) {
        this.consumers.delete(messages);
        messages.stop();
      }
    };
  }

  async close(): Promise<void> {
    for (const m of this.consumers) m.stop();
    this.consumers.clear();
    await this.local.close();
    await this.nc.drain();
  }
}

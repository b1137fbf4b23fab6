import { Agent, request, type RequestOptions } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { LinkStatus } from './link-status.js';

/** The hub could not be reached, or did not answer in time. */
export class HubUnreachable extends Error {}

export interface HubResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json<T>(): T;
  /** The problem's stable code when the hub answered an RFC 9457 problem. */
  problemCode(): string | undefined;
}

export interface HubCredentials {
  certificatePem: string;
  privateKeyPem: string;
  caCertificatePem: string;
}

export interface HubRequest {
  body?: unknown;
  /** A body already serialised as JSON (spares parsing and re-serialising stored envelopes). */
  rawJson?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * What must be on disk before the request leaves. Default: everything the
   * node has committed (the client's `beforeSend`). A caller that knows what
   * its request depends on names it instead (`() => composer.sealedDurable()`),
   * or `false` when the request carries nothing the node committed (an inbox
   * poll: the cursor it names moves nothing at the hub).
   */
  durableFirst?: false | (() => Promise<void>);
}

/**
 * The node's link to the hub: HTTPS over keep-alive connections, TLS 1.3
 * only, the node's certificate as client certificate, and only the network
 * root (pinned at enrolment) trusted for the hub's certificate.
 */
export class HubClient {
  private agent: Agent;
  private readonly base: URL;

  constructor(
    hubUrl: string,
    credentials: HubCredentials,
    readonly status: LinkStatus,
    private readonly defaultTimeoutMs: number,
    /** Awaited before every request: nothing the node committed leaves it before it is on disk. */
    private readonly beforeSend: () => Promise<void> = () => Promise.resolve(),
  ) {
    this.base = new URL(hubUrl);
    this.agent = HubClient.agentFor(credentials);
  }

  get url(): string {
    return this.base.origin;
  }

  /** After a certificate renewal: new connections present the new certificate. */
  useCredentials(credentials: HubCredentials): void {
    const old = this.agent;
    this.agent = HubClient.agentFor(credentials);
    old.destroy();
  }

  async request(method: string, path: string, options: HubRequest = {}): Promise<HubResponse> {
    const durableFirst = options.durableFirst ?? this.beforeSend;
    if (durableFirst !== false) await durableFirst();
    const payload = options.rawJson !== undefined ? Buffer.from(options.rawJson) : options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const requestOptions: RequestOptions = {
      protocol: 'https:',
      hostname: this.base.hostname.replace(/^\[|\]$/g, ''),
      port: this.base.port || 443,
      method,
      path,
      agent: this.agent,
      headers,
      timeout: options.timeoutMs ?? this.defaultTimeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
    };
    try {
      const response = await send(requestOptions, payload);
      const code = response.problemCode();
      if (response.status === 401 && code?.startsWith('node.certificate')) this.status.failure(`the hub refused this node's certificate: ${code}`);
      else this.status.contact();
      return response;
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const reason = `${method} ${path}: ${(error as Error).message}`;
      this.status.failure(reason);
      throw new HubUnreachable(reason, { cause: error });
    }
  }

  close(): void {
    this.agent.destroy();
  }

  private static agentFor(credentials: HubCredentials): Agent {
    return new Agent({
      keepAlive: true,
      maxSockets: 16,
      minVersion: 'TLSv1.3',
      maxVersion: 'TLSv1.3',
      ca: credentials.caCertificatePem,
      cert: credentials.certificatePem,
      key: credentials.privateKeyPem,
    });
  }
}

function send(options: RequestOptions, payload: Buffer | undefined): Promise<HubResponse> {
  return new Promise((resolve, reject) => {
    const req = request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve(hubResponse(res.statusCode ?? 0, res.headers, Buffer.concat(chunks))));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeout} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

export function hubResponse(status: number, headers: IncomingHttpHeaders, body: Buffer): HubResponse {
  return {
    status,
    headers,
    body,
    json: <T>() => JSON.parse(body.toString('utf8')) as T,
    problemCode: () => {
      if (!String(headers['content-type'] ?? '').includes('json')) return undefined;
      try {
        const parsed = JSON.parse(body.toString('utf8')) as { code?: unknown };
        return typeof parsed.code === 'string' ? parsed.code : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** Network failures, timeouts and the hub's 5xx, 408 and 429 are worth trying again; other answers are final. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

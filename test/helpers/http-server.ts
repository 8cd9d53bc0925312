import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake server received. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Body text; `json` holds it parsed when it was JSON. */
  readonly text: string;
  readonly json: unknown;
}

/** A canned answer. `json` is serialised; `raw` is sent as is (for malformed bodies). */
export interface CannedReply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly raw?: string;
  /** Wait this long before answering (for timeouts). */
  readonly delayMs?: number;
}

export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Exact path, query included when the client sends one. */
  readonly path: string;
  /** Extra condition on the request body. */
  readonly body?: (json: unknown) => boolean;
  readonly reply: CannedReply | ((request: RecordedRequest) => CannedReply);
  /** How many requests this route answers (1). Every one must be used by the end of the test. */
  readonly times?: number;
}

/**
 * A strict fake HTTP service on 127.0.0.1 and a random port. Routes are declared
 * up front; a request no route matches is answered with 418 and fails
 * {@link FakeServer.assertDone}, and so does a route used fewer times than declared.
 */
export interface FakeServer {
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  route(spec: RouteSpec): FakeServer;
  /** @throws when a request was not declared or a declared route was not (fully) used. */
  assertDone(): void;
  close(): Promise<void>;
}

interface LiveRoute {
  readonly spec: RouteSpec;
  remaining: number;
}

export async function startFakeServer(): Promise<FakeServer> {
  const routes: LiveRoute[] = [];
  const requests: RecordedRequest[] = [];
  const unexpected: string[] = [];
  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, text, json: parseOrUndefined(text) };
    requests.push(recorded);
    const route = routes.find(
      (r) => r.remaining > 0 && r.spec.method === recorded.method && r.spec.path === recorded.path && (!r.spec.body || r.spec.body(recorded.json)),
    );
    if (!route) {
      unexpected.push(`${recorded.method} ${recorded.path}${text ? ` ${text.slice(0, 200)}` : ''}`);
      res.writeHead(418, { 'content-type': 'text/plain' }).end('no route declared for this request');
      return;
    }
    route.remaining--;
    const reply = typeof route.spec.reply === 'function' ? route.spec.reply(recorded) : route.spec.reply;
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (res.destroyed) return;
    const payload = reply.raw ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(payload);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    route(spec) {
      routes.push({ spec, remaining: spec.times ?? 1 });
      return fake;
    },
    assertDone() {
      const problems = [
        ...unexpected.map((line) => `undeclared request: ${line}`),
        ...routes.filter((r) => r.remaining > 0).map((r) => `route never used (${r.remaining} left): ${r.spec.method} ${r.spec.path}`),
      ];
      if (problems.length > 0) throw new Error(`fake server:\n  ${problems.join('\n  ')}`);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return fake;
}

function parseOrUndefined(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

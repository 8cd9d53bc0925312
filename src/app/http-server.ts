import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gateWebhook } from './webhook-gate.js';

export const WEBHOOK_PATH = '/api/github/webhooks';

export interface HttpRoutes {
  readonly webhookSecret: string;
  /** Probot's webhook middleware; reached only by requests whose signature checked out. */
  readonly webhooks: (request: IncomingMessage & { body?: string }, response: ServerResponse) => unknown;
  /** `true` when the store and the queue answer. */
  readonly healthy: () => Promise<boolean>;
  readonly metrics: () => Promise<string>;
  readonly onError: (error: unknown) => void;
}

/** The App's HTTP server: the signed webhook endpoint, `/health` and `/metrics`; everything else is 404. */
export function createAppServer(routes: HttpRoutes): Server {
  return createServer((request, response) => {
    void serve(routes, request, response).catch((error: unknown) => {
      routes.onError(error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('internal error\n');
    });
  });
}

async function serve(routes: HttpRoutes, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://app.invalid').pathname.replace(/\/+$/u, '') || '/';
  if (path === WEBHOOK_PATH && request.method === 'POST') {
    const gate = await gateWebhook(request, routes.webhookSecret);
    if (!gate.ok) {
      response.writeHead(gate.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: gate.reason }));
      return;
    }
    await routes.webhooks(Object.assign(request, { body: gate.body }), response);
    return;
  }
  if (path === '/health' && request.method === 'GET') {
    const ok = await routes.healthy().catch(() => false);
    response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ok' : 'unavailable' }));
    return;
  }
  if (path === '/metrics' && request.method === 'GET') {
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(await routes.metrics());
    return;
  }
  response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
}

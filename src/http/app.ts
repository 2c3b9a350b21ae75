import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../ops/log.js';

/**
 * A small HTTP server with a table of routes: each path answers its own methods, any other path
 * 404 and any other method 405. Requests in progress, including work a handler does after its
 * response (follow-ups to Discord), are awaited on close, so that a replica taken out of a load
 * balancer finishes what it started.
 */

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

export interface HttpApp {
  readonly server: Server;
  /** Adds a route, e.g. `route('GET', '/healthz', handler)`. */
  route(method: string, path: string, handler: RouteHandler): void;
  /** Listens on `port` (0: any free port) and resolves with the port. */
  listen(port: number, host?: string): Promise<number>;
  /** Stops taking requests and resolves once those in progress are done. */
  close(): Promise<void>;
}

/** Discord gives an interaction 3 seconds; a request still arriving after this is of no use. */
export const REQUEST_TIMEOUT_MS = 10_000;
/** Longer than the idle timeout of common load balancers (60 s), so that they close first. */
const KEEP_ALIVE_MS = 65_000;

export function createHttpApp(log: Logger, requestTimeoutMs = REQUEST_TIMEOUT_MS): HttpApp {
  const routes = new Map<string, Map<string, RouteHandler>>();
  const inProgress = new Set<Promise<void>>();

  const server = createServer({
    requestTimeout: requestTimeoutMs,
    headersTimeout: requestTimeoutMs,
    // Node looks for requests past their time every 30 s by default: a body trickled in slowly
    // would hold its connection three times longer than the timeout says.
    connectionsCheckingInterval: Math.max(10, Math.floor(requestTimeoutMs / 4)),
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const work = serve(request, response).finally(() => inProgress.delete(work));
    inProgress.add(work);
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const methods = routes.get(path);
    const handler = methods?.get(request.method ?? '');
    try {
      if (!methods) sendJson(response, 404, { error: 'not found' });
      else if (!handler)
        sendJson(response, 405, { error: 'method not allowed' }, { allow: [...methods.keys()].join(', ') });
      else await handler(request, response);
    } catch (err) {
      log.error({ err, method: request.method, path }, 'request failed');
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
      else response.destroy();
    }
  }

  return {
    server,
    route(method, path, handler) {
      const methods = routes.get(path) ?? new Map<string, RouteHandler>();
      methods.set(method.toUpperCase(), handler);
      routes.set(path, methods);
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.allSettled([...inProgress]);
      // Every response has been sent: connections left open are idle keep-alives.
      server.closeAllConnections();
      await closed;
    },
  };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

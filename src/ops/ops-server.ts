import { createServer, type Server } from 'node:http';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';

/**
 * The operations port, separate from anything users reach: `GET /healthz` for load balancers
 * and container health checks, `GET /metrics` for Prometheus.
 */

export interface Health {
  /** Whether this process can answer right now. */
  ready: boolean;
  [detail: string]: unknown;
}

export interface OpsServerOptions {
  port: number;
  /** The address to listen on (METRICS_HOST: loopback unless told otherwise). */
  host: string;
  metrics: Metrics;
  health(): Health;
  log: Logger;
}

export async function startOpsServer({
  port,
  host,
  metrics,
  health,
  log,
}: OpsServerOptions): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      const body = health();
      response
        .writeHead(body.ready ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify(body));
      return;
    }
    if (path === '/metrics') {
      metrics.text().then(
        (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        (err: unknown) => {
          log.error({ err }, 'metrics could not be collected');
          response.writeHead(500).end();
        },
      );
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: try /healthz or /metrics\n');
  });
  server.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve).once('error', reject);
  });
  log.info({ address: server.address() }, 'serving /healthz and /metrics');
  return server;
}

import { createHttpApp, type HttpApp } from './app.js';
import { type EndpointOptions, interactionsEndpoint } from './endpoint.js';

/** Where Discord's "Interactions Endpoint URL" points, after the host. */
export const INTERACTIONS_PATH = '/interactions';

/**
 * The HTTP way of running Summit: `POST /interactions` answered by the same core as the gateway
 * bot. Add further routes (health, metrics) with `route` before listening.
 */
export function createInteractionServer(options: EndpointOptions & { requestTimeoutMs?: number }): HttpApp {
  const app = createHttpApp(options.deps.log, options.requestTimeoutMs);
  app.route('POST', INTERACTIONS_PATH, interactionsEndpoint(options));
  return app;
}

import { GatewayIntentBits, GatewayOpcodes } from 'discord.js';
import WebSocket from 'ws';
import type { BotDeps } from '../../src/discord/answer.js';
import type { HttpApp } from '../../src/http/app.js';
import { createDiscordRest } from '../../src/http/discord-rest.js';
import { createInteractionServer } from '../../src/http/server.js';
import { publicKeyFromHex } from '../../src/http/verify.js';
import { TOKEN } from './bot.js';
import type { FakeDiscord } from './fake-discord/index.js';
import { postSigned, type Signer } from './http-signing.js';

/** The HTTP interactions endpoint on 127.0.0.1, trusting `signer` and calling the fake's REST API. */
export async function startEndpoint(
  fake: FakeDiscord,
  signer: Signer,
  deps: BotDeps,
): Promise<{ app: HttpApp; url: string }> {
  const app = createInteractionServer({
    deps,
    rest: createDiscordRest({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl }),
    publicKey: publicKeyFromHex(signer.publicKeyHex),
  });
  return { app, url: `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}/interactions` };
}

export interface Delivery {
  payload: { id: string; type: number; token: string };
  /** Which endpoint it was sent to. */
  endpoint: string;
  /** The endpoint's HTTP status (0: no answer at all) and body. */
  status: number;
  body: unknown;
}

/**
 * Discord's side of an Interactions Endpoint URL, on top of the fake: the relay takes each
 * interaction a fake user makes (the fake dispatches it on its gateway), POSTs it signed to an
 * endpoint, and hands the endpoint's HTTP response back to the fake as the interaction's
 * response. The fake then treats it as it treats a bot's: checked against Discord's rules,
 * stored, and open to edits and follow-ups through its REST API.
 */
export class HttpRelay {
  /** Each interaction delivered and what the endpoint answered, in order of answer. */
  readonly deliveries: Delivery[] = [];
  private sent = 0;

  private constructor(
    private readonly socket: WebSocket,
    private readonly fake: FakeDiscord,
    private readonly endpoints: string[],
    private readonly signer: Signer,
  ) {}

  /** With several endpoints, interactions go to each in turn, as a load balancer would send them. */
  static async start(fake: FakeDiscord, endpoints: string[], signer: Signer): Promise<HttpRelay> {
    const socket = new WebSocket(`${fake.gatewayUrl}/?v=10&encoding=json`);
    const relay = new HttpRelay(socket, fake, endpoints, signer);
    socket.on('message', (raw) =>
      relay.onFrame(JSON.parse(String(raw)) as { op: number; t?: string; d: unknown }),
    );
    await fake.identified();
    return relay;
  }

  close(): void {
    this.socket.close(1000);
  }

  private onFrame(frame: { op: number; t?: string; d: unknown }): void {
    if (frame.op === GatewayOpcodes.Hello) {
      const properties = { os: 'linux', browser: 'relay', device: 'relay' };
      const identify = { token: this.fake.token, intents: GatewayIntentBits.Guilds, properties };
      this.socket.send(JSON.stringify({ op: GatewayOpcodes.Identify, d: identify }));
    } else if (frame.t === 'INTERACTION_CREATE') {
      const endpoint = this.endpoints[this.sent % this.endpoints.length] ?? '';
      this.sent += 1;
      void this.deliver(endpoint, frame.d as Delivery['payload']);
    }
  }

  private async deliver(endpoint: string, payload: Delivery['payload']): Promise<void> {
    const answered = await postSigned(endpoint, this.signer, JSON.stringify(payload)).catch(
      (error: unknown) => ({ status: 0, body: String(error) }),
    );
    this.deliveries.push({ payload, endpoint, status: answered.status, body: answered.body });
    if (answered.status !== 200) return;
    await fetch(`${this.fake.apiUrl}/v10/interactions/${payload.id}/${payload.token}/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(answered.body),
    });
  }
}

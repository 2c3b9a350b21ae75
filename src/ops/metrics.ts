import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { FallbackReason } from '../commands/cooldowns.js';
import type { Engine } from '../engine/engine.js';
import type { RecordingEvents } from '../insights/recorder.js';
import type { ReloadResult } from '../reload/live-engine.js';

/**
 * What Prometheus scrapes from either way of running Summit: interactions by command and
 * outcome, their latency, the fact base in force and its reloads, the gateway's heartbeat ping,
 * and the process's own figures. Labels take only values from fixed sets, so that no user input
 * can grow the number of series.
 */

export interface MetricsSources {
  /** The fact base in force. */
  engine(): Engine;
  /** The command names interactions carry (what is deployed); any other is counted as `other`. */
  commands: Iterable<string>;
  /** The gateway's heartbeat round trip in ms, when there is a gateway and it has measured one. */
  gatewayPingMs?(): number | undefined;
  /** Labels on every series, such as the shard. */
  labels?: Record<string, string>;
}

/** Interaction outcomes as counted; anything else a handler reports is counted as `other`. */
const OUTCOMES = new Set([
  'answer',
  'not-found',
  'ambiguous',
  'usage',
  'error',
  'choices',
  'posted',
  'refused',
  'stale',
  'expired',
  'failed',
  'voted',
]);

export class Metrics {
  readonly registry = new Registry();
  private readonly interactions: Counter<'type' | 'command' | 'outcome'>;
  private readonly latency: Histogram<'type'>;
  private readonly reloads: Counter<'result'>;
  private readonly commands: ReadonlySet<string>;

  constructor(sources: MetricsSources) {
    this.commands = new Set(sources.commands);
    if (sources.labels) this.registry.setDefaultLabels(sources.labels);
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.interactions = new Counter({
      name: 'summit_interactions_total',
      help: 'Interactions and mentions handled, by type, command and outcome',
      labelNames: ['type', 'command', 'outcome'],
      registers,
    });
    this.latency = new Histogram({
      name: 'summit_interaction_duration_seconds',
      help: 'Time from receiving an interaction to its answer being sent',
      labelNames: ['type'],
      // Discord allows 3 s for the first response; the buckets resolve the fast end finely.
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
      registers,
    });
    this.reloads = new Counter({
      name: 'summit_knowledge_reloads_total',
      help: 'Attempts to load the fact base again, by result',
      labelNames: ['result'],
      registers,
    });
    new Gauge({
      name: 'summit_knowledge_records',
      help: 'Records in the fact base in force, by kind',
      labelNames: ['kind'],
      registers,
      collect() {
        const { kb } = sources.engine();
        const counts = {
          meetings: kb.meetings.length,
          quotes: kb.quotes.length,
          events: kb.events.length,
          sources: kb.sources.length,
          people: kb.people.length,
          places: kb.places.length,
          topics: kb.topics.length,
        };
        for (const [kind, n] of Object.entries(counts)) this.set({ kind }, n);
      },
    });
    new Gauge({
      name: 'summit_knowledge_info',
      help: 'The version (content hash) of the fact base in force',
      labelNames: ['version'],
      registers,
      collect() {
        this.reset();
        this.set({ version: sources.engine().kb.version.slice(0, 12) }, 1);
      },
    });
    if (sources.gatewayPingMs) {
      const ping = sources.gatewayPingMs;
      new Gauge({
        name: 'summit_gateway_ping_seconds',
        help: 'Round trip of the last gateway heartbeat (absent until one was measured)',
        registers,
        collect() {
          const ms = ping();
          if (ms === undefined || ms < 0) this.reset();
          else this.set(ms / 1000);
        },
      });
    }
  }

  /** Counts one handled interaction. */
  observe(type: string, command: string | undefined, outcome: string, seconds: number): void {
    this.interactions.inc({
      type,
      command: command && this.commands.has(command) ? command : 'other',
      outcome: OUTCOMES.has(outcome) ? outcome : 'other',
    });
    this.latency.observe({ type }, seconds);
  }

  /**
   * The record of questions: rows written, dropped (the queue was full while the store was slow
   * or down), waiting, and failed attempts to reach the store.
   */
  recording(waiting: () => number): RecordingEvents {
    const registers = [this.registry];
    const written = new Counter({
      name: 'summit_records_written_total',
      help: 'Questions and votes written to the store',
      registers,
    });
    const dropped = new Counter({
      name: 'summit_records_dropped_total',
      help: 'Questions and votes dropped because the queue to the store was full',
      registers,
    });
    const errors = new Counter({
      name: 'summit_store_errors_total',
      help: 'Failed attempts to reach or write the store',
      registers,
    });
    new Gauge({
      name: 'summit_records_waiting',
      help: 'Questions and votes waiting for the store',
      registers,
      collect() {
        this.set(waiting());
      },
    });
    return { written: (n) => written.inc(n), dropped: (n) => dropped.inc(n), storeError: () => errors.inc() };
  }

  /** Cooldowns decided in memory because the shared store was not open, slow or down. */
  cooldownFallbacks(): (reason: FallbackReason) => void {
    const fallbacks = new Counter({
      name: 'summit_cooldown_fallbacks_total',
      help: 'Cooldowns decided in this process because the shared store was not open, slow or down',
      labelNames: ['reason'],
      registers: [this.registry],
    });
    return (reason) => fallbacks.inc({ reason });
  }

  reloaded(result: ReloadResult['status']): void {
    this.reloads.inc({ result });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}

/** Upper bounds (seconds) of the check-latency histogram buckets. */
const LATENCY_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/**
 * The App's Prometheus metrics, written in the text exposition format by
 * hand: a handful of counters, two gauges and one histogram need no library.
 */
export class AppMetrics {
  readonly #received = new Map<string, number>();
  #processed = 0;
  #failed = 0;
  #apiRequests = 0;
  #rateLimitRemaining: number | undefined;
  readonly #latencyBuckets = LATENCY_BUCKETS.map(() => 0);
  #latencyCount = 0;
  #latencySum = 0;

  deliveryReceived(event: string): void {
    this.#received.set(event, (this.#received.get(event) ?? 0) + 1);
  }
  deliveryProcessed(): void {
    this.#processed++;
  }
  deliveryFailed(): void {
    this.#failed++;
  }
  apiRequest(rateLimitRemaining: number | undefined): void {
    this.#apiRequests++;
    if (rateLimitRemaining !== undefined) this.#rateLimitRemaining = rateLimitRemaining;
  }
  checkCompleted(seconds: number): void {
    this.#latencyCount++;
    this.#latencySum += seconds;
    LATENCY_BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) this.#latencyBuckets[i]!++;
    });
  }
  get apiRequests(): number {
    return this.#apiRequests;
  }

  /** The exposition text; `queueDepth` is read from the queue at scrape time. */
  render(queueDepth: number): string {
    const lines: string[] = [];
    const metric = (name: string, type: string, help: string, samples: [string, number][]): void => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples.map(([labels, value]) => `${name}${labels} ${value}`));
    };
    metric('chaingate_deliveries_received_total', 'counter', 'Webhook deliveries accepted, by event.', [...this.#received].sort().map(([event, n]) => [`{event="${event.replace(/[^a-z_]/gu, '_')}"}`, n]));
    metric('chaingate_deliveries_processed_total', 'counter', 'Deliveries whose work completed.', [['', this.#processed]]);
    metric('chaingate_deliveries_failed_total', 'counter', 'Deliveries whose work failed for good.', [['', this.#failed]]);
    metric('chaingate_queue_depth', 'gauge', 'Jobs waiting or running.', [['', queueDepth]]);
    metric('chaingate_check_duration_seconds', 'histogram', 'Delivery received to check run completed.', [
      ...LATENCY_BUCKETS.map((bound, i): [string, number] => [`_bucket{le="${bound}"}`, this.#latencyBuckets[i]!]),
      ['_bucket{le="+Inf"}', this.#latencyCount],
      ['_sum', this.#latencySum],
      ['_count', this.#latencyCount],
    ]);
    metric('chaingate_github_api_requests_total', 'counter', 'HTTP requests sent to the GitHub API, retries included.', [['', this.#apiRequests]]);
    if (this.#rateLimitRemaining !== undefined) metric('chaingate_github_rate_limit_remaining', 'gauge', 'x-ratelimit-remaining of the last GitHub answer.', [['', this.#rateLimitRemaining]]);
    return `${lines.join('\n')}\n`;
  }
}

/** A fetch that counts every request to GitHub and notes the rate limit left. */
export function countingFetch(metrics: AppMetrics, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    try {
      const response = await base(input, init);
      const remaining = Number(response.headers.get('x-ratelimit-remaining') ?? Number.NaN);
      metrics.apiRequest(Number.isFinite(remaining) ? remaining : undefined);
      return response;
    } catch (error) {
      metrics.apiRequest(undefined);
      throw error;
    }
  };
}

/** Time as the pacer sees it: the wall clock in the App, a simulated one in tests and the bench. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface PacerOptions {
  /** GitHub's secondary limit on content-creating requests per minute (80). */
  readonly perMinute?: number;
  /** …and per hour (500). */
  readonly perHour?: number;
  readonly clock?: Clock;
  /** A request refused for a rate limit this many times is given up (its caller's reconciliation retries later). */
  readonly maxRefusals?: number;
  /** Called when GitHub refused a request and the pacer pauses, for the log. */
  readonly onPause?: (retryAfterSeconds: number) => void;
}

export interface PacerStats {
  /** Start times (clock ms) of every request sent. */
  readonly sent: readonly number[];
  readonly refusals: number;
}

/**
 * Paces content-creating requests (issue creation, comments, edits) under
 * GitHub's secondary limits: one at a time (GitHub asks for serial writes),
 * at most `perMinute` in any 60 s and `perHour` in any hour, lowest priority
 * number first (tier 1 before tier 3), FIFO within a priority. A request
 * GitHub refuses for a rate limit (429, or 403 "secondary rate limit") was
 * not carried out, so it is sent again once `retry-after` has passed, and
 * every other request waits too. Other failures go back to the caller:
 * a POST that failed with a 5xx may have been applied, and only the caller
 * can look before trying again.
 */
export class Pacer {
  private readonly perMinute: number;
  private readonly perHour: number;
  private readonly clock: Clock;
  private readonly maxRefusals: number;
  private readonly waiting: { priority: number; seq: number; run: () => Promise<void> }[] = [];
  private readonly sentAt: number[] = [];
  private pausedUntil = 0;
  private refusals = 0;
  private seq = 0;
  private pumping = false;

  constructor(private readonly options: PacerOptions = {}) {
    this.perMinute = options.perMinute ?? 80;
    this.perHour = options.perHour ?? 500;
    this.clock = options.clock ?? systemClock;
    this.maxRefusals = options.maxRefusals ?? 5;
  }

  get stats(): PacerStats {
    return { sent: this.sentAt, refusals: this.refusals };
  }

  /** Runs `request` when its turn and the limits allow; resolves or rejects with its outcome. */
  run<T>(priority: number, request: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let refused = 0;
      const entry = {
        priority,
        seq: this.seq++,
        run: async (): Promise<void> => {
          try {
            resolve(await request());
          } catch (error) {
            const retryAfter = rateLimitRetryAfter(error, this.clock.now());
            if (retryAfter === undefined || ++refused > this.maxRefusals) return reject(error);
            this.refusals++;
            this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + retryAfter * 1000);
            this.options.onPause?.(retryAfter);
            // First in line again: it was refused, not carried out.
            this.waiting.unshift(entry);
          }
        },
      };
      this.waiting.push(entry);
      this.waiting.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiting.length > 0) {
        const wait = this.nextSlot() - this.clock.now();
        if (wait > 0) {
          await this.clock.sleep(wait);
          continue;
        }
        const next = this.waiting.shift()!;
        this.sentAt.push(this.clock.now());
        await next.run();
      }
    } finally {
      this.pumping = false;
    }
  }

  /** The earliest clock time the next request may start. */
  private nextSlot(): number {
    const now = this.clock.now();
    let slot = Math.max(now, this.pausedUntil);
    slot = Math.max(slot, this.windowSlot(now, 60_000, this.perMinute));
    return Math.max(slot, this.windowSlot(now, 3_600_000, this.perHour));
  }

  /** When the window of `span` ms will hold fewer than `limit` starts again. */
  private windowSlot(now: number, span: number, limit: number): number {
    let inWindow = 0;
    for (let i = this.sentAt.length - 1; i >= 0 && this.sentAt[i]! > now - span; i--) inWindow++;
    if (inWindow < limit) return now;
    // The oldest start that must leave the window before one more fits.
    return this.sentAt[this.sentAt.length - limit]! + span;
  }
}

/**
 * Seconds to wait when `error` is GitHub refusing a request for a rate
 * limit (nothing was done), else `undefined`. Secondary limits without a
 * `retry-after` wait a minute, as GitHub advises.
 */
export function rateLimitRetryAfter(error: unknown, nowMs: number): number | undefined {
  const e = error as { status?: unknown; message?: unknown; response?: { headers?: Record<string, unknown> } } | null;
  if (typeof e !== 'object' || e === null || (e.status !== 403 && e.status !== 429)) return undefined;
  const headers = e.response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return Math.min(retryAfter, 3600);
  if (String(headers['x-ratelimit-remaining']) === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    return Number.isFinite(reset) ? Math.min(3600, Math.max(1, Math.ceil(reset - nowMs / 1000) + 1)) : 60;
  }
  if (e.status === 429 || /secondary rate limit/iu.test(String(e.message))) return 60;
  return undefined;
}

import { DELIVERY_QUEUE, type Deliveries, type Delivery, type EnqueueOptions, type Job, type Jobs } from '../core/ports.js';

interface QueuedJob {
  readonly job: Job;
  readonly options: Required<Pick<EnqueueOptions, 'retryLimit' | 'retryDelaySeconds'>> & EnqueueOptions;
  notBefore: number;
  running: boolean;
}

/**
 * Jobs in this process's memory, for tests of the App's own logic (the App
 * itself runs on the store's durable queue). NOT durable — a restart loses what was queued. Singleton keys,
 * retries with exponential backoff and per-queue concurrency behave as the
 * store's queue does, so the App's code is the same over either.
 */
export class InProcessJobs implements Jobs {
  readonly #queues = new Map<string, QueuedJob[]>();
  readonly #workers = new Map<string, { handler: (job: Job) => Promise<void>; concurrency: number; running: number }>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #running = new Set<Promise<void>>();
  #nextId = 1;
  #stopped = false;
  /** Multiplies retry and start delays (tests use a small factor). */
  readonly #secondMs: number;

  constructor(options: { readonly secondMs?: number } = {}) {
    this.#secondMs = options.secondMs ?? 1000;
  }

  enqueue(queue: string, payload: unknown, options: EnqueueOptions = {}): Promise<string | undefined> {
    const jobs = this.#queues.get(queue) ?? [];
    this.#queues.set(queue, jobs);
    if (options.singletonKey !== undefined && jobs.some((q) => q.options.singletonKey === options.singletonKey)) return Promise.resolve(undefined);
    const id = String(this.#nextId++);
    jobs.push({
      job: { id, queue, payload, attempt: 1 },
      options: { retryLimit: 3, retryDelaySeconds: 5, ...options },
      notBefore: Date.now() + (options.startAfterSeconds ?? 0) * this.#secondMs,
      running: false,
    });
    this.#schedule(queue, options.startAfterSeconds ?? 0);
    return Promise.resolve(id);
  }

  work(queue: string, handler: (job: Job) => Promise<void>, options: { readonly concurrency?: number } = {}): Promise<void> {
    this.#workers.set(queue, { handler, concurrency: options.concurrency ?? 1, running: 0 });
    this.#schedule(queue, 0);
    return Promise.resolve();
  }

  pending(queue: string): Promise<number> {
    return Promise.resolve(this.#queues.get(queue)?.length ?? 0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await Promise.allSettled([...this.#running]);
  }

  #schedule(queue: string, delaySeconds: number): void {
    this.#scheduleMs(queue, delaySeconds * this.#secondMs);
  }

  #scheduleMs(queue: string, delayMs: number): void {
    if (this.#stopped) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#drain(queue);
    }, delayMs);
    this.#timers.add(timer);
  }

  #drain(queue: string): void {
    const worker = this.#workers.get(queue);
    const jobs = this.#queues.get(queue);
    if (!worker || !jobs || this.#stopped) return;
    const now = Date.now();
    let earliest = Number.POSITIVE_INFINITY;
    for (const queued of jobs) {
      if (worker.running >= worker.concurrency) return;
      if (queued.running) continue;
      if (queued.notBefore > now) {
        earliest = Math.min(earliest, queued.notBefore);
        continue;
      }
      queued.running = true;
      worker.running++;
      const run = this.#run(queue, worker, queued).finally(() => {
        this.#running.delete(run);
        worker.running--;
        this.#drain(queue);
      });
      this.#running.add(run);
    }
    // A timer may fire a little before Date.now() reaches a job's time: look again when it is due.
    if (earliest !== Number.POSITIVE_INFINITY) this.#scheduleMs(queue, earliest - now);
  }

  async #run(queue: string, worker: { handler: (job: Job) => Promise<void> }, queued: QueuedJob): Promise<void> {
    const jobs = this.#queues.get(queue)!;
    try {
      await worker.handler(queued.job);
      jobs.splice(jobs.indexOf(queued), 1);
    } catch {
      const index = jobs.indexOf(queued);
      const attempt = queued.job.attempt;
      if (attempt > queued.options.retryLimit) {
        jobs.splice(index, 1);
        return;
      }
      const delay = queued.options.retryDelaySeconds * 2 ** (attempt - 1);
      jobs[index] = { ...queued, job: { ...queued.job, attempt: attempt + 1 }, notBefore: Date.now() + delay * this.#secondMs, running: false };
      this.#schedule(queue, delay);
    }
  }
}

/** Retries of a delivery's job after a failure (the store's Deliveries uses the same). */
export const DELIVERY_RETRY_LIMIT = 3;

/**
 * Deliveries in this process's memory, over {@link InProcessJobs}. NOT
 * durable: for tests. The most recent
 * `capacity` deliveries are remembered (GitHub redelivers within days, a
 * store keeps them all).
 */
export class InProcessDeliveries implements Deliveries {
  readonly #deliveries = new Map<string, { delivery: Delivery; outcome?: { ok: boolean; error?: string } }>();

  constructor(
    private readonly jobs: Jobs,
    private readonly capacity = 10_000,
  ) {}

  async accept(delivery: Delivery): Promise<boolean> {
    if (this.#deliveries.has(delivery.id)) return false;
    this.#deliveries.set(delivery.id, { delivery });
    if (this.#deliveries.size > this.capacity) this.#deliveries.delete(this.#deliveries.keys().next().value!);
    await this.jobs.enqueue(DELIVERY_QUEUE, { deliveryId: delivery.id }, { singletonKey: delivery.id, retryLimit: DELIVERY_RETRY_LIMIT, retryDelaySeconds: 1 });
    return true;
  }

  get(id: string): Promise<Delivery | undefined> {
    return Promise.resolve(this.#deliveries.get(id)?.delivery);
  }

  finish(id: string, outcome: { readonly ok: boolean; readonly error?: string }): Promise<void> {
    const entry = this.#deliveries.get(id);
    if (entry) entry.outcome = outcome;
    return Promise.resolve();
  }

  /** How each delivery ended, for tests and /health. */
  outcome(id: string): { ok: boolean; error?: string } | undefined {
    return this.#deliveries.get(id)?.outcome;
  }
}

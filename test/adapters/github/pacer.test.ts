import { describe, expect, it } from 'vitest';
import { type Clock, Pacer, rateLimitRetryAfter } from '../../../src/adapters/github/pacer.js';

/** A simulated clock: sleeping advances it at once. */
function fakeClock(): Clock & { t: number } {
  const clock = { t: 0, now: () => clock.t, sleep: async (ms: number) => void (clock.t += ms) };
  return clock;
}

/** The most starts in any window of `span` ms. */
function busiest(sent: readonly number[], span: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < sent.length; i++) {
    while (sent[i]! - sent[j]! >= span) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('Pacer', () => {
  it('never sends more than 80 in a minute or 500 in an hour, and uses the budget it has', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ clock });
    await Promise.all(Array.from({ length: 1200 }, (_, i) => pacer.run(1, async () => i)));
    const { sent } = pacer.stats;
    expect(sent).toHaveLength(1200);
    expect(busiest(sent, 60_000)).toBe(80);
    expect(busiest(sent, 3_600_000)).toBe(500);
    // 1,200 requests need two full hours of budget and then some, no more.
    expect(sent.at(-1)!).toBeGreaterThanOrEqual(2 * 3_600_000);
    expect(sent.at(-1)!).toBeLessThan(2 * 3_600_000 + 5 * 60_000);
  });

  it('sends tier 1 before tier 3 among those waiting, first come first served within a tier', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ clock, perMinute: 1 });
    const order: string[] = [];
    const runs = [
      pacer.run(3, async () => order.push('t3-a')),
      pacer.run(3, async () => order.push('t3-b')),
      pacer.run(1, async () => order.push('t1-a')),
      pacer.run(2, async () => order.push('t2-a')),
      pacer.run(1, async () => order.push('t1-b')),
    ];
    await Promise.all(runs);
    // The first was already on its way when the others arrived.
    expect(order).toEqual(['t3-a', 't1-a', 't1-b', 't2-a', 't3-b']);
  });

  it("waits out GitHub's retry-after and sends the refused request again, holding the others back", async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ clock });
    let refused = false;
    const at: Record<string, number> = {};
    await Promise.all([
      pacer.run(1, async () => {
        if (!refused) {
          refused = true;
          throw Object.assign(new Error('You have exceeded a secondary rate limit'), { status: 403, response: { headers: { 'retry-after': '30' } } });
        }
        at.first = clock.now();
      }),
      pacer.run(1, async () => void (at.second = clock.now())),
    ]);
    expect(at.first).toBe(30_000);
    expect(at.second).toBeGreaterThanOrEqual(30_000);
    expect(pacer.stats.refusals).toBe(1);
  });

  it('hands any other failure back to the caller without sending it again', async () => {
    const pacer = new Pacer({ clock: fakeClock() });
    let calls = 0;
    const failing = pacer.run(1, async () => {
      calls++;
      throw Object.assign(new Error('Server Error'), { status: 502 });
    });
    await expect(failing).rejects.toThrow('Server Error');
    expect(calls).toBe(1);
  });

  it('gives a request up after it was refused too often', async () => {
    const pacer = new Pacer({ clock: fakeClock(), maxRefusals: 2 });
    let calls = 0;
    const limited = pacer.run(1, async () => {
      calls++;
      throw Object.assign(new Error('rate limited'), { status: 429, response: { headers: {} } });
    });
    await expect(limited).rejects.toThrow('rate limited');
    expect(calls).toBe(3);
  });
});

describe('rateLimitRetryAfter', () => {
  it('reads retry-after, the primary limit reset, and a secondary limit without either', () => {
    expect(rateLimitRetryAfter({ status: 429, response: { headers: { 'retry-after': '12' } } }, 0)).toBe(12);
    expect(rateLimitRetryAfter({ status: 403, response: { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '100' } } }, 90_000)).toBe(11);
    expect(rateLimitRetryAfter({ status: 403, message: 'You have exceeded a secondary rate limit', response: { headers: {} } }, 0)).toBe(60);
    expect(rateLimitRetryAfter({ status: 403, message: 'Resource not accessible by integration', response: { headers: {} } }, 0)).toBeUndefined();
    expect(rateLimitRetryAfter({ status: 500 }, 0)).toBeUndefined();
  });
});

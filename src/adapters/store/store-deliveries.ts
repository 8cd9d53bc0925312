import { DELIVERY_QUEUE, type Deliveries, type Delivery } from '../../core/ports.js';
import type { StoreJobs } from './pg-boss-jobs.js';
import type { SqlDatabase } from './sql.js';

interface DeliveryRow {
  id: string;
  event: string;
  payload: unknown;
  received_at: Date | string;
}

/**
 * Webhook deliveries in the store. `accept` records the delivery and enqueues
 * `{ deliveryId }` on {@link DELIVERY_QUEUE} in one transaction, so an
 * acknowledged delivery always has its job, and a redelivery (same GUID)
 * does nothing.
 */
export function storeDeliveries(db: SqlDatabase, jobs: StoreJobs): Deliveries {
  return {
    async accept(delivery) {
      await jobs.prepare(DELIVERY_QUEUE);
      return db.transaction(async (tx) => {
        const inserted = await tx.query(
          `insert into deliveries (id, event, payload, received_at) values ($1, $2, $3, $4)
           on conflict (id) do nothing returning id`,
          [delivery.id, delivery.event, JSON.stringify(delivery.payload), delivery.receivedAt.toISOString()],
        );
        if (inserted.length === 0) return false;
        await jobs.enqueueIn(tx, DELIVERY_QUEUE, { deliveryId: delivery.id }, { singletonKey: delivery.id });
        return true;
      });
    },
    async get(id) {
      const [row] = await db.query<DeliveryRow>('select id, event, payload, received_at from deliveries where id = $1', [id]);
      if (!row) return undefined;
      const delivery: Delivery = { id: row.id, event: row.event, payload: row.payload, receivedAt: new Date(row.received_at) };
      return delivery;
    },
    async finish(id, outcome) {
      await db.query('update deliveries set finished_at = now(), ok = $2, error = $3 where id = $1', [id, outcome.ok, outcome.error ?? null]);
    },
  };
}

import type { Database } from '../db/neo4j.js';
import { int } from '../db/neo4j.js';

export interface SavedSearchRow {
  id: string;
  name: string;
  /** The StatementFilter, as JSON. */
  filter: string;
  url: string;
  /** The HMAC key: held in clear, as signing needs it; never sent back after creation. */
  secret: string;
  createdAt: string;
  createdBy: string;
}

export type DeliveryStatus = 'DELIVERED' | 'RETRYING' | 'FAILED';

export interface DeliveryRow {
  id: string;
  searchId: string;
  /** One id per statement event and search: every attempt at it shares it. */
  deliveryId: string;
  statementId: string;
  change: string;
  attempt: number;
  status: DeliveryStatus;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
  at: string;
}

// saveSearch
const SAVE = `
CREATE (s:SavedSearch { id: $id, name: $name, filter: $filter, url: $url, secret: $secret,
                        createdAt: datetime(), createdBy: $by })
RETURN s { .id, .name, .filter, .url, .secret, .createdAt, .createdBy } AS s`;

// listSavedSearches
const LIST = `
MATCH (s:SavedSearch)
RETURN s { .id, .name, .filter, .url, .secret, .createdAt, .createdBy } AS s ORDER BY s.createdAt, s.id`;

// deleteSavedSearch: the search and its delivery log.
const DELETE = `
MATCH (s:SavedSearch { id: $id })
OPTIONAL MATCH (d:WebhookDelivery { searchId: $id })
DETACH DELETE d, s
RETURN count(DISTINCT s) AS deleted`;

// logDelivery
const LOG = `
CREATE (d:WebhookDelivery { id: $id, searchId: $searchId, deliveryId: $deliveryId,
        statementId: $statementId, change: $change, attempt: $attempt, status: $status,
        httpStatus: $httpStatus, error: $error, durationMs: $durationMs, at: datetime() })`;

// listDeliveries: newest first.
const DELIVERIES = `
MATCH (d:WebhookDelivery) WHERE d.searchId = $searchId
RETURN d { .id, .searchId, .deliveryId, .statementId, .change, .attempt, .status, .httpStatus,
           .error, .durationMs, .at } AS d
ORDER BY d.at DESC, d.attempt DESC LIMIT $limit`;

export function createWebhooksRepository(db: Database) {
  return {
    async save(search: Omit<SavedSearchRow, 'createdAt' | 'createdBy'>, by: string) {
      const [row] = await db.write(SAVE, { ...search, by });
      return row!.s as SavedSearchRow;
    },
    async list(): Promise<SavedSearchRow[]> {
      return (await db.read(LIST)).map((row) => row.s as SavedSearchRow);
    },
    async delete(id: string): Promise<boolean> {
      const [row] = await db.write(DELETE, { id });
      return (row?.deleted as number) > 0;
    },
    async log(delivery: Omit<DeliveryRow, 'at'>): Promise<void> {
      await db.write(LOG, {
        ...delivery,
        attempt: int(delivery.attempt),
        durationMs: int(Math.round(delivery.durationMs)),
        httpStatus: delivery.httpStatus === null ? null : int(delivery.httpStatus),
      });
    },
    async deliveries(searchId: string, limit: number): Promise<DeliveryRow[]> {
      const rows = await db.read(DELIVERIES, { searchId, limit: int(limit) });
      return rows.map((row) => row.d as DeliveryRow);
    },
  };
}

export type WebhooksRepository = ReturnType<typeof createWebhooksRepository>;

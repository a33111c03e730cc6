import type { StatementRecord } from '../records/dataset.js';

/** A statement written and committed: recorded, replaced, or rewritten by a merge. */
export interface StatementEvent {
  id: string;
  outcome: 'CREATED' | 'UPDATED';
  /** The record as written. */
  record: StatementRecord;
  /** Who wrote it: the editor token's name. */
  by: string;
  /** When the write committed, ISO 8601. */
  at: string;
}

/** The last item a subscriber gets when it fell behind by more than the buffer: its stream then ends. */
export const OVERFLOW = Symbol('overflow');
export type Delivery = StatementEvent | typeof OVERFLOW;

export interface EventsOptions {
  /** Events held for one subscriber that has not read them yet; one more ends its stream. */
  bufferSize: number;
  /** Subscribers at once; one more is refused. */
  maxSubscribers: number;
}

export class TooManySubscribers extends Error {}

interface Subscriber {
  accepts(event: StatementEvent): boolean;
  queue: StatementEvent[];
  overflowed: boolean;
  wake: (() => void) | null;
}

/**
 * The process's statement events. The write path calls `publish` after its
 * transaction commits; `publish` is synchronous and does no I/O: it runs each
 * subscriber's in-memory test and appends to that subscriber's bounded queue, so a
 * write costs O(subscribers) array pushes whether they read or not. A subscriber
 * that lets `bufferSize` events pile up is dropped: its queue is discarded, it
 * receives OVERFLOW and its stream ends (the client resubscribes and catches up with
 * `statements(orderBy: {field: CREATED_AT})`). Listeners (webhooks) are called in the
 * same synchronous pass and must only enqueue.
 */
export function createStatementEvents(options: EventsOptions) {
  const subscribers = new Set<Subscriber>();
  const listeners = new Set<(event: StatementEvent) => void>();
  let overflows = 0;

  function publish(events: readonly StatementEvent[]): void {
    for (const event of events) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // A listener's failure is its own; the write has committed and goes on.
        }
      }
      for (const s of subscribers) {
        if (s.overflowed) continue;
        let accepted = false;
        try {
          accepted = s.accepts(event);
        } catch {
          accepted = false;
        }
        if (!accepted) continue;
        if (s.queue.length >= options.bufferSize) {
          s.overflowed = true;
          s.queue = [];
          overflows += 1;
        } else s.queue.push(event);
        s.wake?.();
      }
    }
  }

  /**
   * A stream of the events `accepts` lets through, from now on, ending with OVERFLOW
   * if the reader falls behind. Ending the iteration (a client disconnecting: yoga
   * calls `return`) unsubscribes.
   */
  function subscribe(accepts: (event: StatementEvent) => boolean): AsyncIterableIterator<Delivery> {
    if (subscribers.size >= options.maxSubscribers) throw new TooManySubscribers();
    const s: Subscriber = { accepts, queue: [], overflowed: false, wake: null };
    subscribers.add(s);
    let done = false;
    const finish = () => {
      done = true;
      subscribers.delete(s);
      s.queue = [];
      s.wake?.();
    };
    const ended = (): IteratorResult<Delivery> => ({ done: true, value: undefined });
    const iterator: AsyncIterableIterator<Delivery> = {
      next(): Promise<IteratorResult<Delivery>> {
        if (done) return Promise.resolve(ended());
        if (s.overflowed) {
          finish();
          return Promise.resolve({ done: false, value: OVERFLOW });
        }
        const event = s.queue.shift();
        if (event) return Promise.resolve({ done: false, value: event });
        return new Promise((resolve) => {
          s.wake = () => {
            s.wake = null;
            resolve(iterator.next());
          };
        });
      },
      // A client gone (yoga cancels the response stream): unsubscribe, end a pending read.
      return(): Promise<IteratorResult<Delivery>> {
        finish();
        return Promise.resolve(ended());
      },
      throw(error: unknown): Promise<IteratorResult<Delivery>> {
        finish();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  return {
    publish,
    subscribe,
    /** Calls `listener` for every event, synchronously inside `publish`; returns the unsubscribe. */
    listen(listener: (event: StatementEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Subscribers now, and streams ended by overflow so far (for /metrics and tests). */
    stats: () => ({ subscribers: subscribers.size, overflows }),
  };
}

export type StatementEvents = ReturnType<typeof createStatementEvents>;

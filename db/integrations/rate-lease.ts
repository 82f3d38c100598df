/**
 * A per-instance lease on the shared cost buckets (rate_buckets, ./rate-limit.ts), so the rate limit costs no
 * round trip on the hot path. An instance that needs points takes a SLICE of the shared bucket in one atomic
 * statement — min(what the bucket holds, max(this request's cost, `fraction` × the bucket's maximum)) — and admits
 * the following requests from it in memory while the slice lasts and is younger than `leaseMs`. When it is spent or
 * expired, the next request syncs: the same one statement gives the unused rest and the refunds owed back and takes
 * a new slice. Concurrent requests of one bucket on one instance wait for one sync in flight (no thundering herd).
 *
 * The bound (README, "Rate limits"): the shared bucket never goes below zero and every point admitted anywhere came
 * out of it, so no instance admits what the bucket did not give. What differs from one bucket consulted by every
 * request is that points sitting in slices are not counted against the bucket's maximum while it refills. So over
 * any interval all instances together admit at most what one shared bucket would, plus the slices they held at its
 * start: at most one slice per instance and bucket, each ≤ max(cost, fraction × maximum) (refunds beyond the slice
 * are not used locally; they go back with the next sync). The error the other way — an instance refused while
 * others hold slices, or an instance that dies or is recycled with its slice — is in the caller's disfavour and
 * bounded the same way; a slice not given back is in the bucket again by the restore rate.
 *
 * Plain TypeScript on an injected clock; the statements are the caller's (it alone knows which row it reads too).
 */
import { charge, type BucketLimits } from './leaky-bucket';
import type { ChargeOutcome, Grant, SyncTerms } from './rate-limit';

export interface LeaseSettings {
  /** Part of the bucket's maximum one sync takes for the instance (a request costing more takes its cost). */
  fraction: number;
  /** A slice older than this is not used: the next request syncs (0: every request syncs, no lease). */
  leaseMs: number;
}

export const DEFAULT_LEASE: LeaseSettings = { fraction: 0.1, leaseMs: 1000 };
const MAX_LEASES = 10_000;
/** Waits for another request's sync before a request runs its own anyway (the loop below is bounded by design). */
const MAX_WAITS = 8;

/** The instance's slice of one bucket. */
interface Lease {
  limits: BucketLimits | null;
  /** The shared bucket's points as of the last sync (after it took the slice). */
  shared: number;
  /** Usable here: what is left of the slice, plus refunds up to the slice's size. */
  remaining: number;
  /** Refunds beyond the slice's size: not used here, given back with the next sync (keeps the bound one slice). */
  owed: number;
  /** The size of the last slice taken: refunds fill `remaining` up to it. */
  size: number;
  renewedAt: number;
  /** Counts the syncs that answered: a waiter trusts `shared` only when one answered while it waited. */
  answers: number;
}

interface Flight {
  /** The statement reads the credential's row too, so a request whose row is stale may wait for it. */
  readsCredential: boolean;
  done: Promise<void>;
}

/** How a request reaches its bucket when the slice cannot admit it: its statement, and whether its row is fresh. */
export interface Admission {
  /** The instance holds a fresh copy of the credential's row (anonymous callers: always). */
  fresh: () => boolean;
  /**
   * ONE statement: the sync, and the credential's row when `readsCredential` (it was not fresh). Null when the
   * credential was refused and nothing was charged.
   */
  statement: (terms: SyncTerms, readsCredential: boolean) => Promise<Grant | null>;
  /** Requests with a stale row may wait for another's read of it (false when rows are not cached at all). */
  shareReads: boolean;
}

export class LeaseBook {
  private leases = new Map<string, Lease>();
  private flights = new Map<string, Flight>();
  /** Statements this book has run, for tests and the benchmark: the round trips the limiter cost. */
  syncs = 0;

  constructor(
    readonly settings: LeaseSettings = DEFAULT_LEASE,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Admits `cost` to the bucket `key` (as the instance knows it before the statement: an API key's hash, an
   * account, an address): from the slice when it can, else by one statement. Null: the credential was refused.
   */
  async admit(key: string, cost: number, how: Admission): Promise<ChargeOutcome | null> {
    for (let waits = 0; ; waits++) {
      const flight = this.flights.get(key);
      const fresh = how.fresh();
      if (flight && waits < MAX_WAITS && (fresh || (flight.readsCredential && how.shareReads))) {
        const answersBefore = this.leases.get(key)?.answers ?? 0;
        await flight.done;
        if (!how.fresh()) continue;
        const local = this.takeLocal(key, cost);
        if (local) return local;
        // The sync that just answered says the bucket cannot hold this request: refused without another statement.
        const lease = this.leases.get(key);
        if (lease?.limits && lease.answers > answersBefore && lease.shared + lease.remaining < cost) return this.refusal(lease, cost);
        continue;
      }
      if (fresh) {
        const local = this.takeLocal(key, cost);
        if (local) return local;
      }
      return this.sync(key, cost, !fresh, how.statement);
    }
  }

  /** Points a request did not use (requested − actual), back to its bucket's slice. */
  refund(key: string, points: number): void {
    const lease = this.leases.get(key);
    if (!lease || points <= 0) return;
    const room = Math.max(0, lease.size - lease.remaining);
    lease.remaining += Math.min(room, points);
    lease.owed += Math.max(0, points - room);
  }

  /** The bucket as this instance sees it: the shared figure as of its last sync plus what it holds. */
  currentlyAvailable(key: string): number | null {
    const lease = this.leases.get(key);
    if (!lease?.limits) return null;
    return Math.min(lease.limits.maximum, lease.shared + lease.remaining + lease.owed);
  }

  private takeLocal(key: string, cost: number): ChargeOutcome | null {
    const lease = this.leases.get(key);
    if (!lease?.limits || lease.remaining < cost) return null;
    // a clock set back (tests, operator replays) does not make an old slice young
    const age = this.now().getTime() - lease.renewedAt;
    if (!(age >= 0 && age < this.settings.leaseMs)) return null;
    lease.remaining -= cost;
    return { allowed: true, available: this.currentlyAvailable(key)!, limits: lease.limits, retryAfterSeconds: null };
  }

  private refusal(lease: Lease, cost: number): ChargeOutcome {
    const available = lease.shared + lease.remaining;
    const refused = charge(lease.limits!, available, cost);
    return { allowed: false, available, limits: lease.limits!, retryAfterSeconds: refused.allowed ? 1 : refused.retryAfterSeconds };
  }

  private async sync(key: string, cost: number, readsCredential: boolean, statement: Admission['statement']): Promise<ChargeOutcome | null> {
    const lease = this.leaseOf(key);
    // Taken out of the lease before the statement, so two syncs in parallel (rows not cached) never give it back twice.
    const giveBack = lease.remaining + lease.owed;
    lease.remaining = 0;
    lease.owed = 0;
    let land!: () => void;
    const flight: Flight = { readsCredential, done: new Promise((resolve) => (land = resolve)) };
    const ours = !this.flights.has(key);
    if (ours) this.flights.set(key, flight);
    this.syncs += 1;
    let grant: Grant | null;
    try {
      // A failed statement may or may not have committed: the given-back points stay given (the caller's disfavour).
      // A sync beside one in flight (each request reads its own row: rows not cached) takes only its cost, so
      // concurrent requests never hold more than one slice between them.
      const fraction = ours ? this.settings.fraction : 0;
      grant = await statement({ need: cost, giveBack, fraction, now: this.now() }, readsCredential);
    } finally {
      if (ours) this.flights.delete(key);
      land();
    }
    if (!grant) {
      // Nothing was charged (the credential refused): the points are still the instance's.
      lease.remaining += giveBack;
      return null;
    }
    lease.limits = grant.limits;
    lease.shared = grant.available;
    lease.answers += 1;
    if (!grant.allowed) return { allowed: false, available: lease.shared + lease.remaining, limits: grant.limits, retryAfterSeconds: grant.retryAfterSeconds };
    // Syncs in parallel each add their slice; the rest of this one is for the requests after it.
    lease.size = Math.max(grant.taken, grant.limits.maximum * this.settings.fraction);
    const held = lease.remaining + grant.taken - cost;
    lease.remaining = Math.min(held, lease.size);
    lease.owed += held - lease.remaining;
    lease.renewedAt = this.now().getTime();
    return { allowed: true, available: this.currentlyAvailable(key)!, limits: grant.limits, retryAfterSeconds: null };
  }

  private leaseOf(key: string): Lease {
    let lease = this.leases.get(key);
    if (lease) return lease;
    if (this.leases.size >= MAX_LEASES) this.evict();
    lease = { limits: null, shared: 0, remaining: 0, owed: 0, size: 0, renewedAt: -Infinity, answers: 0 };
    this.leases.set(key, lease);
    return lease;
  }

  /** Expired leases first; a slice dropped here is lost to its bucket until it refills (bounded, as above). */
  private evict(): void {
    const now = this.now().getTime();
    for (const [key, lease] of this.leases) if (!this.flights.has(key) && !(now - lease.renewedAt < this.settings.leaseMs)) this.leases.delete(key);
    if (this.leases.size >= MAX_LEASES) for (const key of this.leases.keys()) if (!this.flights.has(key)) this.leases.delete(key);
  }
}

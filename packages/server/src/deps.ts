// What the modules' services need from the outside world, passed in rather than imported, so
// tests can fix the clock and use a throwaway database.
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { DataCipher } from './security/data-key.ts';

export interface Deps {
  config: Config;
  database: Database;
  cipher: DataCipher;
  /** The wall clock (sessions, lockouts, audit times). The lender's business date is separate data. */
  now: () => Date;
}

/** Who is acting, for audit rows and for permission checks in services. */
export interface ActorContext {
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  requestId: string | null;
  ip: string | null;
}

export const SYSTEM_ACTOR: ActorContext = {
  actorId: null,
  actorName: 'system',
  actorRole: null,
  requestId: null,
  ip: null,
};

// Column shapes every module's tables share, so a timestamp, a business date or an amount
// means the same thing in every table.
import { bigint, date, timestamp } from 'drizzle-orm/pg-core';

/** An instant: timestamptz, read as a JS Date. */
export const ts = (name: string) => timestamp(name, { withTimezone: true });
/** A business date: `YYYY-MM-DD` text at the edges, never a Date (no time-zone drift). */
export const day = (name: string) => date(name, { mode: 'string' });
/** Money: integer minor units of the row's currency. */
export const money = (name: string) => bigint(name, { mode: 'number' });

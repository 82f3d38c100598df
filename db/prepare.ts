import type { DatabaseHandle } from './client';
import { seedOfficialCalendar } from './calendar/service';

/** Migrations plus the reference data every deployment needs (the official holiday schedules). */
export async function prepareDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.migrate();
  await seedOfficialCalendar(handle.db);
}

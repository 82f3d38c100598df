import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/client';
import { prepareDatabase } from '../db/prepare';
import { seedDemoData } from '../db/seed';
import { caseStatuses } from '../schema/cases/lifecycle';

describe('the demo data', () => {
  it('shows every status, an overdue case, a paused clock and an escalated supervision, and seeds only once', async () => {
    // its own embedded database: the demo tree uses fixed division codes
    const handle = await openDatabase({ dataDir: 'memory://' });
    try {
      await prepareDatabase(handle);
      // just after 国庆, so holiday shifts are exercised
      const now = new Date('2026-10-12T04:00:00Z');
      expect(await seedDemoData(handle.db, now)).toEqual({ seeded: true });
      expect(await seedDemoData(handle.db, now)).toEqual({ seeded: false });
      const { rows } = (await handle.db.execute(sql`
        select status, count(*)::int as n, count(*) filter (where overdue)::int as overdue,
               count(*) filter (where hearing_pause_started_on is not null)::int as paused
        from cases group by status`)) as unknown as { rows: { status: string; n: number; overdue: number; paused: number }[] };
      expect(rows.map((row) => row.status).sort()).toEqual([...caseStatuses].sort());
      expect(rows.reduce((sum, row) => sum + row.n, 0)).toBe(50);
      expect(rows.some((row) => row.overdue > 0)).toBe(true);
      expect(rows.some((row) => row.paused > 0)).toBe(true);
      const escalated = (await handle.db.execute(sql`select count(*)::int as n from supervisions where status = 'ESCALATED'`)) as unknown as { rows: { n: number }[] };
      expect(escalated.rows[0].n).toBeGreaterThan(0);
    } finally {
      await handle.close();
    }
  });
});

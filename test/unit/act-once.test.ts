import { describe, expect, it } from 'vitest';
import { actOnce } from '../../db/streams/once';
import { VersionConflictError } from '../../db/streams/errors';

// db/streams/once.ts: what referToCase and convertCaseToSuggestion share (their API tests cover the real races).
describe('actOnce', () => {
  const conflict = () => new VersionConflictError('case', '信访事项', 3);

  it('answers with what was made already and does not act again', async () => {
    let acted = 0;
    expect(await actOnce(async () => 'made before', async () => `made ${++acted}`)).toBe('made before');
    expect(acted).toBe(0);
  });

  it('acts when nothing was made', async () => {
    expect(await actOnce(async () => null, async () => 'made now')).toBe('made now');
  });

  it('answers a lost race with what the winner made', async () => {
    let looks = 0;
    const earlier = async () => (++looks === 1 ? null : 'made by the winner');
    expect(await actOnce(earlier, async () => { throw conflict(); })).toBe('made by the winner');
    expect(looks).toBe(2);
  });

  it('keeps a conflict with any other change a conflict, and any other error that error', async () => {
    await expect(actOnce(async () => null, async () => { throw conflict(); })).rejects.toBeInstanceOf(VersionConflictError);
    let looks = 0;
    await expect(actOnce(async () => (++looks > 1 ? 'never asked' : null), async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(looks).toBe(1);
  });
});

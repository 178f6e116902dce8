import { PASSWORD_HASH_COST, PasswordHasher } from '../../../src/auth/passwords';
import { TEST_PASSWORD_HASH_COST } from '../../helpers/test-runtime-options';

describe('PasswordHasher', () => {
  it("hashes with argon2id at argon2's recommended cost unless told otherwise", async () => {
    const hash = await new PasswordHasher().hash('correct horse');
    expect(PASSWORD_HASH_COST).toEqual({ memoryCost: 65_536, timeCost: 3, parallelism: 4 });
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
  });

  it('verifies a hash of any cost by the cost the hash names, and refuses a wrong password', async () => {
    const cheap = new PasswordHasher(TEST_PASSWORD_HASH_COST);
    const hash = await cheap.hash('correct horse');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    const standard = new PasswordHasher();
    expect(await standard.verify(hash, 'correct horse')).toBe(true);
    expect(await standard.verify(hash, 'correct horses')).toBe(false);
  });

  it('never matches without a hash (an unknown user), yet verifies a dummy of its own cost', async () => {
    const hasher = new PasswordHasher(TEST_PASSWORD_HASH_COST);
    expect(await hasher.dummyHash()).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    expect(await hasher.verify(null, 'anything')).toBe(false);
  });
});

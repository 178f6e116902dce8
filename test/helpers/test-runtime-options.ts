import type { PasswordHashCost } from '../../src/auth/passwords';
import { DEFAULT_STEP_LIMITS, type StepLimits } from '../../src/engine/process/step-budget';

/**
 * The step budget of the runtimes tests start: production's activity count (what stops a
 * runaway step first, and what the hostile-diagram tests meet) with the widest time limit the
 * configuration allows. The time limit is wall-clock: on two cores shared by the two CI passes,
 * a cold process's first step (parse, compile) has passed production's 5 s. The time limit
 * itself is proven by test/unit/process/step-budget.test.ts with its own limits.
 */
export const TEST_STEP_LIMITS: Readonly<StepLimits> = { maxActivities: DEFAULT_STEP_LIMITS.maxActivities, maxMs: 60_000 };

/** The same, as the environment of a minhu process a test starts (src/main.ts reads it). */
export const TEST_STEP_ENV = { MINHU_STEP_MAX_MS: String(TEST_STEP_LIMITS.maxMs) };

/**
 * argon2id at its lowest cost for the users tests create: production's (64 MiB, 3 passes) takes
 * ~0.3–1 s a login on two cores, and the tests log in some thousand times. What a hash of
 * production's cost looks like is proven by test/unit/auth/password-hasher.test.ts.
 */
export const TEST_PASSWORD_HASH_COST: Readonly<PasswordHashCost> = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

/** Both, as options of createRuntime. */
export const TEST_RUNTIME_OPTIONS = { stepLimits: TEST_STEP_LIMITS, passwordHashCost: TEST_PASSWORD_HASH_COST };

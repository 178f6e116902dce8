/**
 * Test tiers (jest projects):
 * - unit: pure code, no database (test/unit)
 * - integration: real database: PGlite by default, PostgreSQL when DATABASE_URL is set (test/integration)
 * - scenarios: every city's scenario files on a virtual clock (test/scenarios/scenarios.test.ts)
 * - api: the HTTP API with supertest on createApp (test/api)
 * - browser: pages in Debian's headless Chromium with playwright-core (test/browser)
 */
const tsJest = ['ts-jest', { diagnostics: false }];
const common = {
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...common, displayName: 'scenarios', testMatch: ['<rootDir>/test/scenarios/**/*.test.ts'] },
    { ...common, displayName: 'api', testMatch: ['<rootDir>/test/api/**/*.test.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }] },
  // Bundle and browser tests build dist/ once; see test/globalSetup.ts.
  globalSetup: '<rootDir>/test/globalSetup.ts',
  testTimeout: 30000,
};

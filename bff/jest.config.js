module.exports = {
  displayName: 'bff',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: require('../jest.swc.js'),
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  // Concurrency tests serialize 20 requests through a lock; the shared 2-core machine can be slow.
  testTimeout: 30000,
};

// Unit and integration suites of every workspace. The browser e2e suite runs separately
// (scripts/e2e/jest.config.js) after the H5 build; `npm test` runs both.
module.exports = {
  projects: ['<rootDir>/shared', '<rootDir>/bff', '<rootDir>/miniapp'],
  // Integration tests talk to a real database and local HTTP servers on a shared 2-core machine.
  testTimeout: 30000,
};

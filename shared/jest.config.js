module.exports = { displayName: 'shared', testEnvironment: 'node', roots: ['<rootDir>/test'], transform: require('../jest.swc.js') };

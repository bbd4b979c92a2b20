/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	// The real-n8n run is not a jest suite: `npm run test:e2e` (scripts/demo.ts --ci), started by scripts/test.mjs after jest.
	testPathIgnorePatterns: ['/node_modules/'],
	testTimeout: 30000,
};

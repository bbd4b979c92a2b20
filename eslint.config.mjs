// Lint as n8n's community package scanner does: package.json, nodes/, credentials/ (and lib/, which nodes
// import) get the scanner's own config from @n8n/scan-community-package (n8n's community-nodes rules, the
// nodes-base rule sets and the scanner's exceptions to them), so `npm run lint` and the scanner cannot drift
// apart. test/scanner runs the scanner itself, which ignores inline eslint-disable comments; none are used in
// nodes/ or credentials/. Everything else gets typescript-eslint's recommended rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { buildScanConfig } from '@n8n/scan-community-package/scanner/scanner.mjs';
import communityNodes from '@n8n/eslint-plugin-community-nodes';

const SCANNED = ['package.json', 'nodes/**/*.ts', 'credentials/**/*.ts', 'lib/**/*.ts'];

/** The scanner's config blocks, limited to the files it scans (its own blocks without `files` apply everywhere). */
const scannerConfig = (await buildScanConfig()).map((block) => {
	if (!block.files) return { ...block, files: SCANNED };
	if (block.files.some((pattern) => pattern.endsWith('.json'))) return { ...block, files: ['package.json'] };
	// Its `**/nodes/**` and `**/credentials/**` would also match test/nodes/**, where its plugin is not registered.
	return { ...block, files: block.files.map((pattern) => pattern.replace(/^\*\*\/(nodes|credentials)\//, '$1/')) };
});

/**
 * The scanner bundles an older @n8n/eslint-plugin-community-nodes; the newer one (a dev dependency) adds rules
 * such as no-unsafe-connection-type-cast. Both run, the newer under its own prefix, so neither can be missed.
 */
const newerCommunityRules = communityNodes.configs.recommendedWithoutN8nCloudSupport;
const newerCommunityConfig = {
	files: SCANNED,
	plugins: { 'community-nodes-latest': communityNodes },
	rules: Object.fromEntries(
		Object.entries(newerCommunityRules.rules).map(([rule, level]) => [rule.replace('@n8n/community-nodes/', 'community-nodes-latest/'), level]),
	),
};

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'docs/**', '.tmp*/**', '**/*.js', '**/*.mjs'] },
	{ files: ['**/*.ts'], ...js.configs.recommended },
	...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
	{
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
		},
	},
	...scannerConfig,
	newerCommunityConfig,
);

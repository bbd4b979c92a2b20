/**
 * The posting benchmark's ERPs: for each, the vendor limits the sandbox enforces, the approved time entries in
 * the ERP's shape (a Code node generates them: a source that costs nothing, so the figures are the posting's),
 * the flow as our templates post them (Sync Ledger Check & Claim → our ERP node → Record Result), and the same
 * posting as users build it today with n8n's built-in HTTP Request node, one record per request.
 */
import { randomUUID } from 'crypto';

import type { RunningSandboxes } from '../../../sandbox';
import type { SandboxServer } from '../../../sandbox/core/server';
import type { VendorLimits } from './postingMath';

export type ErpName = 'netsuite' | 'oracleFusion' | 'sapS4HanaCloud' | 'dynamicsFinance';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: string;
	executeOnce?: boolean;
}

export interface Workflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	settings: Record<string, unknown>;
}

/** The built-in HTTP Request node's Batching option (undefined: its defaults, every request at once). */
export interface Batching {
	batchSize: number;
	batchIntervalMs: number;
}

export interface ErpBench {
	name: ErpName;
	label: string;
	limits: Omit<VendorLimits, 'latencyMs'>;
	/** Why these limits (shown under the table). */
	limitsNote: string;
	sandbox(sandboxes: RunningSandboxes): SandboxServer;
	/** Makes the sandbox enforce `limits.concurrency` and the latency on every call. */
	configure(sandboxes: RunningSandboxes, latencyMs: number): void;
	/** JavaScript of the Code node: `entries` items `{ key, reference, … }` with the run's reference prefix. */
	generator(sandboxes: RunningSandboxes, entries: number, prefix: string): string;
	/** Our posting nodes after Check & Claim, ending in the node Record Result follows. */
	ours(credentials: Credentials): { nodes: WorkflowNode[]; chain: string[]; extraConnections?: Array<[string, string]>; targetId: string; vendorNodes: string[] };
	/** The built-in HTTP Request posting, one record per request. */
	builtIn(sandboxes: RunningSandboxes, credentials: Credentials, batching: Batching | undefined): { nodes: WorkflowNode[]; chain: string[]; extraConnections?: Array<[string, string]>; vendorNodes: string[] };
	/** References of the time entries in the sandbox (one per record, so a duplicate shows twice). */
	postedReferences(sandboxes: RunningSandboxes, prefix: string): string[];
}

export type Credentials = Record<string, { id: string; name: string }>;

export const PACKAGE = 'n8n-nodes-planning-to-cash';

export function node(name: string, type: string, typeVersion: number, parameters: Record<string, unknown>, extra: Partial<WorkflowNode> = {}): WorkflowNode {
	return { id: randomUUID(), name, type, typeVersion, position: [0, 0], parameters, ...extra };
}

/** The built-in HTTP Request node (4.2), with a predefined credential type of this package, errors kept as items. */
function httpRequest(name: string, credentialType: string, credentials: Credentials, parameters: Record<string, unknown>, batching: Batching | undefined): WorkflowNode {
	const options: Record<string, unknown> = {};
	if (batching) options.batching = { batch: { batchSize: batching.batchSize, batchInterval: batching.batchIntervalMs } };
	return node(
		name,
		'n8n-nodes-base.httpRequest',
		4.2,
		{ authentication: 'predefinedCredentialType', nodeCredentialType: credentialType, ...parameters, options: { ...((parameters.options as object) ?? {}), ...options } },
		// Continue: a refused request is an item, so the run ends and every refusal is counted (stopping at the
		// first would not save a call: the node has sent every request by then).
		{ credentials: { [credentialType]: credentials[credentialType] }, onError: 'continueRegularOutput' },
	);
}

/** The approved time of the firm as an ERP sees it: persons, dates and hours cycling, every entry its own reference. */
function entryLoop(entries: number, prefix: string, body: string): string {
	return [
		`const HOURS = ['7.5', '8', '2', '6', '4.25'];`,
		// Dates inside the firm's first project task (12 January to 13 February 2026), which every ERP sandbox holds.
		`const day = (i) => new Date(Date.UTC(2026, 0, 12) + (i % 30) * 86400000).toISOString().slice(0, 10);`,
		`const out = [];`,
		`for (let i = 0; i < ${entries}; i++) {`,
		`  const reference = ${JSON.stringify(prefix)} + i;`,
		`  const date = day(i);`,
		`  const hours = HOURS[i % HOURS.length];`,
		`  const person = PEOPLE[i % PEOPLE.length];`,
		`  ${body}`,
		`}`,
		`return out;`,
	].join('\n');
}

const ledgerOf = (credentials: Credentials) => ({ p2cN8nApi: credentials.p2cN8nApi });

export const ERPS: ErpBench[] = [
	{
		name: 'netsuite',
		label: 'NetSuite',
		limits: { batchSize: 1, concurrency: 5 },
		limitsNote:
			"NetSuite: 5 concurrent requests (the account limit of the shared service tier, which the sandbox enforces with 429); 1 record per call: the synchronous record service (upsert by external id). NetSuite's asynchronous batch (100 records per request) is in neither our node nor the sandbox.",
		sandbox: (s) => s.netsuite,
		configure(s, latencyMs) {
			s.netsuite.setLatency(latencyMs);
			s.netsuite.setConcurrencyLimit(this.limits.concurrency);
		},
		generator(s, entries, prefix) {
			const employee = (externalId: string) => s.netsuite.store.all('employee').find((r) => r.fields.externalId === externalId)!.id;
			const job = s.netsuite.store.all('job').find((r) => r.fields.externalId === 'SF-006A000101')!;
			const task = s.netsuite.store.all('projectTask').find((r) => (r.fields.project as { id?: string } | undefined)?.id === job.id)!;
			return `const PEOPLE = ${JSON.stringify(['EMP-0001', 'EMP-0002'].map(employee))};\n${entryLoop(
				entries,
				prefix,
				`out.push({ json: { key: 'netsuite:timebill:' + reference, reference, body: { employee: { id: person }, customer: { id: ${JSON.stringify(job.id)} }, caseTaskEvent: { id: ${JSON.stringify(task.id)} }, item: { id: '20' }, tranDate: date, hours, isBillable: true, memo: reference } } });`,
			)}`;
		},
		ours: (credentials) => ({
			nodes: [
				node(
					'Time bill (NetSuite)',
					`${PACKAGE}.netSuite`,
					1,
					{ authentication: 'tba', resource: 'timeBill', operation: 'upsert', externalId: "={{ $('Check & Claim').item.json.reference }}", specifyBody: 'json', jsonBody: "={{ $('Check & Claim').item.json.body }}" },
					{ credentials: { p2cNetSuiteTbaApi: credentials.p2cNetSuiteTbaApi }, onError: 'continueRegularOutput' },
				),
			],
			chain: ['Time bill (NetSuite)'],
			// Record Result's defaults: a failed item's Target ID is not read, so the plain path needs no guard.
			targetId: '={{ $json.id }}',
			vendorNodes: ['Time bill (NetSuite)'],
		}),
		builtIn: (s, credentials, batching) => ({
			nodes: [
				httpRequest(
					'PUT time bill (HTTP Request)',
					'p2cNetSuiteTbaApi',
					credentials,
					{ method: 'PUT', url: `=${s.netsuite.baseUrl}/services/rest/record/v1/timeBill/eid:{{ $json.reference }}`, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify($json.body) }}' },
					batching,
				),
			],
			chain: ['PUT time bill (HTTP Request)'],
			vendorNodes: ['PUT time bill (HTTP Request)'],
		}),
		postedReferences: (s, prefix) =>
			s.netsuite.store
				.all('timeBill')
				.map((r) => String(r.fields.externalId ?? ''))
				.filter((reference) => reference.startsWith(prefix)),
	},
	{
		name: 'oracleFusion',
		label: 'Oracle Fusion',
		limits: { batchSize: 500, concurrency: 8 },
		limitsNote:
			'Oracle Fusion: 500 parts per batch request (the most our node sends; Oracle sets no limit); 8 concurrent requests, an assumption (Oracle publishes no number; the sandbox refuses the 9th with 429).',
		sandbox: (s) => s.oracleFusion,
		configure(s, latencyMs) {
			s.oracleFusion.setLatency(latencyMs);
			s.oracleFusion.setConcurrencyLimit(this.limits.concurrency);
		},
		generator: (_s, entries, prefix) =>
			`const PEOPLE = ['EMP-0001', 'EMP-0002'];\n${entryLoop(
				entries,
				prefix,
				`out.push({ json: { key: 'oracle:cost:PSA Labor:' + reference, reference, body: { TransactionSource: 'External PSA', Document: 'PSA Labor', DocumentEntry: 'Professional', BusinessUnit: 'US1 Business Unit', ExpenditureOrganization: 'Consulting US', ProjectNumber: 'SF-006A000101', TaskNumber: 'SF-006A000101-T1', ExpenditureType: 'Professional Labor', ExpenditureItemDate: date, PersonNumber: person, Quantity: Number(hours), UnitOfMeasure: 'Hours', BillableFlag: 'Y', OriginalTransactionReference: reference } } });`,
			)}`,
		ours: (credentials) => ({
			nodes: [
				node(
					'Costs (Oracle batch)',
					`${PACKAGE}.oracleFusion`,
					1,
					{ authentication: 'oAuth2', resource: 'unprocessedProjectCost', operation: 'batch', batchOperation: 'create', partsPerRequest: 500, jsonBody: "={{ JSON.stringify($('Check & Claim').item.json.body) }}" },
					{ credentials: { p2cOracleFusionOAuth2Api: credentials.p2cOracleFusionOAuth2Api }, onError: 'continueRegularOutput' },
				),
			],
			chain: ['Costs (Oracle batch)'],
			targetId: "={{ $json.error ? '' : String($json.TransactionNumber ?? $json.unprocessedProjectCostsUniqID ?? '') }}",
			vendorNodes: ['Costs (Oracle batch)'],
		}),
		builtIn: (s, credentials, batching) => ({
			nodes: [
				httpRequest(
					'POST cost (HTTP Request)',
					'p2cOracleFusionOAuth2Api',
					credentials,
					{ method: 'POST', url: `${s.oracleFusion.baseUrl}/fscmRestApi/resources/11.13.18.05/unprocessedProjectCosts`, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify($json.body) }}' },
					batching,
				),
			],
			chain: ['POST cost (HTTP Request)'],
			vendorNodes: ['POST cost (HTTP Request)'],
		}),
		postedReferences: (s, prefix) =>
			s.oracleFusion.store
				.all('unprocessedProjectCosts')
				.map((r) => String(r.OriginalTransactionReference ?? ''))
				.filter((reference) => reference.startsWith(prefix)),
	},
	{
		name: 'sapS4HanaCloud',
		label: 'SAP S/4HANA Cloud',
		limits: { batchSize: 1000, concurrency: 8 },
		limitsNote:
			'SAP S/4HANA Cloud: 1,000 requests per OData $batch (the most our node puts in one; SAP publishes no limit); 8 concurrent requests, an assumption (SAP publishes none; the sandbox refuses the 9th with 429).',
		sandbox: (s) => s.sapS4HanaCloud,
		configure(s, latencyMs) {
			s.sapS4HanaCloud.setLatency(latencyMs);
			s.sapS4HanaCloud.setConcurrencyLimit(this.limits.concurrency);
		},
		generator: (_s, entries, prefix) =>
			`const PEOPLE = ['EMP-0001', 'EMP-0002'];\n${entryLoop(
				entries,
				prefix,
				[
					`const text = hours.includes('.') ? hours.split('.')[0] + '.' + hours.split('.')[1].padEnd(2, '0') : hours + '.00';`,
					`out.push({ json: { key: 'sap:timesheet:' + reference, reference, person, companyCode: '1710', date, hours: text, wbsElement: 'SF-006A000101-T1', note: 'Bench entry', body: { PersonWorkAgreementExternalID: person, CompanyCode: '1710', TimeSheetDate: '/Date(' + Date.parse(date + 'T00:00:00Z') + ')/', TimeSheetIsReleasedOnSave: true, TimeSheetOperation: 'C', TimeSheetDataFields: { RecordedHours: text, HoursUnitOfMeasure: 'H', WBSElement: 'SF-006A000101-T1', TimeSheetNote: '[' + reference + '] Bench entry' } } } });`,
				].join('\n  '),
			)}`,
		ours: (credentials) => ({
			nodes: [
				node(
					'Timesheet entry (SAP)',
					`${PACKAGE}.sapS4HanaCloud`,
					1,
					{
						resource: 'timesheetEntry',
						operation: 'create',
						personWorkAgreementExternalId: '={{ $json.person }}',
						companyCode: '={{ $json.companyCode }}',
						date: '={{ $json.date }}',
						hours: '={{ $json.hours }}',
						wbsElement: '={{ $json.wbsElement }}',
						note: '={{ $json.note }}',
						externalReference: '={{ $json.reference }}',
						releaseOnSave: true,
					},
					{ credentials: { p2cSapS4HanaCloudBasicApi: credentials.p2cSapS4HanaCloudBasicApi }, onError: 'continueRegularOutput' },
				),
			],
			chain: ['Timesheet entry (SAP)'],
			targetId: "={{ $json.error ? '' : String($json.TimeSheetRecord ?? $json.record?.TimeSheetRecord ?? '') }}",
			vendorNodes: ['Timesheet entry (SAP)'],
		}),
		builtIn: (s, credentials, batching) => {
			const service = `${s.sapS4HanaCloud.baseUrl}/sap/opu/odata/sap/API_MANAGE_WORKFORCE_TIMESHEET`;
			const fetchToken = httpRequest(
				'Fetch CSRF token (HTTP Request)',
				'p2cSapS4HanaCloudBasicApi',
				credentials,
				{ method: 'GET', url: `${service}/`, sendHeaders: true, headerParameters: { parameters: [{ name: 'X-CSRF-Token', value: 'Fetch' }] }, options: { response: { response: { fullResponse: true } } } },
				undefined,
			);
			fetchToken.executeOnce = true;
			const cookie = "={{ [].concat($('Fetch CSRF token (HTTP Request)').first().json.headers['set-cookie'] ?? []).map(c => c.split(';')[0]).join('; ') }}";
			return {
				nodes: [
					fetchToken,
					httpRequest(
						'POST timesheet entry (HTTP Request)',
						'p2cSapS4HanaCloudBasicApi',
						credentials,
						{
							method: 'POST',
							url: `${service}/TimeSheetEntryCollection`,
							sendHeaders: true,
							headerParameters: { parameters: [{ name: 'X-CSRF-Token', value: "={{ $('Fetch CSRF token (HTTP Request)').first().json.headers['x-csrf-token'] }}" }, { name: 'Cookie', value: cookie }] },
							sendBody: true,
							specifyBody: 'json',
							jsonBody: '={{ JSON.stringify($json.body) }}',
						},
						batching,
					),
				],
				// The token is fetched once, above the posting branch (n8n runs a node's branches top to bottom).
				chain: ['POST timesheet entry (HTTP Request)'],
				extraConnections: [['Generate', 'Fetch CSRF token (HTTP Request)']],
				vendorNodes: ['Fetch CSRF token (HTTP Request)', 'POST timesheet entry (HTTP Request)'],
			};
		},
		postedReferences: (s, prefix) =>
			s.sapS4HanaCloud
				.service('TimeSheetEntryCollection')
				.records('TimeSheetEntryCollection')
				.map((r) => /^\[([^\]]+)\]/.exec(String((r.TimeSheetDataFields as { TimeSheetNote?: string } | undefined)?.TimeSheetNote ?? ''))?.[1] ?? '')
				.filter((reference) => reference.startsWith(prefix)),
	},
	{
		name: 'dynamicsFinance',
		label: 'Dynamics 365 Finance',
		limits: { batchSize: 1000, concurrency: 52 },
		limitsNote:
			"Dynamics 365 Finance: 1,000 requests per OData $batch (the most our node puts in one); 52 concurrent requests (the user-based service protection limit F&O published until 10.0.36; now throttling is resource-based), enforced by the sandbox with 429 and Retry-After.",
		sandbox: (s) => s.dynamicsFinance,
		configure(s, latencyMs) {
			s.dynamicsFinance.setLatency(latencyMs);
			s.dynamicsFinance.setConcurrencyLimit(this.limits.concurrency);
		},
		generator: (_s, entries, prefix) =>
			`const PEOPLE = ['EMP-0001', 'EMP-0002'];\n${entryLoop(
				entries,
				prefix,
				`out.push({ json: { key: 'd365finance:hours:' + reference, reference, line: { Description: reference, ProjectID: 'SF-006A000101', Category: 'Consulting', ResourceId: person, ProjectDate: date, Hours: Number(hours), LineProperty: 'Billable' } } });`,
			)}`,
		ours: (credentials) => {
			const finance = { p2cDynamics365FinanceApi: credentials.p2cDynamics365FinanceApi };
			return {
				nodes: [
					// One header and one post per run (executeOnce): the shipped template creates the header and posts per
					// item, finding the run's header by its reference after the first (calls per item; see the README).
					node('Hour journal', `${PACKAGE}.dynamics365Finance`, 1, { resource: 'hourJournal', operation: 'create', company: 'usmf', externalReference: "={{ 'bench:' + $execution.id }}", jsonBody: '{"JournalName": "Hours"}', linesJson: '[]' }, { credentials: finance, executeOnce: true }),
					node(
						'Add hour lines',
						`${PACKAGE}.dynamics365Finance`,
						1,
						{ resource: 'hourJournal', operation: 'addLines', company: 'usmf', recordId: { __rl: true, mode: 'id', value: "={{ $('Hour journal').first().json.JournalBatchNumber }}" }, lineReferenceField: 'Description', lineJson: '={{ JSON.stringify($json.line) }}' },
						{ credentials: finance, onError: 'continueRegularOutput' },
					),
					node('Post hour journal', `${PACKAGE}.dynamics365Finance`, 1, { resource: 'hourJournal', operation: 'post', company: 'usmf', recordId: { __rl: true, mode: 'id', value: "={{ $('Hour journal').first().json.JournalBatchNumber }}" } }, { credentials: finance, executeOnce: true }),
				],
				// Check & Claim → Hour journal (once) above Add hour lines; Add hour lines → Post (once) above Record Result.
				chain: ['Add hour lines'],
				extraConnections: [
					['Check & Claim', 'Hour journal'],
					['Add hour lines', 'Post hour journal'],
				],
				targetId: "={{ $json.error ? '' : $json.dataAreaId + '/' + $json.JournalId + '/' + $json.LineNumber }}",
				vendorNodes: ['Hour journal', 'Add hour lines', 'Post hour journal'],
			};
		},
		builtIn: (s, credentials, batching) => {
			const header = httpRequest(
				'Create hour journal (HTTP Request)',
				'p2cDynamics365FinanceApi',
				credentials,
				{ method: 'POST', url: `${s.dynamicsFinance.baseUrl}/data/ProjectJournalHeaders`, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify({ dataAreaId: "usmf", JournalName: "Hours", Description: "bench built-in " + $execution.id }) }}' },
				undefined,
			);
			header.executeOnce = true;
			return {
				nodes: [
					header,
					httpRequest(
						'POST hour line (HTTP Request)',
						'p2cDynamics365FinanceApi',
						credentials,
						{
							method: 'POST',
							url: `${s.dynamicsFinance.baseUrl}/data/ProjectJournalLines`,
							sendBody: true,
							specifyBody: 'json',
							jsonBody: "={{ JSON.stringify({ dataAreaId: 'usmf', JournalId: $('Create hour journal (HTTP Request)').first().json.JournalBatchNumber, LineNumber: $itemIndex + 1, ...$json.line, ProjectDate: $json.line.ProjectDate + 'T12:00:00Z' }) }}",
						},
						batching,
					),
				],
				chain: ['POST hour line (HTTP Request)'],
				extraConnections: [['Generate', 'Create hour journal (HTTP Request)']],
				vendorNodes: ['Create hour journal (HTTP Request)', 'POST hour line (HTTP Request)'],
			};
		},
		postedReferences: (s, prefix) =>
			s.dynamicsFinance.service
				.records('ProjectJournalLines')
				.map((r) => String(r.Description ?? ''))
				.filter((reference) => reference.startsWith(prefix)),
	},
];

/** Our flow: Run → Generate → Check & Claim → the ERP's nodes → Record Result → posted / failed. */
export function oursWorkflow(erp: ErpBench, id: string, generatorSource: string, credentials: Credentials, tablePrefix: string): { workflow: Workflow; vendorNodes: string[] } {
	const ours = erp.ours(credentials);
	const nodes: WorkflowNode[] = [
		node('Run', 'n8n-nodes-base.manualTrigger', 1, {}),
		node('Generate', 'n8n-nodes-base.code', 2, { jsCode: generatorSource }),
		node('Check & Claim', `${PACKAGE}.syncLedger`, 1, { resource: 'ledger', operation: 'checkAndClaim', store: 'dataTable', idempotencyKey: '={{ $json.key }}', claimExpirySeconds: '={{ 120 + 10 * $input.all().length }}', tablePrefix }, { credentials: ledgerOf(credentials) }),
		...ours.nodes,
		node(
			'Record Result',
			`${PACKAGE}.syncLedger`,
			1,
			{
				resource: 'ledger',
				operation: 'recordResult',
				store: 'dataTable',
				idempotencyKey: "={{ $('Check & Claim').item.json.ledger.key }}",
				claimToken: "={{ $('Check & Claim').item.json.ledger.claimToken }}",
				result: 'auto',
				targetSystem: erp.name,
				targetId: ours.targetId,
				errorMessage: '={{ $json.error }}',
				retryable: false,
				tablePrefix,
			},
			{ credentials: ledgerOf(credentials) },
		),
		node('Posted', 'n8n-nodes-base.noOp', 1, {}),
		node('Failed', 'n8n-nodes-base.noOp', 1, {}),
	];
	const connections: Workflow['connections'] = {};
	const link = (from: string, to: string, output = 0) => {
		connections[from] ??= { main: [] };
		while (connections[from].main.length <= output) connections[from].main.push([]);
		connections[from].main[output].push({ node: to, type: 'main', index: 0 });
	};
	// Extra branches first: n8n (execution order v1) runs a node's children in the order of their position.
	for (const [from, to] of ours.extraConnections ?? []) link(from, to);
	const chain = ['Run', 'Generate', 'Check & Claim', ...ours.chain, 'Record Result'];
	for (let i = 0; i < chain.length - 1; i++) link(chain[i], chain[i + 1]);
	link('Record Result', 'Posted', 0);
	link('Record Result', 'Failed', 1);
	return { workflow: layout({ id, name: `Posting bench: ${erp.label}, ours`, nodes, connections, settings: benchSettings }, [...(ours.extraConnections ?? []).map(([, to]) => to)]), vendorNodes: ours.vendorNodes };
}

/** The built-in flow: Run → Generate → HTTP Request (one record per request). */
export function builtInWorkflow(erp: ErpBench, sandboxes: RunningSandboxes, id: string, variant: string, generatorSource: string, credentials: Credentials, batching: Batching | undefined): { workflow: Workflow; vendorNodes: string[] } {
	const built = erp.builtIn(sandboxes, credentials, batching);
	const nodes: WorkflowNode[] = [node('Run', 'n8n-nodes-base.manualTrigger', 1, {}), node('Generate', 'n8n-nodes-base.code', 2, { jsCode: generatorSource }), ...built.nodes];
	const connections: Workflow['connections'] = {};
	const link = (from: string, to: string) => {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	};
	for (const [from, to] of built.extraConnections ?? []) link(from, to);
	const chain = ['Run', 'Generate', ...built.chain];
	for (let i = 0; i < chain.length - 1; i++) link(chain[i], chain[i + 1]);
	return { workflow: layout({ id, name: `Posting bench: ${erp.label}, built-in ${variant}`, nodes, connections, settings: benchSettings }, (built.extraConnections ?? []).map(([, to]) => to)), vendorNodes: built.vendorNodes };
}

/** `n8n execute` prints the execution it saved, so the run data is kept (the save comes after the timed nodes). */
const benchSettings = { executionOrder: 'v1' };

/** Left to right in chain order; side branches (run first by n8n) one row above. */
function layout(workflow: Workflow, above: string[]): Workflow {
	let x = 0;
	for (const n of workflow.nodes) {
		n.position = above.includes(n.name) ? [x, -200] : [x, 0];
		x += 220;
	}
	return workflow;
}

/**
 * The sandbox's pse__ objects against a real org's Certinia PSA metadata (../shared/specs/certinia/objects:
 * field types, lengths, precision and scale, picklist values, lookups, required fields), and the recorded
 * traffic of a real timecard client (../shared/specs/certinia/cassettes) replayed against the sandbox.
 */
import { readdirSync } from 'fs';
import { join } from 'path';
import { parse as parseYaml } from 'yaml';

import { createSalesforceSandbox, salesforceSandboxCredentials } from '../../sandbox/salesforce';
import type { SalesforceSandbox } from '../../sandbox/salesforce';
import { describe as describeObject, objectDef } from '../../sandbox/salesforce/schema';
import { describeWithSpecs, readSpec, specsDir } from '../helpers/specs';

type Rec = Record<string, unknown>;

/** One field of the package metadata (`<CustomField>` XML), the parts we compare. */
interface SpecField {
	name: string;
	type: string;
	length?: number;
	precision?: number;
	scale?: number;
	required: boolean;
	externalId: boolean;
	referenceTo?: string;
	formula: boolean;
	picklist: string[];
}

function tag(xml: string, name: string): string | undefined {
	return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

function specFields(object: string): Map<string, SpecField> {
	const dir = join(specsDir()!, 'certinia/objects', object, 'fields');
	const fields = new Map<string, SpecField>();
	for (const file of readdirSync(dir)) {
		const xml = readSpec(`certinia/objects/${object}/fields/${file}`);
		const valueSet = /<valueSetDefinition>([\s\S]*?)<\/valueSetDefinition>/.exec(xml)?.[1] ?? '';
		const field: SpecField = {
			name: tag(xml, 'fullName')!,
			type: tag(xml, 'type')!,
			length: tag(xml, 'length') ? Number(tag(xml, 'length')) : undefined,
			precision: tag(xml, 'precision') ? Number(tag(xml, 'precision')) : undefined,
			scale: tag(xml, 'scale') ? Number(tag(xml, 'scale')) : undefined,
			required: tag(xml, 'required') === 'true',
			externalId: tag(xml, 'externalId') === 'true',
			referenceTo: tag(xml, 'referenceTo'),
			formula: /<formula>/.test(xml),
			picklist: [...valueSet.matchAll(/<value>\s*<fullName>([^<]*)<\/fullName>/g)].map((m) => m[1]),
		};
		fields.set(field.name, field);
	}
	return fields;
}

/** Metadata type → describe type. */
const DESCRIBE_TYPE: Record<string, string[]> = {
	Number: ['double'],
	Currency: ['currency'],
	Checkbox: ['boolean'],
	Date: ['date'],
	DateTime: ['datetime'],
	Text: ['string'],
	TextArea: ['textarea'],
	LongTextArea: ['textarea'],
	Picklist: ['picklist'],
	Lookup: ['reference'],
	MasterDetail: ['reference'],
	AutoNumber: ['string'],
	Summary: ['currency', 'double'],
};

const SPEC_OBJECTS = [
	'pse__Proj__c',
	'pse__Project_Task__c',
	'pse__Milestone__c',
	'pse__Assignment__c',
	'pse__Resource_Request__c',
	'pse__Timecard_Header__c',
	'pse__Timecard__c',
	'pse__Expense_Report__c',
	'pse__Expense__c',
	'pse__Billing_Event__c',
];

/** Sandbox pse__ fields the spec org lacks, and why they are there. */
const NOT_IN_SPEC: Record<string, string> = {
	'pse__Timecard_Header__c.pse__Project_Task__c': 'project task on a timecard (vendor facts 2.2, [verify]; orgs with task time entry)',
	'pse__Assignment__c.pse__Resource_Request__c': 'the request an assignment fills (vendor facts 2.2)',
	'pse__Assignment__c.pse__Schedule__c': 'in the spec',
};

describeWithSpecs('Certinia PSA objects against the package metadata', () => {
	it.each(SPEC_OBJECTS)('%s: every pse__ field the sandbox has matches the real org (type, length, precision, picklist, lookup, required)', (object) => {
		const spec = specFields(object);
		const sandbox = describeObject(objectDef(object)!, 'v62.0') as { fields: Rec[] };
		const problems: string[] = [];
		let compared = 0;
		for (const field of sandbox.fields.filter((f) => String(f.name).startsWith('pse__'))) {
			const name = String(field.name);
			const real = spec.get(name);
			if (!real) {
				if (!NOT_IN_SPEC[`${object}.${name}`]) problems.push(`${name}: not in the real org's metadata`);
				continue;
			}
			compared++;
			if (!(DESCRIBE_TYPE[real.type] ?? []).includes(String(field.type))) problems.push(`${name}: type ${String(field.type)}, the org has ${real.type}`);
			if (real.type === 'Text' && !real.formula && real.length !== field.length) problems.push(`${name}: length ${String(field.length)}, the org has ${real.length}`);
			if ((real.type === 'Number' || real.type === 'Currency') && (real.precision !== field.precision || real.scale !== field.scale)) {
				problems.push(`${name}: Number(${String(field.precision)},${String(field.scale)}), the org has (${real.precision},${real.scale})`);
			}
			if (real.picklist.length) {
				const values = (field.picklistValues as Rec[]).map((p) => p.value);
				if (JSON.stringify(values) !== JSON.stringify(real.picklist)) problems.push(`${name}: picklist ${JSON.stringify(values)}, the org has ${JSON.stringify(real.picklist)}`);
			}
			if (real.referenceTo && JSON.stringify(field.referenceTo) !== JSON.stringify([real.referenceTo])) problems.push(`${name}: references ${JSON.stringify(field.referenceTo)}, the org ${real.referenceTo}`);
			// Required in the metadata (or master-detail): the sandbox refuses an insert without it.
			if ((real.required || real.type === 'MasterDetail') && field.nillable !== false) problems.push(`${name}: required in the org, optional in the sandbox`);
			if (real.formula && (field.createable || field.updateable)) problems.push(`${name}: a formula in the org, writable in the sandbox`);
			if (real.externalId !== field.externalId) problems.push(`${name}: externalId ${String(field.externalId)}, the org ${String(real.externalId)}`);
		}
		expect(problems).toEqual([]);
		expect(compared).toBeGreaterThanOrEqual(8);
	});
});

interface Interaction {
	request: { method: string; uri: string; body: string | null };
	response: { status: { code: number }; body: { string: string } };
}

describeWithSpecs('Certinia cassettes replayed against the sandbox', () => {
	let sandbox: SalesforceSandbox;
	let baseUrl = '';
	beforeAll(async () => {
		sandbox = createSalesforceSandbox({ latencyMs: 0 });
		baseUrl = await sandbox.start(0);
	});
	afterAll(async () => await sandbox.stop());

	async function login(): Promise<string> {
		const { SALESFORCE_SANDBOX_PRIVATE_KEY } = await import('../../sandbox/salesforce');
		const { signJwt } = await import('../../nodes/shared/kit');
		const credentials = salesforceSandboxCredentials(baseUrl);
		const now = Math.floor(Date.now() / 1000);
		const assertion = signJwt({ alg: 'RS256', typ: 'JWT' }, { iss: credentials.clientId, sub: credentials.username, aud: baseUrl, exp: now + 120 }, SALESFORCE_SANDBOX_PRIVATE_KEY);
		const response = await fetch(`${baseUrl}/services/oauth2/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
		});
		return String(((await response.json()) as Rec).access_token);
	}

	const cassettes = ['test_timeentry/test_list_timecard.yaml', 'test_timeentry/test_add_timecard.yaml', 'test_timedelete/test_delete_timecard.yaml'];

	it.each(cassettes)('%s: every REST request gets the recorded status and the recorded shape', async (file) => {
		sandbox.reset();
		const token = await login();
		const state = sandbox.org.snapshot() as Record<string, Rec[]>;
		const ext = (object: string, id: string) => String(state[object].find((r) => r.External_Id__c === id)!.Id);
		// The recording org's ids stand for the firm's records of the same object (by key prefix).
		const ids: Record<string, string> = {
			'003': ext('Contact', 'EMP-0002'),
			a6Z: ext('pse__Assignment__c', 'SF-006A000101-EMP-0002'),
			a7O: ext('pse__Proj__c', 'SF-006A000101'),
		};
		const interactions = (parseYaml(readSpec(`certinia/cassettes/${file}`)) as { interactions: Interaction[] }).interactions;
		let created = '';
		let replayed = 0;
		let recordsSeen = 0;
		for (const { request, response } of interactions) {
			const uri = new URL(request.uri);
			// The recording logs in with the SOAP partner API, which the sandbox does not serve (OAuth 2.0 only).
			if (uri.pathname.startsWith('/services/Soap/')) continue;
			const swap = (text: string) =>
				text
					.replace(/\b(003|a6Z|a7O)[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?\b/g, (id) => ids[id.slice(0, 3)])
					.replace(/\ba8D[A-Za-z0-9]{15}\b/g, () => created || ext('pse__Timecard_Header__c', 'PSA-TE-1007'))
					.replace(/YourName@/gi, 'priya.raman@')
					.replace(/giulio\.calzolari@/gi, 'priya.raman@');
			const path = swap(decodeURIComponent(uri.pathname)).replace(/\/$/, '');
			const q = uri.searchParams.get('q');
			const query = q === null ? '' : `?${new URLSearchParams({ q: swap(q) }).toString()}`;
			// A recorded 401 is a session the org had expired: replay it with a token the sandbox never issued.
			const auth = response.status.code === 401 ? 'Bearer 00D000000000000!expired' : `Bearer ${token}`;
			const answer = await fetch(`${baseUrl}${path}${query}`, {
				method: request.method,
				headers: { Authorization: auth, 'Content-Type': 'application/json' },
				body: request.body ? swap(request.body) : undefined,
			});
			const text = await answer.text();
			expect({ request: `${request.method} ${path}`, status: answer.status }).toEqual({ request: `${request.method} ${path}`, status: response.status.code });
			const recorded = response.body.string ? (JSON.parse(response.body.string) as Rec | Rec[]) : undefined;
			const body = text ? (JSON.parse(text) as Rec | Rec[]) : undefined;
			if (recorded && !Array.isArray(recorded) && 'records' in recorded) {
				expect(Object.keys(body as Rec).sort()).toEqual(Object.keys(recorded).sort());
				const records = (body as Rec).records as Rec[];
				recordsSeen += records.length;
				const recordedKeys = new Set(((recorded.records as Rec[])[0] && Object.keys((recorded.records as Rec[])[0])) ?? []);
				for (const record of records) {
					if (recordedKeys.size) expect(Object.keys(record).sort()).toEqual([...recordedKeys].sort());
					expect(record.attributes).toEqual({ type: expect.any(String), url: expect.stringMatching(/^\/services\/data\/v42\.0\/sobjects\//) });
				}
			} else if (recorded && !Array.isArray(recorded)) {
				expect(Object.keys(body as Rec).sort()).toEqual(Object.keys(recorded).sort());
				if (typeof (body as Rec).id === 'string') created = String((body as Rec).id);
			} else if (Array.isArray(recorded)) {
				expect((body as Rec[])[0]).toMatchObject({ errorCode: (recorded[0] as Rec).errorCode });
			}
			replayed++;
		}
		expect(replayed).toBeGreaterThan(0);
		// The firm's resource, assignments and projects answer the recorded queries (not just empty results).
		if (file.startsWith('test_timeentry/')) expect(recordsSeen).toBeGreaterThan(0);
	});
});

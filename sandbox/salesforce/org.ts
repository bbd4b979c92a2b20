/**
 * The in-memory Salesforce org behind the sandbox: records, the write rules Salesforce enforces (field access,
 * types, required fields, restricted picklists, lookups, unique external ids), the system fields it maintains
 * (SystemModstamp, LastModifiedDate, opportunity stage flags and amount roll-up, contract end date), the
 * daily API allocation, OAuth sessions and query cursors.
 */
import { randomBytes } from 'crypto';

import { canonicalId, isValidId, makeId } from './ids';
import { fieldDef, isNumericType, objectByPrefix, objectDef, OBJECTS, OPPORTUNITY_STAGES, relationshipField } from './schema';
import type { FieldDef, ObjectDef } from './schema';
import type { QuerySource, Rec } from './soql';
import { afterPsaWrite, applyPsaRules, PsaRuleViolation } from './certinia/rules';
import type { PsaOrgAccess } from './certinia/rules';

/** One error as Salesforce reports it inside record results. */
export interface SfError {
	statusCode: string;
	message: string;
	fields: string[];
}

/** A write refused for the reasons listed (all of them, as Salesforce collects them per record). */
export class RecordError extends Error {
	constructor(
		readonly errors: SfError[],
		readonly httpStatus = 400,
	) {
		super(errors.map((e) => e.message).join('; '));
	}
}

export interface ConnectedApp {
	consumerKey: string;
	/** PEM of the certificate's public key uploaded to the app (JWT bearer flow). */
	publicKey?: string;
	/** Usernames pre-authorized for the JWT bearer flow (admin-approved users). */
	preAuthorizedUsers: string[];
	/** Client credentials flow: secret and the run-as user; absent when the flow is not enabled. */
	clientSecret?: string;
	runAsUsername?: string;
}

export interface OrgOptions {
	/** Daily API request allocation; the request that would exceed it gets 403 REQUEST_LIMIT_EXCEEDED. */
	apiDailyLimit?: number;
	/** Session lifetime; an expired token gets 401 INVALID_SESSION_ID. */
	sessionSeconds?: number;
	/** Clock, for tests that need control over SystemModstamp. */
	now?: () => number;
}

interface Session {
	userId: string;
	expiresAt: number;
}

interface Cursor {
	records: Rec[];
	version: string;
	/** Fixed when the query ran; later pages keep it whatever headers they carry. */
	batchSize: number;
}

const DEFAULT_API_LIMIT = 15_000;

export function formatDatetime(ms: number): string {
	return new Date(ms).toISOString().replace('Z', '+0000');
}

/** formatDatetime's text back to epoch ms. */
export function datetimeMsOf(text: string): number {
	return Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

function err(statusCode: string, message: string, fields: string[] = []): SfError {
	return { statusCode, message, fields };
}

function addMonths(date: string, months: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()));
	end.setUTCDate(end.getUTCDate() - 1);
	return end.toISOString().slice(0, 10);
}

/** Currency arithmetic in cents, so a sandbox total never drifts by a float rounding. */
function toCents(value: number): number {
	return Math.round(value * 100);
}

export class SalesforceOrg implements QuerySource {
	readonly orgId = makeId('00D', 1);
	apiDailyLimit: number;
	apiUsage = 0;
	sessionSeconds: number;
	private clock: () => number;
	private lastStamp = 0;
	private data = new Map<string, Map<string, Rec>>();
	/** Deleted records (IsDeleted true) by object, with when they were deleted: queryAll and getDeleted read them. */
	private recycleBin = new Map<string, Map<string, { record: Rec; deletedMs: number }>>();
	private counters = new Map<string, number>();
	private contractNumber = 100;
	private sessions = new Map<string, Session>();
	private cursors = new Map<string, Cursor>();
	private cursorCounter = 0;
	readonly apps: ConnectedApp[] = [];

	constructor(options: OrgOptions = {}) {
		this.apiDailyLimit = options.apiDailyLimit ?? DEFAULT_API_LIMIT;
		this.sessionSeconds = options.sessionSeconds ?? 7200;
		this.clock = options.now ?? Date.now;
		this.clear();
	}

	clear(): void {
		this.data = new Map(OBJECTS.map((o) => [o.name, new Map<string, Rec>()]));
		this.recycleBin = new Map(OBJECTS.map((o) => [o.name, new Map()]));
		this.counters = new Map();
		this.contractNumber = 100;
		this.sessions.clear();
		this.cursors.clear();
		this.cursorCounter = 0;
		this.apiUsage = 0;
		this.lastStamp = 0;
		this.apps.length = 0;
	}

	now(): number {
		return this.clock();
	}

	setClock(clock: () => number): void {
		this.clock = clock;
	}

	/** A strictly increasing timestamp: two writes in one millisecond still get distinct SystemModstamps. */
	private stamp(): string {
		const ms = Math.max(this.now(), this.lastStamp + 1);
		this.lastStamp = ms;
		return formatDatetime(ms);
	}

	// ------------------------------------------------------------ API allocation, sessions, cursors

	/** Counts one API request; false when the allocation is spent (the request must be refused). */
	chargeApiCall(): boolean {
		if (this.apiUsage >= this.apiDailyLimit) return false;
		this.apiUsage++;
		return true;
	}

	limitInfo(): string {
		return `api-usage=${this.apiUsage}/${this.apiDailyLimit}`;
	}

	openSession(userId: string): string {
		const token = `${this.orgId.slice(0, 15)}!${randomBytes(48).toString('base64url')}`;
		this.sessions.set(token, { userId, expiresAt: this.now() + this.sessionSeconds * 1000 });
		return token;
	}

	sessionUser(token: string): string | undefined {
		const session = this.sessions.get(token);
		if (!session) return undefined;
		if (session.expiresAt <= this.now()) {
			this.sessions.delete(token);
			return undefined;
		}
		return session.userId;
	}

	/** Ends every session, as an admin "expire all sessions" does; tokens then get 401 INVALID_SESSION_ID. */
	expireSessions(): void {
		this.sessions.clear();
	}

	get sessionCount(): number {
		return this.sessions.size;
	}

	saveCursor(records: Rec[], version: string, batchSize: number): string {
		this.cursorCounter++;
		const id = makeId('01g', this.cursorCounter);
		this.cursors.set(id, { records, version, batchSize });
		return id;
	}

	cursor(id: string): Cursor | undefined {
		return this.cursors.get(id);
	}

	// ------------------------------------------------------------ reads

	records(object: ObjectDef): Rec[] {
		return [...(this.data.get(object.name)?.values() ?? [])];
	}

	byId(id: string): Rec | undefined {
		const canonical = canonicalId(id);
		if (!canonical) return undefined;
		const object = objectByPrefix(canonical.slice(0, 3));
		return object ? this.data.get(object.name)?.get(canonical) : undefined;
	}

	table(object: ObjectDef): Map<string, Rec> {
		return this.data.get(object.name)!;
	}

	/** Records in the recycle bin, with IsDeleted true (queryAll sees them, query does not). */
	deletedRecords(object: ObjectDef): Rec[] {
		return [...(this.recycleBin.get(object.name)?.values() ?? [])].map((entry) => entry.record);
	}

	/** Recycle-bin entries of an object deleted in [fromMs, toMs). */
	deletedBetween(object: ObjectDef, fromMs: number, toMs: number): Array<{ id: string; deletedMs: number }> {
		return [...(this.recycleBin.get(object.name)?.values() ?? [])]
			.filter((entry) => entry.deletedMs >= fromMs && entry.deletedMs < toMs)
			.map((entry) => ({ id: String(entry.record.Id), deletedMs: entry.deletedMs }));
	}

	/** True when the id names a record in the recycle bin (Salesforce answers ENTITY_IS_DELETED). */
	isDeleted(id: string): boolean {
		const canonical = canonicalId(id);
		const object = canonical ? objectByPrefix(canonical.slice(0, 3)) : undefined;
		return object ? this.recycleBin.get(object.name)?.has(canonical!) === true : false;
	}

	/**
	 * Deletes a record into the recycle bin (an opportunity takes its line items with it); returns false
	 * when there is no such live record of the object.
	 */
	delete(objectName: string, id: string, userId: string): boolean {
		const object = objectDef(objectName)!;
		const record = this.byId(id);
		if (!record || !String(record.Id).startsWith(object.keyPrefix)) return false;
		const recycle = (target: ObjectDef, victim: Rec) => {
			this.table(target).delete(String(victim.Id));
			victim.IsDeleted = true;
			this.touch(victim, userId);
			this.recycleBin.get(target.name)!.set(String(victim.Id), { record: victim, deletedMs: datetimeMsOf(String(victim.SystemModstamp)) });
		};
		recycle(object, record);
		if (object.name === 'Opportunity') {
			const items = objectDef('OpportunityLineItem')!;
			for (const li of [...this.table(items).values()]) if (li.OpportunityId === record.Id) recycle(items, li);
		}
		return true;
	}

	findByField(object: ObjectDef, field: FieldDef, value: unknown): Rec[] {
		if (field.name === 'Id') {
			const rec = typeof value === 'string' ? this.byId(value) : undefined;
			return rec && String(rec.Id).startsWith(object.keyPrefix) ? [rec] : [];
		}
		// External ids match case-insensitively unless the field is case-sensitive (ours are not).
		const wanted = String(value).toLowerCase();
		return this.records(object).filter((r) => r[field.name] !== null && r[field.name] !== undefined && String(r[field.name]).toLowerCase() === wanted);
	}

	userByUsername(username: string): Rec | undefined {
		const users = objectDef('User')!;
		return this.records(users).find((u) => String(u.Username).toLowerCase() === username.toLowerCase());
	}

	/** Everything, for the admin state endpoint. */
	snapshot(): Record<string, unknown> {
		const out: Record<string, unknown> = {
			apiUsage: this.apiUsage,
			apiDailyLimit: this.apiDailyLimit,
			sessions: this.sessions.size,
		};
		for (const [name, table] of this.data) out[name] = structuredClone([...table.values()]);
		return out;
	}

	/** Runs `work` all-or-nothing: when it throws, every record goes back to how it was. */
	transaction<T>(work: () => T): T {
		const saved = structuredClone({ data: this.data, recycleBin: this.recycleBin, counters: this.counters, contractNumber: this.contractNumber });
		try {
			return work();
		} catch (error) {
			this.data = saved.data;
			this.recycleBin = saved.recycleBin;
			this.counters = saved.counters;
			this.contractNumber = saved.contractNumber;
			throw error;
		}
	}

	// ------------------------------------------------------------ writes

	private nextId(object: ObjectDef): string {
		const n = (this.counters.get(object.keyPrefix) ?? 0) + 1;
		this.counters.set(object.keyPrefix, n);
		return makeId(object.keyPrefix, n);
	}

	private coerce(object: ObjectDef, field: FieldDef, value: unknown, errors: SfError[]): unknown {
		const label = field.label;
		const parseError = () =>
			errors.push(
				err(
					'JSON_PARSER_ERROR',
					`Cannot deserialize instance of ${field.type === 'datetime' ? 'datetime' : field.type} from ${typeof value === 'string' ? 'VALUE_STRING' : 'VALUE'} value ${JSON.stringify(value)} or request may be missing a required field`,
					[field.name],
				),
			);
		if (value === null) return null;
		if (field.type === 'reference') {
			if (typeof value !== 'string' || !isValidId(value)) {
				errors.push(err('MALFORMED_ID', `${label}: id value of incorrect type: ${String(value)}`, [field.name]));
				return undefined;
			}
			const id = canonicalId(value)!;
			const targets = field.referenceTo ?? [];
			const target = objectByPrefix(id.slice(0, 3));
			if (!target || !targets.includes(target.name)) {
				errors.push(err('FIELD_INTEGRITY_EXCEPTION', `${label}: id value of incorrect type: ${value}`, [field.name]));
				return undefined;
			}
			if (!this.byId(id)) {
				errors.push(err('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [field.name]));
				return undefined;
			}
			return id;
		}
		if (isNumericType(field.type)) {
			const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN;
			if (!Number.isFinite(n)) {
				parseError();
				return undefined;
			}
			if (field.type === 'int' && !Number.isInteger(n)) {
				parseError();
				return undefined;
			}
			return n;
		}
		if (field.type === 'boolean') {
			if (typeof value === 'boolean') return value;
			if (value === 'true' || value === 'false') return value === 'true';
			parseError();
			return undefined;
		}
		if (field.type === 'date') {
			if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
				parseError();
				return undefined;
			}
			return value;
		}
		if (field.type === 'datetime') {
			const ms = typeof value === 'string' ? Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : Number.NaN;
			if (Number.isNaN(ms)) {
				parseError();
				return undefined;
			}
			return formatDatetime(ms);
		}
		if (typeof value === 'object') {
			parseError();
			return undefined;
		}
		const text = String(value);
		if (field.length && text.length > field.length) {
			errors.push(err('STRING_TOO_LONG', `${label}: data value too large: ${text.slice(0, 40)}... (max length=${field.length})`, [field.name]));
			return undefined;
		}
		if (field.restrictedPicklist && !(field.picklist ?? []).includes(text)) {
			errors.push(err('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${label}: bad value for restricted picklist field: ${text}`, [field.name]));
			return undefined;
		}
		return text;
	}

	/**
	 * Applies a request body to a record: field access, types and lookups by a parent's external id
	 * (`"Account": {"External_Id__c": "X"}`). Collects every error, like Salesforce does.
	 */
	private applyBody(object: ObjectDef, body: Rec, mode: 'insert' | 'update', target: Rec, skip: string[] = []): void {
		const errors: SfError[] = [];
		const notWritable: string[] = [];
		for (const [key, raw] of Object.entries(body)) {
			if (key === 'attributes' || skip.includes(key.toLowerCase())) continue;
			const rel = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? relationshipField(object, key) : undefined;
			if (rel) {
				const parentObject = objectDef(rel.referenceTo![0])!;
				const entries = Object.entries(raw as Rec).filter(([k]) => k !== 'attributes');
				const extField = entries.length === 1 ? fieldDef(parentObject, entries[0][0]) : undefined;
				if (!extField || !(extField.externalId || extField.name === 'Id')) {
					errors.push(err('INVALID_FIELD', `Invalid foreign key relationship name ${key}`, [key]));
					continue;
				}
				const matches = this.findByField(parentObject, extField, entries[0][1]);
				if (matches.length !== 1) {
					const reason = matches.length ? 'more than one record found' : 'not found';
					errors.push(err('INVALID_FIELD', `Foreign key external ID: ${String(entries[0][1])} ${reason} for field ${extField.name} in entity ${parentObject.name}`, [rel.name]));
					continue;
				}
				if (!(mode === 'insert' ? rel.createable : rel.updateable)) notWritable.push(rel.name);
				else target[rel.name] = matches[0].Id;
				continue;
			}
			const field = fieldDef(object, key);
			if (!field) {
				errors.push(err('INVALID_FIELD', `No such column '${key}' on sobject of type ${object.name}`, []));
				continue;
			}
			if (!(mode === 'insert' ? field.createable : field.updateable)) {
				notWritable.push(field.name);
				continue;
			}
			const value = this.coerce(object, field, raw, errors);
			if (value === null && !field.nillable && mode === 'update') {
				errors.push(err('REQUIRED_FIELD_MISSING', `Required fields are missing: [${field.name}]`, [field.name]));
				continue;
			}
			if (value !== undefined) target[field.name] = value;
		}
		if (notWritable.length) {
			errors.push(
				err(
					'INVALID_FIELD_FOR_INSERT_UPDATE',
					`Unable to create/update fields: ${notWritable.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
					notWritable,
				),
			);
		}
		if (errors.length) throw new RecordError(errors);
	}

	private checkUnique(object: ObjectDef, record: Rec): void {
		for (const field of object.fields.filter((f) => f.unique && record[f.name] !== null && record[f.name] !== undefined)) {
			const clash = this.findByField(object, field, record[field.name]).find((r) => r.Id !== record.Id);
			if (clash) {
				throw new RecordError([
					err('DUPLICATE_VALUE', `duplicate value found: ${field.name} duplicates value on record with id: ${String(clash.Id)}`, [field.name]),
				]);
			}
		}
	}

	/** Object-specific rules that run after the body is applied, before the record is saved. */
	/** What the PSA package's triggers (sandbox/salesforce/certinia/rules.ts) may read and write. */
	private readonly psaAccess: PsaOrgAccess = {
		byId: (id) => this.byId(id),
		records: (object) => this.records(object),
		objectDef: (name) => objectDef(name),
		systemUpsertSplit: (header, userId) => this.writeTimecardSplit(header, userId),
	};

	/** PSA writes a timecard's split itself (one per header here: the sandbox has no time-period boundaries). */
	private writeTimecardSplit(header: Rec, userId: string): void {
		const object = objectDef('pse__Timecard__c')!;
		const copied = object.fields.map((f) => f.name).filter((name) => name.startsWith('pse__') && name !== 'pse__Timecard_Header__c' && name in header);
		let split = this.records(object).find((r) => r.pse__Timecard_Header__c === header.Id);
		if (!split) {
			split = {};
			for (const f of object.fields) split[f.name] = null;
			split.Id = this.nextId(object);
			split.IsDeleted = false;
			split.OwnerId = header.OwnerId;
			split.CurrencyIsoCode = header.CurrencyIsoCode;
			split.pse__Timecard_Header__c = header.Id;
			split.Name = `TC-${String(this.records(object).length + 1).padStart(6, '0')}`;
			split.CreatedDate = this.stampPeek();
			split.CreatedById = userId;
			this.table(object).set(String(split.Id), split);
		}
		for (const name of copied) split[name] = header[name];
		split.pse__Approved_for_Billing__c = header.pse__Approved__c === true && header.pse__Billable__c === true;
		this.touch(split, userId);
	}

	private applyRules(object: ObjectDef, record: Rec, before: Rec | undefined): void {
		try {
			applyPsaRules(this.psaAccess, object, record, before);
		} catch (error) {
			if (error instanceof PsaRuleViolation) throw new RecordError([error.error]);
			throw error;
		}
		if (object.name === 'Opportunity') {
			const stage = OPPORTUNITY_STAGES.find((s) => s.name === record.StageName)!;
			if (!before) record.Probability ??= stage.probability;
			else if (before.StageName !== record.StageName) {
				record.LastStageChangeDate = this.stampPeek();
				// A stage change resets the probability unless the same request set one.
				if (record.Probability === before.Probability) record.Probability = stage.probability;
			}
			record.IsClosed = stage.isClosed;
			record.IsWon = stage.isWon;
			record.ForecastCategoryName = stage.forecastCategory;
			if (record.HasOpportunityLineItem) record.Amount = this.lineItemTotal(String(record.Id));
		}
		if (object.name === 'Contract') {
			record.Status ??= 'Draft';
			record.EndDate = record.StartDate && record.ContractTerm ? addMonths(String(record.StartDate), Number(record.ContractTerm)) : null;
			if (record.Status === 'Activated' && before?.Status !== 'Activated') record.ActivatedDate = this.stampPeek();
		}
		if (object.name === 'PricebookEntry') {
			const product = this.byId(String(record.Product2Id));
			record.Name = product?.Name ?? null;
			record.ProductCode = product?.ProductCode ?? null;
		}
		if (object.name === 'OpportunityLineItem') this.applyLineItemRules(record, before);
	}

	private afterPsa(object: ObjectDef, record: Rec, userId: string): void {
		for (const touched of afterPsaWrite(this.psaAccess, object, record, userId).touched) this.touch(touched, userId);
	}

	private stampPeek(): string {
		return formatDatetime(Math.max(this.now(), this.lastStamp + 1));
	}

	private lineItemTotal(opportunityId: string): number {
		const cents = this.records(objectDef('OpportunityLineItem')!)
			.filter((li) => li.OpportunityId === opportunityId)
			.reduce((sum, li) => sum + toCents(Number(li.TotalPrice ?? 0)), 0);
		return cents / 100;
	}

	private applyLineItemRules(record: Rec, before: Rec | undefined): void {
		const opportunity = this.byId(String(record.OpportunityId))!;
		if (!before) {
			let entry = record.PricebookEntryId ? this.byId(String(record.PricebookEntryId)) : undefined;
			if (!entry && record.Product2Id) {
				const pricebookId = opportunity.Pricebook2Id ?? this.records(objectDef('Pricebook2')!).find((p) => p.IsStandard)?.Id;
				entry = this.records(objectDef('PricebookEntry')!).find((e) => e.Product2Id === record.Product2Id && e.Pricebook2Id === pricebookId);
			}
			if (!entry) {
				throw new RecordError([err('REQUIRED_FIELD_MISSING', 'Required fields are missing: [PricebookEntryId]', ['PricebookEntryId'])]);
			}
			if (opportunity.Pricebook2Id && opportunity.Pricebook2Id !== entry.Pricebook2Id) {
				throw new RecordError([
					err('FIELD_INTEGRITY_EXCEPTION', 'field integrity exception: PricebookEntryId (pricebook entry is in a different pricebook than the one assigned to the opportunity)', ['PricebookEntryId']),
				]);
			}
			const product = this.byId(String(entry.Product2Id))!;
			record.PricebookEntryId = entry.Id;
			record.Product2Id = product.Id;
			record.ProductCode = product.ProductCode ?? null;
			record.ListPrice = entry.UnitPrice;
			record.Name = `${String(opportunity.Name)} ${String(product.Name)}`;
			if (record.UnitPrice !== undefined && record.TotalPrice !== undefined && record.UnitPrice !== null && record.TotalPrice !== null) {
				throw new RecordError([err('FIELD_INTEGRITY_EXCEPTION', 'field integrity exception: TotalPrice (cannot specify both unit price and total price)', ['TotalPrice'])]);
			}
			if ((record.UnitPrice ?? null) === null && (record.TotalPrice ?? null) === null) {
				throw new RecordError([err('FIELD_INTEGRITY_EXCEPTION', 'field integrity exception: TotalPrice (must specify either TotalPrice or UnitPrice)', ['TotalPrice'])]);
			}
		}
		const quantity = Number(record.Quantity);
		if (!(quantity > 0)) throw new RecordError([err('FIELD_INTEGRITY_EXCEPTION', 'field integrity exception: Quantity (quantity must be positive)', ['Quantity'])]);
		const priceChanged = !before || before.UnitPrice !== record.UnitPrice || before.Quantity !== record.Quantity;
		if (record.TotalPrice !== undefined && record.TotalPrice !== null && (!before || before.TotalPrice !== record.TotalPrice)) {
			record.UnitPrice = toCents(Number(record.TotalPrice) / quantity) / 100;
		} else if (priceChanged) {
			record.TotalPrice = Math.round(toCents(Number(record.UnitPrice)) * quantity) / 100;
		}
	}

	/** After a line item is written, the opportunity rolls it up (and is itself modified). */
	private rollUpOpportunity(opportunityId: string, userId: string): void {
		const opportunity = this.byId(opportunityId);
		if (!opportunity) return;
		const items = this.records(objectDef('OpportunityLineItem')!).filter((li) => li.OpportunityId === opportunityId);
		opportunity.HasOpportunityLineItem = items.length > 0;
		if (items.length) {
			opportunity.Amount = this.lineItemTotal(opportunityId);
			const entry = this.byId(String(items[0].PricebookEntryId));
			opportunity.Pricebook2Id ??= entry?.Pricebook2Id ?? null;
		}
		this.touch(opportunity, userId);
	}

	private touch(record: Rec, userId: string): void {
		const stamp = this.stamp();
		record.LastModifiedDate = stamp;
		record.LastModifiedById = userId;
		record.SystemModstamp = stamp;
	}

	/** Creates a record; returns its id. Throws RecordError with Salesforce's errors. */
	insert(objectName: string, body: Rec, userId: string, options: { skip?: string[] } = {}): string {
		const object = objectDef(objectName)!;
		const record: Rec = {};
		for (const f of object.fields) record[f.name] = null;
		this.applyBody(object, body, 'insert', record, options.skip);
		const missing = object.fields.filter((f) => f.required && (record[f.name] === null || record[f.name] === undefined)).map((f) => f.name);
		if (missing.length) throw new RecordError([err('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing)]);
		record.Id = this.nextId(object);
		record.IsDeleted = false;
		if (fieldDef(object, 'OwnerId')) record.OwnerId ??= userId;
		for (const f of object.fields) if (f.type === 'boolean' && record[f.name] === null) record[f.name] = f.defaultBoolean ?? f.name === 'IsActive';
		for (const f of object.fields) if (f.defaultNumber !== undefined && record[f.name] === null) record[f.name] = f.defaultNumber;
		if (object.name === 'Contract') record.ContractNumber = String(this.contractNumber++).padStart(8, '0');
		if (object.name === 'User') record.Name = record.Name ?? String(record.Username).split('@')[0];
		this.applyRules(object, record, undefined);
		this.checkUnique(object, record);
		const stamp = this.stamp();
		record.CreatedDate = stamp;
		record.CreatedById = userId;
		record.LastModifiedDate = stamp;
		record.LastModifiedById = userId;
		record.SystemModstamp = stamp;
		this.table(object).set(String(record.Id), record);
		if (object.name === 'OpportunityLineItem') this.rollUpOpportunity(String(record.OpportunityId), userId);
		this.afterPsa(object, record, userId);
		return String(record.Id);
	}

	/** Updates a record by id. A no-op body still counts as a modification, as in Salesforce. */
	update(objectName: string, id: string, body: Rec, userId: string, options: { skip?: string[] } = {}): void {
		const object = objectDef(objectName)!;
		const existing = this.byId(id);
		if (!existing || !String(existing.Id).startsWith(object.keyPrefix)) {
			if (this.isDeleted(id)) throw new RecordError([err('ENTITY_IS_DELETED', 'entity is deleted')], 404);
			throw new RecordError([err('NOT_FOUND', 'The requested resource does not exist')], 404);
		}
		const next: Rec = { ...existing };
		this.applyBody(object, body, 'update', next, options.skip);
		this.applyRules(object, next, existing);
		this.checkUnique(object, next);
		Object.assign(existing, next);
		this.touch(existing, userId);
		if (object.name === 'OpportunityLineItem') this.rollUpOpportunity(String(existing.OpportunityId), userId);
		this.afterPsa(object, existing, userId);
	}

	/**
	 * Upsert by an external id field: creates when nothing matches, updates the one match, and refuses
	 * several matches (the caller answers 300 with their URLs).
	 */
	upsert(
		objectName: string,
		extFieldName: string,
		value: string,
		body: Rec,
		userId: string,
		options: { updateOnly?: boolean } = {},
	): { id: string; created: boolean } | { multiple: string[] } {
		const object = objectDef(objectName)!;
		const extField = fieldDef(object, extFieldName)!;
		const bodyValue = Object.entries(body).find(([k]) => k.toLowerCase() === extField.name.toLowerCase())?.[1];
		if (bodyValue !== undefined && String(bodyValue) !== value) {
			throw new RecordError([
				err('INVALID_FIELD', `The external ID field ${extField.name} in the request body does not match the value in the URL`, [extField.name]),
			]);
		}
		const matches = this.findByField(object, extField, value);
		if (matches.length > 1) return { multiple: matches.map((m) => String(m.Id)) };
		const skip = [extField.name.toLowerCase()];
		if (matches.length === 1) {
			this.update(objectName, String(matches[0].Id), body, userId, { skip });
			return { id: String(matches[0].Id), created: false };
		}
		if (options.updateOnly || extField.name === 'Id') throw new RecordError([err('NOT_FOUND', 'The requested resource does not exist')], 404);
		const id = this.insert(objectName, { ...body, [extField.name]: value }, userId, {});
		return { id, created: true };
	}

	/** Seeding writes bypass nothing but the clock: they get the timestamps the seed asks for. */
	atTime<T>(ms: number, work: () => T): T {
		const clock = this.clock;
		const lastStamp = this.lastStamp;
		this.clock = () => ms;
		this.lastStamp = Math.min(this.lastStamp, ms - 1);
		try {
			return work();
		} finally {
			this.clock = clock;
			this.lastStamp = Math.max(lastStamp, this.lastStamp);
		}
	}
}

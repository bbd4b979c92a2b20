import type { IDataObject } from 'n8n-workflow';

import { validateCanonical } from '../../lib/canonical';
import { RevenueSchedule } from '../../nodes/RevenueSchedule/RevenueSchedule.node';
import { contract, executeNode as execute } from './helpers';

const twoObligations = contract({
	contractId: 'C-2',
	transactionPrice: '900',
	obligations: [
		{ id: 'A', ssp: '2', pattern: { type: 'straightLine', start: '2025-01-01', end: '2025-03-31', convention: 'evenPeriods' } },
		{ id: 'B', ssp: '1', pattern: { type: 'pointInTime', date: '2025-05-20' } },
	],
});

const data = (json: IDataObject) => json.revenueSchedule as { obligationId: string; total: { amount: string }; lines: Array<{ period: string; status: string }> };

describe('Revenue Schedule node: Canonical Revenue Schedules', () => {
	it('offers the mode, with its Environment, and hides the trace and journal accounts it does not output', () => {
		const properties = new RevenueSchedule().description.properties;
		const mode = properties.find((property) => property.name === 'outputMode')!;
		expect(mode.options).toEqual(expect.arrayContaining([expect.objectContaining({ value: 'canonical' })]));
		expect(properties.find((property) => property.name === 'environment')?.displayOptions).toEqual({ show: { outputMode: ['canonical'] } });
		for (const name of ['includeTrace', 'accounts']) expect(properties.find((property) => property.name === name)?.displayOptions).toEqual({ hide: { outputMode: ['canonical'] } });
	});

	it('one canonical record per obligation, paired with its item: the whole plan, lines recognized through As-Of', async () => {
		const [schedules, exceptions] = await execute([{ json: { contract: twoObligations, correlationId: 'corr-7' } }], { outputMode: 'canonical', asOf: '2025-02-28T00:00:00.000Z', environment: 'production' });
		expect(exceptions).toEqual([]);
		expect(schedules.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		const [a, b] = schedules.map((item) => item.json);
		// Nothing beside the record: a top-level field would fail a strict check downstream.
		expect(Object.keys(a)).toEqual(['envelope', 'revenueSchedule']);
		expect(a.envelope).toMatchObject({ entity: 'revenueSchedule', correlationId: 'corr-7', source: { system: 'revenueSchedule', environment: 'production', object: 'performanceObligation', id: 'C-2/A' } });
		expect(data(a)).toMatchObject({ obligationId: 'A', total: { amount: '600.00' } });
		expect(data(a).lines.map((line) => `${line.period} ${line.status}`)).toEqual(['2025-01 recognized', '2025-02 recognized', '2025-03 planned']);
		// As-Of does not cut the plan in this mode: May's delivery is there, planned.
		expect(data(b).lines.map((line) => `${line.period} ${line.status}`)).toEqual(['2025-05 planned']);
		for (const json of [a, b]) expect(validateCanonical('revenueSchedule', json, { unknownFields: 'strict' })).toEqual({ valid: true, problems: [] });
	});

	it('every input item ends in exactly one place; a failing contract goes to Exceptions with the field named', async () => {
		const nothingYet = contract({ contractId: 'AI-1', obligations: [{ id: 'AI', ssp: '1', pattern: { type: 'asInvoiced', invoices: [] } }] });
		const [schedules, exceptions] = await execute(
			[
				{ json: { contract: twoObligations } },
				{ json: { contract: contract({ contractId: 'BAD-1', transactionPrice: '1.234' }), correlationId: 'corr-bad' } },
				{ json: { contract: nothingYet } },
				{ json: { contract: contract({ contractId: 'P-1', project: { name: 'no id' } }) } },
				{ json: { nothing: true } },
			],
			{ outputMode: 'canonical' },
		);
		expect([...new Set(schedules.map((item) => (item.pairedItem as { item: number }).item))]).toEqual([0]);
		expect(exceptions.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }, { item: 3 }, { item: 4 }]);
		expect(exceptions[0].json).toMatchObject({ contractId: 'BAD-1', correlationId: 'corr-bad', errors: [{ code: 'INVALID_AMOUNT', message: expect.stringMatching(/^transactionPrice:/) }] });
		expect(exceptions[1].json).toMatchObject({ contractId: 'AI-1', errors: [{ code: 'NOTHING_SCHEDULED', message: expect.stringMatching(/^obligations\.AI:/) }], payload: { contract: nothingYet } });
		expect(exceptions[2].json).toMatchObject({ errors: [{ code: 'INVALID_CANONICAL', message: expect.stringContaining('revenueSchedule.project.id') }] });
		expect(exceptions[3].json).toMatchObject({ errors: [{ code: 'MISSING_CONTRACT' }] });
	});

	it('an As-Of that is not a date is an exception naming asOf, not a schedule', async () => {
		const [schedules, exceptions] = await execute([{ json: { contract: twoObligations } }], { outputMode: 'canonical', asOf: '2025-02-30' });
		expect(schedules).toEqual([]);
		expect(exceptions[0].json).toMatchObject({ errors: [{ code: 'INVALID_DATE', message: expect.stringMatching(/^asOf:/) }] });
	});

	it('the same contract on another run gives the same keys; the contract mode output is untouched by the new mode', async () => {
		const [first] = await execute([{ json: { contract: twoObligations, correlationId: 'run-1' } }], { outputMode: 'canonical' });
		const [second] = await execute([{ json: { contract: twoObligations, correlationId: 'run-2' } }], { outputMode: 'canonical' });
		expect(second.map((item) => (item.json.envelope as IDataObject).idempotencyKey)).toEqual(first.map((item) => (item.json.envelope as IDataObject).idempotencyKey));
		const [contractMode] = await execute([{ json: { contract: twoObligations } }], { asOf: '2025-02-28' });
		// The contract mode still cuts at As-Of: May's delivery is not there.
		expect((contractMode[0].json.schedule as IDataObject[]).map((line) => line.period)).toEqual(['2025-01', '2025-02']);
	});
});

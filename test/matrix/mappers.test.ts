/**
 * The two canonical mapping changes the PSA × ERP matrix needed: an Oracle project's WBS tasks are named by
 * TaskNumber (the key Oracle's costs name a task by, and what fromCanonical writes back), and a Kantata record
 * read with its external references carries its one reference's id as the source's external id (the firm's id
 * the matrix pairs people and projects by).
 */
import { fromCanonicalRecord, toCanonicalRecord } from '../../lib/canonical';
import { mapperByKey } from '../../nodes/CanonicalTransform/mappers';

const context = { environment: 'sandbox' as const, correlationId: 'matrix-test' };

describe('Oracle project tasks', () => {
	const project = {
		ProjectId: 300000001000019,
		ProjectNumber: 'SF-006A000101',
		ProjectName: 'Acme ERP Implementation',
		ProjectStatusCode: 'ACTIVE',
		ProjectCurrencyCode: 'USD',
		Tasks: [
			{ TaskId: 300000001000020, TaskNumber: 'SF-006A000101-T1', TaskName: 'Discovery' },
			{ TaskId: 300000001000021, TaskNumber: 'SF-006A000101-T1.1', TaskName: 'Interviews', ParentTaskId: 300000001000020 },
		],
	};

	it('names each task and its parent by TaskNumber, so a cost or a write back names the same task', () => {
		const mapper = mapperByKey('oracleFusion:projects')!;
		const canonical = toCanonicalRecord(mapper, project, context);
		expect(canonical.ok).toBe(true);
		const tasks = (canonical.value as unknown as { project: { tasks: Array<{ taskId: string; parentTaskId?: string }> } }).project.tasks;
		expect(tasks.map((t) => [t.taskId, t.parentTaskId])).toEqual([
			['SF-006A000101-T1', undefined],
			['SF-006A000101-T1.1', 'SF-006A000101-T1'],
		]);
		const rendered = fromCanonicalRecord(mapper, { ...canonical.value, envelope: { ...canonical.value!.envelope } }, { verifyIdempotencyKey: false });
		expect(((rendered.value?.record as { Tasks: Array<{ TaskNumber: string }> }).Tasks ?? []).map((t) => t.TaskNumber)).toEqual(['SF-006A000101-T1', 'SF-006A000101-T1.1']);
	});
});

describe('Kantata external references', () => {
	const reference = (id: string, ref: string, subject = '1013') => ({ id, service_name: 'firm', service_model: 'project', service_model_ref: ref, subject_id: subject, subject_type: 'Workspace' });
	const workspace = (references: object[]) => ({ id: '1013', title: 'Acme ERP Implementation', currency: 'USD', currency_base_unit: 100, status_key: 400, start_date: '2026-01-12', updated_at: '2026-01-05T09:00:00.000Z', external_reference_ids: references.map((r) => (r as { id: string }).id), included: { external_references: references } });
	const externalIdOf = (record: object) => (toCanonicalRecord(mapperByKey('kantata:workspace')!, record, context).value as unknown as { envelope: { source: { externalId?: string } } }).envelope.source.externalId;

	it('a record with one external reference carries its id as the source external id', () => {
		expect(externalIdOf(workspace([reference('1014', 'SF-006A000101')]))).toBe('SF-006A000101');
	});

	it('none with several references (which system\'s id would it be?), none without, none for another record\'s', () => {
		expect(externalIdOf(workspace([reference('1014', 'SF-006A000101'), reference('1015', '006A000101')]))).toBeUndefined();
		expect(externalIdOf(workspace([]))).toBeUndefined();
		expect(externalIdOf(workspace([reference('1014', 'SF-006A000102', '1031')]))).toBeUndefined();
	});
});

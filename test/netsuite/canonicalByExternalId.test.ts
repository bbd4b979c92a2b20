/**
 * Issue 8, item 13: a canonical Get of a project by `eid:<external id>` reads its project tasks by the internal
 * id NetSuite returned, so the WBS and the idempotency key are the same as for a Get by internal id.
 */
import { netSuiteSandboxCredentials } from '../../sandbox/netsuite';
import { netSuiteNode, run, useNetSuiteSandbox, workflow } from './helpers';

type Rec = Record<string, any>;

const CANONICAL = { output: 'canonical', canonicalEnvironment: 'sandbox', canonicalOptions: { defaultCurrency: 'USD' } };

const suite = useNetSuiteSandbox();

async function getProject(recordId: string): Promise<Rec> {
	const result = await run(
		workflow([{ correlationId: 'eid-run-1' }], netSuiteNode({ resource: 'job', operation: 'get', recordId: { __rl: true, mode: 'id', value: recordId }, ...CANONICAL })),
		{ p2cNetSuiteTbaApi: netSuiteSandboxCredentials(suite.baseUrl) },
	);
	expect(result.error).toBeUndefined();
	return result.output('NetSuite')[0] as Rec;
}

describe('NetSuite canonical Get by external id', () => {
	it('reads the project tasks by the internal id NetSuite returned, not by the eid: the user gave', async () => {
		const tasksOf = (jobId: string) => suite.sandbox.store.all('projectTask').filter((task) => (task.fields.project as Rec)?.id === jobId);
		const job = suite.sandbox.store.all('job').find((candidate) => tasksOf(String(candidate.id)).length > 1)!;
		const id = String(job.id);
		const externalId = typeof job.fields.externalId === 'string' ? job.fields.externalId : 'SF-006EIDTEST0001';
		job.fields.externalId = externalId;

		const byInternalId = await getProject(id);
		const suiteQlBefore = suite.sandbox.requests.filter((r) => r.path.endsWith('/suiteql')).length;
		const byExternalId = await getProject(`eid:${externalId}`);

		const taskIds = (record: Rec) => ((record.project as Rec).tasks as Rec[]).map((task) => task.taskId).sort();
		expect(byExternalId.problems).toBeUndefined();
		expect(taskIds(byExternalId)).toEqual(tasksOf(id).map((task) => String(task.id)).sort());
		expect(taskIds(byExternalId)).toEqual(taskIds(byInternalId));
		expect(byExternalId.envelope.source.id).toBe(id);
		expect(byExternalId.envelope.idempotencyKey).toBe(byInternalId.envelope.idempotencyKey);

		// The task query names the project by its internal id.
		const queries = suite.sandbox.requests.filter((r) => r.path.endsWith('/suiteql')).slice(suiteQlBefore);
		expect(queries.map((r) => String((r.body as Rec)?.q))).toEqual([expect.stringContaining(`project = '${id}'`)]);
	});
});

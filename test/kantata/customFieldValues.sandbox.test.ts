/**
 * Kantata custom field values read by the subject they are set on (the invoice-payment-status template reads its
 * clients' cash fields with Subject Type: Workspace Group), and written and updated through the node.
 */
import { kantataNode, useKantataSandbox, workflow } from './helpers';

const suite = useKantataSandbox();

describe('Kantata custom field values', () => {
	it('reads only the values of the chosen subject type, sent as subject_type', async () => {
		const account = suite.sandbox.account;
		const group = account.records('workspace_groups')[0];
		const workspace = account.records('workspaces')[0];
		account.insert('custom_field_values', { subject_type: 'WorkspaceGroup', subject_id: String(group.id), custom_field_id: '91001', value: '15700.40' });
		account.insert('custom_field_values', { subject_type: 'Workspace', subject_id: String(workspace.id), custom_field_id: '92001', value: 'Green' });
		const node = kantataNode({ resource: 'customFieldValue', operation: 'getMany', returnAll: true, filters: { subjectType: 'WorkspaceGroup' } });
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		expect(result.output('Kantata').map((v) => [v.subject_type, v.custom_field_id, v.value])).toEqual([['WorkspaceGroup', '91001', '15700.40']]);
		const request = suite.sandbox.requests.find((r) => r.path === '/api/v1/custom_field_values.json')!;
		expect(new URLSearchParams(request.query).get('subject_type')).toBe('WorkspaceGroup');
	}, 60_000);
});

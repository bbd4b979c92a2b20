/**
 * The canonical benchmark inside a real n8n: a sub-workflow generates N NetSuite time bills (Code node), runs
 * them through Canonical Transform toCanonical then validate, and reports the elapsed time; a control
 * sub-workflow does the same without the two nodes. The difference is what the nodes cost inside n8n's engine.
 * Inline sub-workflows keep the 100,000 items out of `n8n execute`'s printed result and out of the database.
 */
import { ensureN8n, N8nInstance, nodeOutput, packPackage } from '../../lib/realN8n';

const PARENT_ID = 'benchCanonParent';

function subWorkflow(id: string, withCanonical: boolean, generatorSource: string, count: number): object {
	const node = (name: string, type: string, typeVersion: number, parameters: object, x: number) => ({ id: name, name, type, typeVersion, position: [x, 0], parameters });
	const chain = [
		node('Start', 'n8n-nodes-base.executeWorkflowTrigger', 1.1, { inputSource: 'passthrough' }, 0),
		node('Start clock', 'n8n-nodes-base.code', 2, { jsCode: 'return [{ json: { startedAt: Date.now() } }];' }, 200),
		node('Generate time bills', 'n8n-nodes-base.code', 2, { jsCode: `${generatorSource}\nconst out = [];\nfor (let i = 0; i < ${count}; i++) out.push({ json: timeBill(i) });\nreturn out;` }, 400),
		...(withCanonical
			? [
					node('To canonical', 'n8n-nodes-planning-to-cash.canonicalTransform', 1, { operation: 'toCanonical', source: 'netsuite:timeBill', environment: 'production', defaultCurrency: 'USD', options: { unknownFields: 'strict' } }, 600),
					node('Validate', 'n8n-nodes-planning-to-cash.canonicalTransform', 1, { operation: 'validate', entity: 'timeEntry', options: { unknownFields: 'strict' } }, 800),
				]
			: []),
		// A built-in Limit node (no task runner hop), so both variants hand the clock the same single item.
		node('Keep one', 'n8n-nodes-base.limit', 1, { maxItems: 1 }, 1000),
		node('Stop clock', 'n8n-nodes-base.code', 2, {
			// Reads only the clock and the one item: referring to a 100,000-item node would ship it to the runner.
			jsCode: "const ms = Date.now() - $('Start clock').first().json.startedAt;\nreturn [{ json: { ms, canonical: Boolean($input.first().json.envelope) } }];",
		}, 1200),
	];
	const connections: Record<string, object> = {};
	for (let i = 0; i < chain.length - 1; i++) connections[chain[i].name] = { main: [[{ node: chain[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name: id, nodes: chain, connections, settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none', saveDataErrorExecution: 'none' } };
}

/** Sub-workflows are given inline (source: parameter): n8n 2.x runs a database sub-workflow only once published. */
function parentWorkflow(subs: Array<{ id: string; workflow: object }>): object {
	const nodes: object[] = [{ id: 'm', name: 'Run', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
	const connections: Record<string, object> = {};
	let previous = 'Run';
	subs.forEach(({ id: subId, workflow }, i) => {
		const name = `Run ${subId}`;
		nodes.push({
			id: `s${i}`,
			name,
			type: 'n8n-nodes-base.executeWorkflow',
			typeVersion: 1.2,
			position: [200 * (i + 1), 0],
			parameters: { source: 'parameter', workflowJson: JSON.stringify(workflow), mode: 'once', options: { waitForSubWorkflow: true } },
		});
		connections[previous] = { main: [[{ node: name, type: 'main', index: 0 }]] };
		previous = name;
	});
	return { id: PARENT_ID, name: 'Canonical benchmark', nodes, connections, settings: { executionOrder: 'v1' } };
}

/** Runs both sub-workflows in a fresh real n8n and returns items per second for the two canonical nodes. */
export async function benchmarkInRealN8n(generatorSource: string, count: number): Promise<{ totalMs: number; controlMs: number; nodeMs: number; itemsPerSecond: number }> {
	const binaries = await ensureN8n();
	const tarball = await packPackage();
	const n8n = N8nInstance.fresh(binaries, 'n8n-bench');
	Object.assign(n8n.env, { NODE_OPTIONS: '--max-old-space-size=8192', N8N_RUNNERS_MAX_PAYLOAD: String(1024 * 1024 * 1024) });
	await n8n.installPackage(tarball);
	// The first run warms n8n and its task runner up and is not counted.
	const subs = [
		{ id: 'benchCanonWarm01', workflow: subWorkflow('benchCanonWarm01', false, generatorSource, count) },
		{ id: 'benchCanonCtrl01', workflow: subWorkflow('benchCanonCtrl01', false, generatorSource, count) },
		{ id: 'benchCanonWith01', workflow: subWorkflow('benchCanonWith01', true, generatorSource, count) },
	];
	// Imported too: n8n records the inline sub-executions against these workflow ids.
	for (const sub of subs) await n8n.importWorkflow(sub.workflow);
	await n8n.importWorkflow(parentWorkflow(subs));
	const result = await n8n.execute(PARENT_ID);
	const control = nodeOutput(result.data, 'Run benchCanonCtrl01')[0];
	const withNodes = nodeOutput(result.data, 'Run benchCanonWith01')[0];
	if (!result.ok || !control || !withNodes) throw new Error(`benchmark run failed:\n${result.output.slice(-8000)}`);
	if (withNodes.canonical !== true) throw new Error('the Canonical Transform run produced no valid canonical item');
	const totalMs = Number(withNodes.ms);
	const controlMs = Number(control.ms);
	const nodeMs = Math.max(1, totalMs - controlMs);
	return { totalMs, controlMs, nodeMs, itemsPerSecond: count / (nodeMs / 1000) };
}

/**
 * What the governed-posting scenarios share: the outcome of every item of an opportunity-to-project run (summed
 * over every run of a node: with n8n's v1 order a node fed by several branches runs once per branch), NetSuite
 * records and writes per external id, and fresh closed-won opportunities to post.
 */
import { spawn } from 'child_process';

import { objectDef } from '../../sandbox/salesforce/schema';
import type { ScenarioContext } from '../lib/demo';
import type { ExecutionJson, N8nInstance } from '../lib/realN8n';

export const OPP_TO_PROJECT = 'p2cOppToProject1';
export const EXCEPTION_REPLAY = 'p2cExceptionReplay1';
export const LEDGER_TABLE = 'p2c_ledger';
export const EXCEPTION_TABLE = 'p2c_exceptions';
export const AUDIT_TABLE = 'p2c_audit';

export type Rec = Record<string, any>;

/** Runs a workflow in the instance's n8n (kept as a name the scenarios share). */
export function executeWorkflow(n8n: N8nInstance, workflowId: string): ReturnType<N8nInstance['execute']> {
	return n8n.execute(workflowId);
}

/** json of the items a node emitted on one output, over all its runs in the execution. */
export function allRuns(execution: ExecutionJson | undefined, nodeName: string, outputIndex = 0): Rec[] {
	const runs = execution?.data?.resultData?.runData?.[nodeName] ?? [];
	return runs.flatMap((run) => (run.data?.main?.[outputIndex] ?? []).map((item) => item.json));
}

/** Where each opportunity of a run ended: every input item must be in exactly one of the four outcomes. */
export interface PostingOutcome {
	input: number;
	posted: number;
	/** Already Done (the write-back healed) or claimed by another execution / parked: skipped as duplicate. */
	skippedAsDuplicate: number;
	stale: number;
	exception: number;
	healed: number;
	inProgressElsewhere: number;
	/** posted + skipped + stale + exception === input, and no opportunity counted twice. */
	accountedOnce: boolean;
}

export function postingOutcome(execution: ExecutionJson | undefined, entry = 'Opportunity'): PostingOutcome {
	const input = allRuns(execution, entry);
	const posted = allRuns(execution, 'Record Result', 0);
	const alreadyDone = allRuns(execution, 'Check & Claim', 1);
	const elsewhere = allRuns(execution, 'Check & Claim', 2);
	const parked = allRuns(execution, 'Park for PMO', 0);
	const stale = allRuns(execution, 'Order Guard', 1);
	const healed = allRuns(execution, 'Restore NetSuite ids on the opportunity', 0);
	// Each outcome names its opportunity by the ledger key; a key in two outcomes would be counted twice.
	const keys = [
		...posted.map((j) => j.ledger?.key),
		...alreadyDone.map((j) => j.ledger?.key),
		...elsewhere.map((j) => j.ledger?.key),
		...parked.map((j) => j.exception?.key),
		...stale.map((j) => `netsuite:project:SF-${String(j.Id)}`),
	];
	const outcome = {
		input: input.length,
		posted: posted.length,
		skippedAsDuplicate: alreadyDone.length + elsewhere.length,
		stale: stale.length,
		exception: parked.length,
		healed: healed.length,
		inProgressElsewhere: elsewhere.length,
	};
	const accountedOnce =
		outcome.posted + outcome.skippedAsDuplicate + outcome.stale + outcome.exception === outcome.input &&
		new Set(keys).size === keys.length &&
		keys.every((k) => typeof k === 'string' && k.startsWith('netsuite:project:SF-'));
	return { ...outcome, accountedOnce };
}

export function netSuiteRecords(context: ScenarioContext, type: string): Rec[] {
	return (context.sandboxes.netsuite.options.snapshot() as { records: Record<string, Rec[]> }).records[type] ?? [];
}

export function projectsFor(context: ScenarioContext, opportunityId: string): Rec[] {
	return netSuiteRecords(context, 'job').filter((r) => r.externalId === `SF-${opportunityId}`);
}

/** PUTs (upserts) NetSuite received for an opportunity's project, including answers that were lost. */
export function projectWrites(context: ScenarioContext, opportunityId: string): number {
	const path = `/services/rest/record/v1/job/eid:SF-${opportunityId}`;
	return context.sandboxes.netsuite.requests.filter((r) => r.method === 'PUT' && decodeURIComponent(r.path) === path).length;
}

export function opportunity(context: ScenarioContext, id: string): Rec | undefined {
	return context.sandboxes.salesforce.org.table(objectDef('Opportunity')!).get(id) as Rec | undefined;
}

/** Closed-won opportunities added to the org as a sales rep would, on existing accounts, without a project. */
export function addClosedWonOpportunities(context: ScenarioContext, names: string[]): string[] {
	const org = context.sandboxes.salesforce.org;
	const accounts = org.records(objectDef('Account')!) as Rec[];
	const users = org.records(objectDef('User')!) as Rec[];
	return names.map((name, i) =>
		org.insert(
			'Opportunity',
			{ Name: name, AccountId: accounts[i % accounts.length].Id, StageName: 'Closed Won', CloseDate: '2026-12-01', Type: 'New Business' },
			String(users[users.length - 1].Id),
		),
	);
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `n8n execute` that this scenario can kill: started in its own process group (n8n may start task runners),
 * killed with SIGKILL as a crash or an OOM kill would, when `killWhen` first returns true.
 */
export async function executeAndKill(
	n8n: N8nInstance,
	workflowId: string,
	killWhen: () => boolean,
	timeoutMs = 180_000,
): Promise<{ killed: boolean; code: number | null; output: string }> {
	const child = spawn(n8n.binaries.node, [n8n.binaries.n8n, 'execute', `--id=${workflowId}`, '--rawOutput'], {
		env: n8n.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	let killed = false;
	const deadline = Date.now() + timeoutMs;
	while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) {
		if (killWhen()) {
			process.kill(-child.pid!, 'SIGKILL');
			killed = true;
			break;
		}
		await wait(25);
	}
	if (!killed && child.exitCode === null && child.signalCode === null) {
		process.kill(-child.pid!, 'SIGKILL');
	}
	const code = await exited;
	return { killed, code, output };
}

/**
 * Benchmark (not a test): 100,000 NetSuite time bills through toCanonical + validate, in process.
 * Run with `npx tsx scripts/bench/canonical.ts [count] [--no-n8n] [--source]`; prints items per second (best of three
 * passes, wall and CPU), the load average beside each figure, and the machine.
 *
 * Three measurements:
 *   library      toCanonicalRecord (map + envelope + keys + schema check) then validateCanonical, per record
 *   node         the Canonical Transform node's execute (toCanonical, then validate) on batches of items,
 *                with a minimal execution context: the node's own per-item overhead, not n8n's engine
 *   real n8n     the node inside a real n8n 2.x (scripts/bench/lib/canonicalInN8n.ts); skip with --no-n8n
 */
import * as os from 'os';
import { join } from 'path';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type * as Canonical from '../../lib/canonical';
import type * as Transform from '../../nodes/CanonicalTransform/CanonicalTransform.node';
import type * as NetSuiteCanonical from '../../nodes/NetSuite/canonical';
import { benchmarkInRealN8n } from './lib/canonicalInN8n';
import { measuredCode, shippedRoot } from './lib/shipped';
import { NS, timeBill } from './lib/timeBills';

const built = shippedRoot(['lib/canonical/index.ts', 'nodes/CanonicalTransform/CanonicalTransform.node.ts']);
/* eslint-disable @typescript-eslint/no-require-imports */
const { toCanonicalRecord, validateCanonical } = require(join(built, 'lib', 'canonical')) as typeof Canonical;
const { CanonicalTransform } = require(join(built, 'nodes', 'CanonicalTransform', 'CanonicalTransform.node')) as typeof Transform;
const { timeBillMapper } = require(join(built, 'nodes', 'NetSuite', 'canonical')) as typeof NetSuiteCanonical;
/* eslint-enable @typescript-eslint/no-require-imports */

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const COUNT = Number(args[0] ?? 100000);
const IN_N8N = !process.argv.includes('--no-n8n');

/** The load average beside each figure: on a shared machine a figure means little without it. */
function load(): string {
	return os.loadavg().map((value) => value.toFixed(2)).join(' ');
}

function machine(): string {
	const cpus = os.cpus();
	return `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, node ${process.version}, ${os.platform()} ${os.arch()}`;
}

interface Clock {
	wall: bigint;
	cpu: NodeJS.CpuUsage;
}

function start(): Clock {
	return { wall: process.hrtime.bigint(), cpu: process.cpuUsage() };
}

/** Wall-clock and CPU seconds since `clock`: on a shared machine the CPU figure is the steadier one. */
function elapsed(clock: Clock): { wall: number; cpu: number } {
	const cpu = process.cpuUsage(clock.cpu);
	return { wall: Number(process.hrtime.bigint() - clock.wall) / 1e9, cpu: (cpu.user + cpu.system) / 1e6 };
}

interface Rates {
	wall: number;
	cpu: number;
}

function report(label: string, count: number, what: string, time: { wall: number; cpu: number }, quiet: boolean): Rates {
	const rate = count / time.wall;
	if (!quiet) process.stdout.write(
		`${label} ${count} ${what} in ${time.wall.toFixed(2)} s = ${Math.round(rate)} items/s ` +
			`(CPU ${time.cpu.toFixed(2)} s = ${Math.round(count / time.cpu)} items per CPU-second); load ${load()}\n`,
	);
	return { wall: rate, cpu: count / time.cpu };
}

function library(records: Array<Record<string, unknown>>, quiet = false): Rates {
	const context = { environment: 'production' as const, correlationId: 'bench-run', defaultCurrency: 'USD' };
	let valid = 0;
	const clock = start();
	for (const record of records) {
		const result = toCanonicalRecord(timeBillMapper, record, context, { unknownFields: 'strict' });
		if (result.ok && validateCanonical('timeEntry', result.value, { unknownFields: 'strict' }).valid) valid++;
	}
	const time = elapsed(clock);
	if (valid !== records.length) throw new Error(`only ${valid} of ${records.length} records were valid`);
	return report('library:', records.length, 'time bills, toCanonical + validate,', time, quiet);
}

/** The smallest execution context the node needs: input items and parameters. */
function context(parameters: Record<string, unknown>, items: INodeExecutionData[]): IExecuteFunctions {
	return {
		getInputData: () => items,
		getNodeParameter: (name: string, _index: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getNode: () => ({ name: 'Canonical Transform', type: 'n8n-nodes-planning-to-cash.canonicalTransform', typeVersion: 1, parameters }),
		continueOnFail: () => false,
	} as unknown as IExecuteFunctions;
}

async function node(records: Array<Record<string, unknown>>, batch = 1000, quiet = false): Promise<Rates> {
	const transform = new CanonicalTransform();
	const toCanonical = { operation: 'toCanonical', source: 'netsuite:timeBill', environment: 'production', defaultCurrency: 'USD', fieldOverrides: {}, options: { unknownFields: 'strict' } };
	const validate = { operation: 'validate', entity: 'timeEntry', options: { unknownFields: 'strict' } };
	let valid = 0;
	const clock = start();
	for (let offset = 0; offset < records.length; offset += batch) {
		const items = records.slice(offset, offset + batch).map((json) => ({ json: json as never }));
		const [canonical] = await transform.execute.call(context(toCanonical, items));
		const [checked] = await transform.execute.call(context(validate, canonical));
		valid += checked.length;
	}
	const time = elapsed(clock);
	if (valid !== records.length) throw new Error(`only ${valid} of ${records.length} items were valid`);
	return report('node:   ', records.length, 'items through Canonical Transform (toCanonical, then validate),', time, quiet);
}

async function main(): Promise<void> {
	process.stdout.write(`machine: ${machine()}; load average ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}; measuring ${measuredCode()}\n`);
	const records = Array.from({ length: COUNT }, (_, i) => timeBill(i));
	library(records.slice(0, Math.min(2000, COUNT)), true); // warm-up
	await node(records.slice(0, Math.min(2000, COUNT)), 1000, true);
	const best = { library: { wall: 0, cpu: 0 }, node: { wall: 0, cpu: 0 } };
	for (let round = 0; round < 3; round++) {
		const inLibrary = library(records, round < 2);
		const inNode = await node(records, 1000, round < 2);
		best.library = { wall: Math.max(best.library.wall, inLibrary.wall), cpu: Math.max(best.library.cpu, inLibrary.cpu) };
		best.node = { wall: Math.max(best.node.wall, inNode.wall), cpu: Math.max(best.node.cpu, inNode.cpu) };
	}
	process.stdout.write(
		`best of 3: library ${Math.round(best.library.wall)} items/s (${Math.round(best.library.cpu)} per CPU-second), ` +
			`node ${Math.round(best.node.wall)} items/s (${Math.round(best.node.cpu)} per CPU-second); load ${load()}\n`,
	);
	if (IN_N8N) {
		const generator = `const NS = ${JSON.stringify(NS)};\n${timeBill.toString()}`;
		const real = await benchmarkInRealN8n(generator, COUNT);
		process.stdout.write(
			`real n8n: ${COUNT} items through Canonical Transform (toCanonical, then validate) in ${(real.nodeMs / 1000).toFixed(2)} s = ` +
				`${Math.round(real.itemsPerSecond)} items/s (sub-workflow ${(real.totalMs / 1000).toFixed(2)} s, ` +
				`of which ${(real.controlMs / 1000).toFixed(2)} s for the same run without the two nodes); load ${load()}\n`,
		);
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});

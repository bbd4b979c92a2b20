/**
 * Benchmark (not a test): 10,000 contracts × 3 obligations × 36 monthly periods through the revenue engine.
 * Run with `npx tsx scripts/bench/revenue.ts [contracts] [--source]`; prints the best of three runs (fewest CPU-seconds)
 * with the trace on and off (wall and CPU seconds), the load average beside each figure, and the machine.
 */
import * as os from 'os';
import { join } from 'path';

import type * as Revenue from '../../lib/revenue';
import { benchContract } from './lib/revenueContracts';
import { measuredCode, shippedRoot } from './lib/shipped';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { computeRevenueSchedule } = require(join(shippedRoot(['lib/revenue/index.ts']), 'lib', 'revenue')) as typeof Revenue;

// An optional numeric argument changes the contract count (e.g. for a quick run); anything else is ignored.
const CONTRACTS = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 10000);

function load(): string {
	return os.loadavg().map((value) => value.toFixed(2)).join(' ');
}

/** One pass over the contracts: wall and CPU seconds. */
function pass(inputs: Array<Record<string, unknown>>, trace: boolean): { wall: number; cpu: number; lines: number } {
	let lines = 0;
	const cpu = process.cpuUsage();
	const started = process.hrtime.bigint();
	for (const input of inputs) {
		const result = computeRevenueSchedule(input, { trace });
		if (result.errors.length) throw new Error(`${result.contractId}: ${result.errors[0].message}`);
		lines += result.schedule.length;
	}
	const used = process.cpuUsage(cpu);
	return { wall: Number(process.hrtime.bigint() - started) / 1e9, cpu: (used.user + used.system) / 1e6, lines };
}

function run(trace: boolean): void {
	const inputs = Array.from({ length: CONTRACTS }, (_, i) => benchContract(i));
	pass(inputs.slice(0, Math.min(500, CONTRACTS)), trace); // warm-up
	let best: ReturnType<typeof pass> | undefined;
	for (let round = 0; round < 3; round++) {
		const measured = pass(inputs, trace);
		// CPU-seconds pick the best run: on a shared machine wall time mostly measures the other jobs.
		if (!best || measured.cpu < best.cpu) best = measured;
	}
	const { wall, cpu, lines } = best!;
	process.stdout.write(
		`trace ${trace ? 'on ' : 'off'}: ${CONTRACTS} contracts, ${lines} schedule lines in ${wall.toFixed(2)} s = ${Math.round(CONTRACTS / wall)} contracts/s ` +
			`(CPU ${cpu.toFixed(2)} s), best of 3; load ${load()}\n`,
	);
}

const cpus = os.cpus();
process.stdout.write(`machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, node ${process.version}, ${os.platform()} ${os.arch()}; measuring ${measuredCode()}\n`);
run(true);
run(false);

/**
 * CPU seconds spent by the deployment's processes while the deliveries run, read from /proc (Linux): a figure that
 * does not depend on how loaded the machine is, unlike wall time. Samples every process each second, so a process
 * that dies (the killed worker) keeps what it used until its last sample.
 */
import { readdirSync, readFileSync } from 'fs';

/** Clock ticks per second of /proc/<pid>/stat times (`getconf CLK_TCK`, 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface ProcessInfo {
	pid: number;
	ppid: number;
	/** user + system seconds of the process itself */
	cpu: number;
	command: string;
}

function processes(): ProcessInfo[] {
	const list: ProcessInfo[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			// Fields after the command (which may hold spaces and parentheses): state ppid … utime(14) stime(15).
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
			list.push({ pid: Number(name), ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND, command });
		} catch {
			// the process ended while we looked
		}
	}
	return list;
}

/** Which part of the deployment a process is, or undefined when it is none of ours. */
export type Classify = (process: ProcessInfo, isDescendant: boolean) => string | undefined;

export interface CpuMeter {
	stop(): Record<string, number>;
}

/** Starts sampling; `stop()` returns CPU seconds per group since the start. */
export function startCpuMeter(classify: Classify, everyMs = 1_000): CpuMeter {
	const first = new Map<number, number>();
	const last = new Map<number, { group: string; cpu: number }>();
	const sample = () => {
		const all = processes();
		const children = new Map<number, number[]>();
		for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
		const descendants = new Set<number>();
		const stack = [...(children.get(process.pid) ?? [])];
		while (stack.length > 0) {
			const pid = stack.pop()!;
			descendants.add(pid);
			stack.push(...(children.get(pid) ?? []));
		}
		for (const p of all) {
			const group = classify(p, descendants.has(p.pid));
			if (!group) continue;
			if (!first.has(p.pid)) first.set(p.pid, started ? 0 : p.cpu);
			last.set(p.pid, { group, cpu: p.cpu });
		}
	};
	let started = false;
	sample();
	started = true;
	const selfStart = process.cpuUsage();
	const timer = setInterval(sample, everyMs);
	return {
		stop() {
			clearInterval(timer);
			sample();
			const totals: Record<string, number> = {};
			for (const [pid, { group, cpu }] of last) totals[group] = (totals[group] ?? 0) + cpu - (first.get(pid) ?? 0);
			const self = process.cpuUsage(selfStart);
			totals.sender = (self.user + self.system) / 1e6;
			for (const group of Object.keys(totals)) totals[group] = Math.round(totals[group] * 10) / 10;
			return totals;
		},
	};
}

/** A named pass/fail check with what was seen, collected into the demo and e2e summary. */
export interface Check {
	name: string;
	ok: boolean;
	detail?: unknown;
}

export class CheckList {
	readonly checks: Check[] = [];

	check(name: string, ok: boolean, detail?: unknown): boolean {
		this.checks.push({ name, ok, detail });
		process.stderr.write(`${ok ? '  ok  ' : ' FAIL '} ${name}${detail !== undefined && !ok ? ` — ${JSON.stringify(detail).slice(0, 800)}` : ''}\n`);
		return ok;
	}

	get ok(): boolean {
		return this.checks.length > 0 && this.checks.every((c) => c.ok);
	}
}

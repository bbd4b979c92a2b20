/** Deterministic id sequences, so seeded sandboxes give the same ids on every run. */
export class IdSequence {
	private next: number;

	constructor(private readonly format: (n: number) => string, start = 1) {
		this.next = start;
	}

	take(): string {
		return this.format(this.next++);
	}
}

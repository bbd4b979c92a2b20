import { jsonShapeProblem } from '../../lib/canonical';

function nested(depth: number): Record<string, unknown> {
	let value: Record<string, unknown> = { leaf: 'x' };
	for (let i = 0; i < depth; i++) value = { a: value };
	return value;
}

describe('jsonShapeProblem', () => {
	it('measures shared members once and accepts ordinary nesting', () => {
		// 40 levels, each referring to the next twice: 2^40 paths, one walk per object.
		let shared: Record<string, unknown> = { leaf: 1 };
		for (let i = 0; i < 40; i++) shared = { left: shared, right: shared };
		expect(jsonShapeProblem(shared)).toBeUndefined();
		expect(jsonShapeProblem(nested(60))).toBeUndefined();
		expect(jsonShapeProblem({ x: nested(64) })).toMatchObject({ reason: 'is nested more than 64 levels deep' });
		expect(jsonShapeProblem([1, 'a', null])).toBeUndefined();
	});

	it('names where a value refers back to itself', () => {
		const list: unknown[] = [1];
		list.push({ inner: list });
		expect(jsonShapeProblem({ lines: list })).toEqual({ path: ['lines', '1', 'inner'], reason: expect.stringContaining('circular') });
	});
});

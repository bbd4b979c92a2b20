/** Packing schedule changes into operation sets: at most 200 operations a set, an item's operations never split. */
import { MAX_OPERATIONS_PER_SET, packItems } from '../../nodes/Dynamics365ProjectOperations/helpers/operationSets';
import type { ItemOperations } from '../../nodes/Dynamics365ProjectOperations/helpers/operationSets';

const item = (itemIndex: number, operations: number): ItemOperations => ({
	itemIndex,
	projectId: 'p',
	operations: Array.from({ length: operations }, (_, i) => ({ kind: 'delete' as const, logicalName: 'msdyn_projecttask', recordId: `${itemIndex}-${i}` })),
});

describe('packItems', () => {
	it('fills sets up to 200 operations and starts a new one rather than splitting an item', () => {
		const items = [item(0, 150), item(1, 40), item(2, 20), item(3, 1), item(4, 200)];
		const sets = packItems(items);
		expect(sets.map((set) => set.map((i) => i.itemIndex))).toEqual([[0, 1], [2, 3], [4]]);
		for (const set of sets) expect(set.reduce((n, i) => n + i.operations.length, 0)).toBeLessThanOrEqual(MAX_OPERATIONS_PER_SET);
	});

	it('puts 201 one-operation items into two sets', () => {
		const sets = packItems(Array.from({ length: 201 }, (_, i) => item(i, 1)));
		expect(sets.map((set) => set.length)).toEqual([200, 1]);
	});
});

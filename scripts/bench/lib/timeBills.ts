/**
 * The canonical benchmark's records (scripts/bench/canonical.ts), shared with the test that keeps the engine's
 * output on them identical (test/canonical/outputDigests.test.ts): NetSuite time bills as its REST API returns
 * them, varied so no two records or keys are alike. `timeBill` uses only NS, so its source text can be sent to a
 * Code node together with NS (the real-n8n measurement does).
 */
export const NS = 'https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1';

export function timeBill(i: number): Record<string, unknown> {
	const day = String((i % 28) + 1).padStart(2, '0');
	const month = String((i % 12) + 1).padStart(2, '0');
	const employee = String(100 + (i % 250));
	const project = String(5000 + (i % 400));
	return {
		links: [{ rel: 'self', href: `${NS}/timebill/${i + 1}` }],
		id: String(i + 1),
		tranDate: `2026-${month}-${day}`,
		hours: ['7.5', '8', '0.25', '6:45', '4.1'][i % 5],
		employee: { links: [{ rel: 'self', href: `${NS}/employee/${employee}` }], id: employee, refName: `Consultant ${employee}` },
		customer: { links: [{ rel: 'self', href: `${NS}/job/${project}` }], id: project, refName: `Client ${Number(project) % 97} : Project ${project}` },
		caseTaskEvent: { id: String(9000 + (i % 1200)), refName: 'Build' },
		item: { id: '20', refName: 'PS-CONSULTING' },
		approvalStatus: { id: '2', refName: 'Approved' },
		isBillable: i % 7 !== 0,
		rate: [150, 175.5, 200, 225.25][i % 4],
		memo: `Work item ${i}`,
		department: { id: '5', refName: 'Consulting' },
		subsidiary: { id: '2', refName: 'Meridian Advisory US' },
		lastModifiedDate: `2026-${month}-${day}T17:30:00Z`,
	};
}

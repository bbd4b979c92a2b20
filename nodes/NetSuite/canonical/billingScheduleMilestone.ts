/**
 * A milestone line of a project's Fixed Bid, Milestone billing schedule as a canonical milestone. NetSuite keeps
 * a fixed-bid project's milestone amounts there, not on the project task: each line bills `milestoneAmount`
 * percent of the project's price (`job.jobPrice`, in the project's currency) when the milestone completes.
 *
 * The record is the line as the REST record service returns it in the schedule's `milestone` sublist, with what
 * the line needs from around it, as the NetSuite node's Project Milestone read puts it together:
 * `id` (`<schedule id>.<milestoneId>`), `billingSchedule` (a reference to the schedule), `job` (the project:
 * `id`, `refName`, `externalId`, `jobPrice`, `currency`) and `externalId` (the external id of the line's project
 * task, the milestone's id in the system the project came from).
 */
import type { CanonicalData, Problem, VendorMapper } from '../../../lib/canonical';
import { dateText, exactDecimalText, isPlainObject } from '../../../lib/canonical';
import { Rational, formatAmount, isCurrencyCode, toMinorRational } from '../../../lib/money';

import { NETSUITE, compact, currencyOf, nsRef, recordTypeOf, sourceOf, textOf } from './common';

/** The line's fields as the REST API Browser (2026.1) names them, and the context the read attaches. */
const MILESTONE_LINE_FIELDS = [
	'links', 'refName', 'milestoneId', 'milestoneAmount', 'milestoneDate', 'milestoneCompleted', 'milestoneActualCompletionDate',
	'milestoneTerms', 'projectTask', 'comments',
];
const CONTEXT_FIELDS = ['id', 'externalId', 'billingSchedule', 'job'];

/**
 * The line's amount: `percent` of the project's price, exactly, in the currency's minor units. A percentage that
 * does not give a whole number of minor units is reported on `payload.milestoneAmount`, never rounded here.
 */
function amountOf(price: unknown, percent: unknown, currency: string | undefined, problems: Problem[]): unknown {
	const priceText = exactDecimalText(price ?? undefined);
	const percentText = exactDecimalText(percent ?? undefined);
	if (typeof percentText !== 'string') {
		problems.push({ path: 'payload.milestoneAmount', reason: 'is required: the percentage of the project price this milestone bills' });
		return undefined;
	}
	if (typeof priceText !== 'string') {
		problems.push({ path: 'payload.job.jobPrice', reason: 'is required: the project price the milestone percentages apply to (Project Price on a Fixed Bid, Milestone project)' });
		return undefined;
	}
	if (!currency || !isCurrencyCode(currency)) return undefined;
	let minor: Rational;
	try {
		minor = toMinorRational(priceText, currency).mul(Rational.parse(percentText)).div(Rational.of(100n));
	} catch (error) {
		problems.push({ path: 'payload.milestoneAmount', reason: `is not a decimal percentage of the project price: ${(error as Error).message}` });
		return undefined;
	}
	if (!minor.isInteger()) {
		problems.push({
			path: 'payload.milestoneAmount',
			reason: `${percentText}% of ${priceText} ${currency} is not a whole number of ${currency} minor units; give the milestone a percentage that is`,
		});
		return undefined;
	}
	return { amount: formatAmount(minor.floor(), currency), currency };
}

export const billingScheduleMilestoneMapper: VendorMapper = {
	system: NETSUITE,
	object: 'billingScheduleMilestone',
	aliases: ['billingschedulemilestone', 'projectMilestone'],
	entity: 'milestone',
	version: 1,
	knownFields: [...MILESTONE_LINE_FIELDS, ...CONTEXT_FIELDS],
	matches: (record) => recordTypeOf(record) === 'billingschedule' && record.milestoneId !== undefined,

	toCanonical(record, context) {
		const problems: Problem[] = [];
		const source = sourceOf(record, problems);
		const job = isPlainObject(record.job) ? record.job : {};
		if (!isPlainObject(record.job)) problems.push({ path: 'payload.job', reason: 'is required: the project the billing schedule bills' });
		const currency = currencyOf(job.currency, context, 'payload.job.currency', problems);
		const completed = record.milestoneCompleted === true;
		const task = isPlainObject(record.projectTask) ? record.projectTask : undefined;
		const scheduleName = isPlainObject(record.billingSchedule) ? textOf(record.billingSchedule.refName) : undefined;
		const data: CanonicalData = compact({
			name: textOf(task?.refName) || textOf(record.comments) || `${scheduleName ?? 'Billing schedule'} milestone ${String(record.milestoneId)}`,
			project: nsRef(record.job),
			task: nsRef(record.projectTask),
			status: completed ? 'achieved' : 'planned',
			dueDate: dateText(record.milestoneDate),
			achievedDate: completed ? dateText(record.milestoneActualCompletionDate ?? undefined) : undefined,
			amount: amountOf(job.jobPrice, record.milestoneAmount, currency, problems),
			percentOfContract: exactDecimalText(record.milestoneAmount ?? undefined),
			description: textOf(record.comments),
		});
		return { data, source, problems };
	},

	fromCanonical(data) {
		// Milestone lines are written as part of their billing schedule; this renders one line of it.
		const problems: Problem[] = [];
		const record = compact({
			milestoneAmount: data.percentOfContract === undefined ? undefined : Number(data.percentOfContract),
			milestoneDate: data.dueDate,
			milestoneCompleted: data.status === 'achieved' || data.status === 'approved' || data.status === 'billed',
			milestoneActualCompletionDate: data.achievedDate,
			projectTask: isPlainObject(data.task) ? { id: data.task.id } : undefined,
			comments: data.description,
		});
		if (data.percentOfContract === undefined) problems.push({ path: 'milestone.percentOfContract', reason: 'is required: NetSuite bills a milestone as a percentage of the project price' });
		return { record, problems };
	},
};

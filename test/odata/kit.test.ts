/** The kit's OData helpers: literals, key predicates, and $batch build / parse / pairing against Microsoft's documented multipart shapes. */
import {
	buildBatch,
	isGuid,
	ODATA_HEADERS,
	odataKeyPredicate,
	odataMaxPageSizePrefer,
	odataStringLiteral,
	pairBatchResults,
	parseBatchResponse,
	odataErrorText,
	odataGuid,
	odataLinkWithin,
	splitBatchParts,
} from '../../nodes/shared/kit/odata';
import type { ODataBatchPart } from '../../nodes/shared/kit/odata';

const ORG = 'https://contoso.crm.dynamics.com/api/data/v9.2';

/**
 * The response of the Dataverse documentation's batch example ("Execute batch operations using the Web API"):
 * a changeset of two creates answered 204 with OData-EntityId, then a GET answered 200 with JSON.
 */
const DOCUMENTED_RESPONSE = [
	'--batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f',
	'Content-Type: multipart/mixed; boundary=changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abb',
	'',
	'--changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abb',
	'Content-Type: application/http',
	'Content-Transfer-Encoding: binary',
	'Content-ID: 1',
	'',
	'HTTP/1.1 204 No Content',
	'OData-Version: 4.0',
	`Location: ${ORG}/tasks(a59c24f3-fafc-e411-80dd-00155d2a68cb)`,
	`OData-EntityId: ${ORG}/tasks(a59c24f3-fafc-e411-80dd-00155d2a68cb)`,
	'',
	'',
	'--changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abb',
	'Content-Type: application/http',
	'Content-Transfer-Encoding: binary',
	'Content-ID: 2',
	'',
	'HTTP/1.1 204 No Content',
	'OData-Version: 4.0',
	`Location: ${ORG}/tasks(a69c24f3-fafc-e411-80dd-00155d2a68cb)`,
	`OData-EntityId: ${ORG}/tasks(a69c24f3-fafc-e411-80dd-00155d2a68cb)`,
	'',
	'',
	'--changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abb--',
	'--batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f',
	'Content-Type: application/http',
	'Content-Transfer-Encoding: binary',
	'',
	'HTTP/1.1 200 OK',
	'Content-Type: application/json; odata.metadata=minimal',
	'OData-Version: 4.0',
	'',
	'{',
	`  "@odata.context":"${ORG}/$metadata#tasks(subject)",`,
	'  "value":[{"@odata.etag":"W/\\"474122\\"","subject":"Task 1 in batch","activityid":"a59c24f3-fafc-e411-80dd-00155d2a68cb"}]',
	'}',
	'--batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f--',
	'',
].join('\r\n');

/** A failed changeset: Dataverse answers the whole changeset with one error part carrying the failing Content-ID. */
function failedChangesetResponse(contentId: string | undefined, afterwards: 'get' | 'none') {
	const lines = [
		'--batchresponse_x',
		'Content-Type: application/http',
		'Content-Transfer-Encoding: binary',
		...(contentId ? [`Content-ID: ${contentId}`] : []),
		'',
		'HTTP/1.1 400 Bad Request',
		'Content-Type: application/json; odata.metadata=minimal',
		'OData-Version: 4.0',
		'',
		'{"error":{"code":"0x80040217","message":"account With Id = 00000000-0000-0000-0000-000000000001 Does Not Exist"}}',
	];
	if (afterwards === 'get') {
		lines.push('--batchresponse_x', 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', '', 'HTTP/1.1 200 OK', 'Content-Type: application/json', '', '{"value":[]}');
	}
	lines.push('--batchresponse_x--', '');
	return lines.join('\r\n');
}

describe('OData literals and keys', () => {
	it('doubles single quotes in string literals', () => {
		expect(odataStringLiteral("O'Brien")).toBe("'O''Brien'");
		expect(odataStringLiteral("'';--")).toBe("''''';--'");
	});

	it('recognises GUIDs', () => {
		expect(isGuid('a59c24f3-fafc-e411-80dd-00155d2a68cb')).toBe(true);
		expect(isGuid('A59C24F3-FAFC-E411-80DD-00155D2A68CB')).toBe(true);
		expect(isGuid('a59c24f3-fafc-e411-80dd-00155d2a68c')).toBe(false);
		expect(isGuid("a59c24f3-fafc-e411-80dd-00155d2a68cb' or 1 eq 1")).toBe(false);
	});

	it('builds GUID, alternate and composite key predicates with escaped values', () => {
		expect(odataKeyPredicate('A59C24F3-FAFC-E411-80DD-00155D2A68CB')).toBe('(a59c24f3-fafc-e411-80dd-00155d2a68cb)');
		expect(odataKeyPredicate({ accountnumber: "A'1" })).toBe("(accountnumber='A''1')");
		expect(odataKeyPredicate({ dataAreaId: 'usmf', CustomerAccount: 'C1' })).toBe("(dataAreaId='usmf',CustomerAccount='C1')");
		expect(odataKeyPredicate({ JournalNumber: 'J-1', LineNumber: 3, IsPosted: false })).toBe("(JournalNumber='J-1',LineNumber=3,IsPosted=false)");
		// Characters that would end the path segment or start a query are percent-encoded.
		expect(odataKeyPredicate({ accountnumber: 'A/B?c#d e' })).toBe("(accountnumber='A%2FB%3Fc%23d%20e')");
	});

	it('writes a GUID key part unquoted only when marked as one (a lookup in a Dataverse alternate key); text that looks like a GUID stays quoted', () => {
		const id = '00000000-0000-0000-0000-00000000000A';
		expect(odataKeyPredicate({ _primarycontactid_value: odataGuid(id) })).toBe('(_primarycontactid_value=00000000-0000-0000-0000-00000000000a)');
		expect(odataKeyPredicate({ accountid: odataGuid(id) })).toBe('(accountid=00000000-0000-0000-0000-00000000000a)');
		expect(odataKeyPredicate({ p2c_externalid: id })).toBe("(p2c_externalid='00000000-0000-0000-0000-00000000000A')");
		expect(odataKeyPredicate({ name: 'x', _parentaccountid_value: odataGuid(id) })).toBe("(name='x',_parentaccountid_value=00000000-0000-0000-0000-00000000000a)");
		expect(() => odataGuid('not-a-guid')).toThrow('"not-a-guid" is not a GUID');
	});

	it('refuses keys it cannot express, naming the key part', () => {
		expect(() => odataKeyPredicate('ACC-1')).toThrow('Key "ACC-1" is not a GUID');
		expect(() => odataKeyPredicate({ 'name) or (x': 'a' })).toThrow('Key part name "name) or (x" is not an OData identifier');
		expect(() => odataKeyPredicate({ accountnumber: '' })).toThrow('Key part "accountnumber" is empty');
		expect(() => odataKeyPredicate({ accountnumber: 'a\nb' })).toThrow('Key part "accountnumber" contains a control character');
		expect(() => odataKeyPredicate({ LineNumber: Number.NaN })).toThrow('Key part "LineNumber"');
		expect(() => odataKeyPredicate({})).toThrow('Key has no parts');
	});

	it('has the OData v4 headers and the maxpagesize preference', () => {
		expect(ODATA_HEADERS).toEqual({ 'OData-MaxVersion': '4.0', 'OData-Version': '4.0', Accept: 'application/json' });
		expect(odataMaxPageSizePrefer(500)).toBe('odata.maxpagesize=500');
		expect(() => odataMaxPageSizePrefer(0)).toThrow('positive integer');
	});
});

describe('$batch request', () => {
	const parts: ODataBatchPart[] = [
		{ method: 'POST', url: 'accounts', body: { name: 'Northwind' }, changeset: 'a', contentId: '1' },
		{ method: 'POST', url: 'contacts', body: { lastname: 'Ng', 'parentcustomerid_account@odata.bind': '$1' }, changeset: 'a', contentId: '2' },
		{ method: 'GET', url: 'accounts?$select=name', headers: { Prefer: 'odata.maxpagesize=10' } },
		{ method: 'PATCH', url: 'accounts(accountnumber=\'X\')', body: { name: 'X' }, headers: { 'If-None-Match': '*' }, changeset: 'b' },
	];

	it('writes CRLF multipart with application/http parts, a changeset with Content-IDs, and JSON bodies', () => {
		const { contentType, body } = buildBatch(parts, { boundary: 'batch_B1' });
		expect(contentType).toBe('multipart/mixed; boundary=batch_B1');
		expect(body.split('\n').every((line, i, all) => i === all.length - 1 || line.endsWith('\r'))).toBe(true);
		expect(body).toBe(
			[
				'--batch_B1',
				'Content-Type: multipart/mixed; boundary=changeset_1_B1',
				'',
				'--changeset_1_B1',
				'Content-Type: application/http',
				'Content-Transfer-Encoding: binary',
				'Content-ID: 1',
				'',
				'POST accounts HTTP/1.1',
				'Accept: application/json',
				'Content-Type: application/json; type=entry',
				'',
				'{"name":"Northwind"}',
				'--changeset_1_B1',
				'Content-Type: application/http',
				'Content-Transfer-Encoding: binary',
				'Content-ID: 2',
				'',
				'POST contacts HTTP/1.1',
				'Accept: application/json',
				'Content-Type: application/json; type=entry',
				'',
				'{"lastname":"Ng","parentcustomerid_account@odata.bind":"$1"}',
				'--changeset_1_B1--',
				'--batch_B1',
				'Content-Type: application/http',
				'Content-Transfer-Encoding: binary',
				'',
				'GET accounts?$select=name HTTP/1.1',
				'Accept: application/json',
				'Prefer: odata.maxpagesize=10',
				'',
				'--batch_B1',
				'Content-Type: multipart/mixed; boundary=changeset_3_B1',
				'',
				'--changeset_3_B1',
				'Content-Type: application/http',
				'Content-Transfer-Encoding: binary',
				'Content-ID: 4',
				'',
				"PATCH accounts(accountnumber='X') HTTP/1.1",
				'Accept: application/json',
				'Content-Type: application/json; type=entry',
				'If-None-Match: *',
				'',
				'{"name":"X"}',
				'--changeset_3_B1--',
				'--batch_B1--',
				'',
			].join('\r\n'),
		);
	});

	it('Content-IDs need only be unique inside their changeset (as dynamics-web-api sends them), and pair per changeset', () => {
		const parts: ODataBatchPart[] = [
			{ method: 'POST', url: 'accounts', body: { name: 'A' }, changeset: 'item0', contentId: '1' },
			{ method: 'POST', url: 'accounts', body: { name: 'B' }, changeset: 'item1', contentId: '1' },
		];
		const { body } = buildBatch(parts, { boundary: 'batch_D' });
		expect(body.match(/Content-ID: 1\r\n/g)).toHaveLength(2);
		const answer = (id: string, status: string) =>
			['Content-Type: multipart/mixed; boundary=cs_' + id, '', '--cs_' + id, 'Content-Type: application/http', 'Content-ID: 1', '', `HTTP/1.1 ${status}`, `OData-EntityId: ${ORG}/accounts(${id})`, '', '--cs_' + id + '--'];
		const response = ['--r', ...answer('a1', '204 No Content'), '--r', ...answer('b2', '204 No Content'), '--r--', ''].join('\r\n');
		const pairs = pairBatchResults(parts, parseBatchResponse('multipart/mixed; boundary=r', response));
		expect(pairs.map((p) => p.response?.headers['odata-entityid'])).toEqual([`${ORG}/accounts(a1)`, `${ORG}/accounts(b2)`]);
		expect(() =>
			buildBatch([
				{ method: 'POST', url: 'a', body: {}, changeset: 'x', contentId: '1' },
				{ method: 'POST', url: 'b', body: {}, changeset: 'x', contentId: '1' },
			]),
		).toThrow('Content-ID 1 is used twice in changeset x');
	});

	it('with a service root, relative URLs are written absolute; absolute URLs, paths and $n references as given', () => {
		const { body } = buildBatch(
			[
				{ method: 'POST', url: 'accounts', body: {}, changeset: 'a', contentId: '1' },
				{ method: 'PATCH', url: '$1', body: { name: 'x' }, changeset: 'a', contentId: '2' },
				{ method: 'GET', url: '/api/data/v9.2/contacts?$top=1' },
				{ method: 'GET', url: `${ORG}/accounts?$top=1` },
			],
			{ boundary: 'batch_R', serviceRoot: `${ORG}/` },
		);
		expect(body.split('\r\n').filter((line) => / HTTP\/1\.1$/.test(line))).toEqual([
			`POST ${ORG}/accounts HTTP/1.1`,
			'PATCH $1 HTTP/1.1',
			'GET /api/data/v9.2/contacts?$top=1 HTTP/1.1',
			`GET ${ORG}/accounts?$top=1 HTTP/1.1`,
		]);
		expect(() => buildBatch([{ method: 'GET', url: 'a' }], { serviceRoot: 'contoso/api' })).toThrow('must be an absolute URL or path');
	});

	it('refuses what the service would refuse or misread', () => {
		const many = Array.from({ length: 1001 }, () => ({ method: 'GET' as const, url: 'accounts' }));
		expect(() => buildBatch(many)).toThrow('at most 1000 requests, got 1001');
		expect(() => buildBatch([{ method: 'GET', url: 'accounts', changeset: 'a' }])).toThrow('a GET cannot be part of a changeset');
		expect(() => buildBatch([{ method: 'POST', url: '$1/contacts', body: {}, changeset: 'a' }])).toThrow('not an earlier part of the same changeset');
		expect(() => buildBatch([{ method: 'POST', url: '$1', body: {} }])).toThrow('only works inside a changeset');
		expect(() => buildBatch([{ method: 'GET', url: 'accounts', headers: { 'X-Evil': 'a\r\nHost: b' } }])).toThrow('line break');
		expect(() => buildBatch([{ method: 'GET', url: 'accounts HTTP/1.1\r\nX: y' }])).toThrow('no spaces or line breaks');
	});
});

describe('$batch response', () => {
	it("parses Microsoft's documented answer: changeset parts with Content-IDs and headers, then a JSON part", () => {
		const responses = parseBatchResponse('multipart/mixed; boundary=batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f', DOCUMENTED_RESPONSE);
		expect(responses).toHaveLength(3);
		expect(responses[0]).toEqual({
			status: 204,
			contentId: '1',
			changeset: 'changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abb',
			body: undefined,
			headers: {
				'odata-version': '4.0',
				location: `${ORG}/tasks(a59c24f3-fafc-e411-80dd-00155d2a68cb)`,
				'odata-entityid': `${ORG}/tasks(a59c24f3-fafc-e411-80dd-00155d2a68cb)`,
			},
		});
		expect(responses[1].headers['odata-entityid']).toBe(`${ORG}/tasks(a69c24f3-fafc-e411-80dd-00155d2a68cb)`);
		expect(responses[2].status).toBe(200);
		expect(responses[2]).not.toHaveProperty('contentId');
		expect(responses[2]).not.toHaveProperty('changeset');
		expect((responses[2].body as { value: Array<{ subject: string }> }).value[0].subject).toBe('Task 1 in batch');
	});

	it('round-trips: what buildBatch sends pairs with the answer by Content-ID in changesets and by position outside', () => {
		const parts: ODataBatchPart[] = [
			{ method: 'POST', url: 'tasks', body: { subject: 'Task 1 in batch' }, changeset: 'c', contentId: '1' },
			{ method: 'POST', url: 'tasks', body: { subject: 'Task 2 in batch' }, changeset: 'c', contentId: '2' },
			{ method: 'GET', url: 'tasks?$select=subject' },
		];
		expect(buildBatch(parts).body).toContain('Content-ID: 2');
		// The service may answer a changeset's parts in any order; Content-ID decides.
		const reordered = DOCUMENTED_RESPONSE.replace('Content-ID: 1', 'Content-ID: X').replace('Content-ID: 2', 'Content-ID: 1').replace('Content-ID: X', 'Content-ID: 2');
		const pairs = pairBatchResults(parts, parseBatchResponse('multipart/mixed; boundary="batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f"', reordered));
		expect(pairs.map((p) => [p.index, p.outcome, p.response?.headers['odata-entityid']?.slice(-37, -1)])).toEqual([
			[0, 'ok', 'a69c24f3-fafc-e411-80dd-00155d2a68cb'],
			[1, 'ok', 'a59c24f3-fafc-e411-80dd-00155d2a68cb'],
			[2, 'ok', undefined],
		]);
	});

	it('a failed changeset: the named part failed, the others rolled back, the part after it still paired', () => {
		const parts: ODataBatchPart[] = [
			{ method: 'POST', url: 'contacts', body: {}, changeset: 'c' },
			{ method: 'POST', url: 'contacts', body: {}, changeset: 'c' },
			{ method: 'GET', url: 'accounts' },
		];
		const pairs = pairBatchResults(parts, parseBatchResponse('multipart/mixed; boundary=batchresponse_x', failedChangesetResponse('2', 'get')));
		expect(pairs.map((p) => p.outcome)).toEqual(['rolledBack', 'failed', 'ok']);
		expect(pairs[1].error).toBe('HTTP 400 0x80040217: account With Id = 00000000-0000-0000-0000-000000000001 Does Not Exist');
		expect(pairs[0].error).toContain('rolled back: the changeset failed at part 2 (Content-ID 2)');
	});

	it('a changeset error without a Content-ID marks every part rolled back', () => {
		const parts: ODataBatchPart[] = [
			{ method: 'POST', url: 'contacts', body: {}, changeset: 'c' },
			{ method: 'POST', url: 'contacts', body: {}, changeset: 'c' },
		];
		const pairs = pairBatchResults(parts, parseBatchResponse('multipart/mixed; boundary=batchresponse_x', failedChangesetResponse(undefined, 'none')));
		expect(pairs.map((p) => p.outcome)).toEqual(['rolledBack', 'rolledBack']);
		expect(pairs[0].error).toContain('failed at one of its parts: HTTP 400 0x80040217');
	});

	it('parts after a failure the service stopped at are not executed; a short answer without a failure is a mismatch', () => {
		const parts: ODataBatchPart[] = [
			{ method: 'POST', url: 'contacts', body: {}, changeset: 'c' },
			{ method: 'GET', url: 'accounts' },
		];
		const stopped = pairBatchResults(parts, parseBatchResponse('multipart/mixed; boundary=batchresponse_x', failedChangesetResponse('1', 'none')));
		expect(stopped.map((p) => p.outcome)).toEqual(['failed', 'notExecuted']);
		expect(stopped[1].error).toContain('continue-on-error');
		const ok = parseBatchResponse('multipart/mixed; boundary=batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f', DOCUMENTED_RESPONSE).slice(2);
		const short = pairBatchResults([{ method: 'GET', url: 'a' }, { method: 'GET', url: 'b' }], ok);
		expect(short.map((p) => p.outcome)).toEqual(['mismatch', 'mismatch']);
		expect(short[0].error).toContain('sent 2 records, the vendor answered 1 results');
		const extra = pairBatchResults([], ok);
		expect(extra).toEqual([]);
	});

	it('never pairs a changeset answer with the wrong Content-IDs', () => {
		const parts: ODataBatchPart[] = [
			{ method: 'POST', url: 'tasks', body: {}, changeset: 'c', contentId: '7' },
			{ method: 'POST', url: 'tasks', body: {}, changeset: 'c', contentId: '8' },
			{ method: 'GET', url: 'tasks' },
		];
		const pairs = pairBatchResults(parts, parseBatchResponse('multipart/mixed; boundary=batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f', DOCUMENTED_RESPONSE));
		expect(pairs.every((p) => p.outcome === 'mismatch')).toBe(true);
		expect(pairs[0].error).toContain('no answer with Content-ID 7');
	});

	it('refuses an answer that is not multipart or never closes', () => {
		expect(() => parseBatchResponse('application/json', '{}')).toThrow('not multipart/mixed');
		expect(() => parseBatchResponse('multipart/mixed; boundary=b', '--b\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\n\r\n')).toThrow('closing delimiter');
	});
});

describe('$batch splitting', () => {
	it('packs parts into batches of at most n requests, keeping each changeset whole and mapping indices back', () => {
		const parts: ODataBatchPart[] = [
			{ method: 'POST', url: 'a', body: {}, changeset: 'x' },
			{ method: 'GET', url: 'b' },
			{ method: 'POST', url: 'c', body: {}, changeset: 'y' },
			{ method: 'POST', url: 'd', body: {}, changeset: 'y' },
			{ method: 'POST', url: 'e', body: {}, changeset: 'x' },
			{ method: 'GET', url: 'f' },
		];
		const batches = splitBatchParts(parts, 3);
		expect(batches.map((batch) => batch.indices)).toEqual([[0, 4, 1], [2, 3, 5]]);
		expect(batches[0].parts.map((part) => part.url)).toEqual(['a', 'e', 'b']);
		expect(splitBatchParts(Array.from({ length: 2500 }, () => ({ method: 'GET' as const, url: 'g' }))).map((batch) => batch.parts.length)).toEqual([1000, 1000, 500]);
		expect(() => splitBatchParts(parts, 1)).toThrow('changeset x has 2 requests; a $batch holds at most 1');
	});
});

describe('OData error text', () => {
	it("keeps Dataverse's code and message, and F&O's innererror reason behind its generic message, never its stack trace", () => {
		expect(odataErrorText({ status: 404, headers: {}, body: { error: { code: '0x80040217', message: 'account With Id = 1 Does Not Exist' } } })).toBe(
			'HTTP 404 0x80040217: account With Id = 1 Does Not Exist',
		);
		const finance = {
			error: {
				code: '',
				message: 'An error has occurred.',
				innererror: { message: "Write failed for table row of type 'CustCustomerV3Entity'. Infolog: Error: Customer group 'XX' does not exist.", type: 'Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException', stacktrace: '   at Microsoft.Dynamics.Secret.Stack()' },
			},
		};
		const text = odataErrorText({ status: 500, headers: {}, body: finance });
		expect(text).toBe("HTTP 500: An error has occurred. (Write failed for table row of type 'CustCustomerV3Entity'. Infolog: Error: Customer group 'XX' does not exist.)");
		expect(text).not.toContain('Secret.Stack');
		const same = { error: { code: '', message: 'Bad key', innererror: { message: 'Bad key' } } };
		expect(odataErrorText({ status: 400, headers: {}, body: same })).toBe('HTTP 400: Bad key');
	});
});

describe('links the service gives', () => {
	it('are followed only under the service root, compared after parsing', () => {
		const root = 'https://contoso.operations.dynamics.com/data';
		expect(odataLinkWithin(`${root}/CustomersV3?$skiptoken=abc`, root)).toBe(`${root}/CustomersV3?$skiptoken=abc`);
		expect(odataLinkWithin('https://CONTOSO.operations.dynamics.com/data/CustomersV3', `${root}/`)).toBe(`${root}/CustomersV3`);
		for (const outside of [
			'https://contoso.operations.dynamics.com.evil.example/data/CustomersV3',
			'https://contoso.operations.dynamics.com/database/x',
			'https://contoso.operations.dynamics.com/data/../other',
			'http://contoso.operations.dynamics.com/data/CustomersV3',
			'/data/CustomersV3',
		]) {
			expect(() => odataLinkWithin(outside, root)).toThrow('outside its service root');
		}
	});
});

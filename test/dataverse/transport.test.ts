/** The Dataverse profile on the kit: error bodies, service-protection signals, keys, lookups, links. */
import { DEFAULT_RETRY_POLICY, decideRetry } from '../../nodes/shared/kit';
import {
	DATAVERSE_PROFILE,
	connectionOf,
	entityPath,
	fieldsNamedIn,
	formattedValue,
	idFromEntityIdHeader,
	lookupValueField,
	odataBind,
	parseDataverseError,
	requestUrl,
} from '../../nodes/Dataverse/transport';

const GUID = '5f1e2d3c-4b5a-4697-8877-665544332211';
const policy = { ...DEFAULT_RETRY_POLICY, ...DATAVERSE_PROFILE.retry };

describe('Dataverse transport', () => {
	it('reads the Web API error body: hex code, message, the column a message names', () => {
		expect(parseDataverseError({ error: { code: '0x80040217', message: `account With Id = ${GUID} Does Not Exist` } })).toEqual({ code: '0x80040217', message: `account With Id = ${GUID} Does Not Exist`, fields: [] });
		expect(parseDataverseError({ error: { code: '0x80060891', message: "Invalid property 'accountnumbr' was found in entity 'Microsoft.Dynamics.CRM.account'." } })?.fields).toEqual(['accountnumbr']);
		expect(fieldsNamedIn("A validation error occurred. The value of 'name' attribute 'name' exceeds its max length")).toEqual(['name']);
		expect(parseDataverseError('<html>proxy</html>')).toBeUndefined();
		expect(parseDataverseError({ message: 'not Dataverse' })).toBeUndefined();
	});

	it.each([
		['0x80072322', 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.'],
		['0x80072321', 'Combined execution time of incoming requests exceeded limit of 1,200,000 milliseconds over time window of 300 seconds.'],
		['0x80072326', 'Number of concurrent requests exceeded the limit of 52.'],
	])('a 429 with %s is resent after the Retry-After Dataverse gave, POST included', (code, message) => {
		const body = { error: { code, message } };
		const decision = decideRetry({ status: 429, headers: { 'retry-after': '7' }, body, message: '' }, parseDataverseError(body), DATAVERSE_PROFILE, false, 1, policy);
		expect(decision).toEqual({ retry: true, waitMs: 7_000 });
	});

	it('a wait longer than five minutes is not made; a lost create is not resent; a 412 is not retried', () => {
		const body = { error: { code: '0x80072322', message: 'Number of requests exceeded' } };
		expect(decideRetry({ status: 429, headers: { 'retry-after': '301' }, body, message: '' }, parseDataverseError(body), DATAVERSE_PROFILE, true, 1, policy)).toMatchObject({ retry: false, limited: 'time' });
		expect(decideRetry({ networkCode: 'ECONNRESET', headers: {}, body: undefined, message: '' }, undefined, DATAVERSE_PROFILE, false, 1, policy)).toMatchObject({ retry: false });
		const stale = { error: { code: '0x80060882', message: 'The version of the existing record doesn\'t match the RowVersion property provided.' } };
		expect(decideRetry({ status: 412, headers: {}, body: stale, message: '' }, parseDataverseError(stale), DATAVERSE_PROFILE, true, 1, policy)).toMatchObject({ retry: false });
	});

	it('builds entity paths from GUIDs and alternate keys, escaping values and refusing anything else', () => {
		expect(entityPath('accounts', GUID.toUpperCase())).toBe(`accounts(${GUID})`);
		expect(entityPath('accounts', { accountnumber: "O'B-1" })).toBe("accounts(accountnumber='O''B-1')");
		expect(() => entityPath('accounts', '42')).toThrow(/recordId.*GUID/);
		expect(() => entityPath('accounts', `${GUID})/contacts(`)).toThrow(/recordId/);
		expect(() => entityPath('accounts(x)', GUID)).toThrow(/entity set/);
		expect(() => entityPath('accounts', { 'name eq 1': 'x' })).toThrow(/identifier/);
	});

	it('writes lookups with @odata.bind and reads them as _x_value', () => {
		expect(odataBind('parentcustomerid_account', 'accounts', GUID)).toEqual({ 'parentcustomerid_account@odata.bind': `/accounts(${GUID})` });
		expect(() => odataBind('parent/x', 'accounts', GUID)).toThrow();
		expect(lookupValueField('ParentAccountId')).toBe('_parentaccountid_value');
		expect(formattedValue({ 'statuscode@OData.Community.Display.V1.FormattedValue': 'Won' }, 'statuscode')).toBe('Won');
		expect(idFromEntityIdHeader(`https://org.crm.dynamics.com/api/data/v9.2/accounts(${GUID.toUpperCase()})`)).toBe(GUID);
		expect(idFromEntityIdHeader(undefined)).toBeUndefined();
	});

	it('takes the environment and limits from the credential and follows only links under its service root', () => {
		const connection = connectionOf('p2cDataverseClientCredentialsApi', { environmentUrl: 'https://contoso.crm4.dynamics.com/', clientId: 'app-1', maxConcurrentRequests: 8 });
		expect(connection.serviceRoot).toBe('https://contoso.crm4.dynamics.com/api/data/v9.2');
		expect(connection.concurrency).toEqual({ key: 'dataverse:https://contoso.crm4.dynamics.com:app-1', limit: 8 });
		expect(connectionOf('x', { environmentUrl: 'https://contoso.crm.dynamics.com' }).concurrency.limit).toBe(52);
		expect(requestUrl(connection, { url: 'https://contoso.crm4.dynamics.com/api/data/v9.2/accounts?$skiptoken=abc' })).toContain('$skiptoken');
		expect(() => requestUrl(connection, { url: 'https://evil.example/api/data/v9.2/accounts' })).toThrow(/outside/);
		expect(() => connectionOf('x', { environmentUrl: 'contoso' })).toThrow(/environmentUrl/);
	});
});

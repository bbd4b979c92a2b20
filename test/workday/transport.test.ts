/** The Workday profile on the kit: REST and SOAP error bodies, which failures are resent, ids before they reach a path. */
import { decideRetry, DEFAULT_RETRY_POLICY } from '../../nodes/shared/kit';
import { fieldOfXpath, parseWorkdayError, soapEnvelope, WORKDAY_PROFILE, workdayId } from '../../nodes/Workday/transport';
import { getWorkersRequest } from '../../nodes/Workday/helpers/soapRequests';
import { withIsuAuthentication } from '../../nodes/Workday/transport/auth';
import { parseXml, xmlPath } from '../../nodes/shared/kit/xml';

const FAULT = `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Client.validationError</faultcode><faultstring>Validation error occurred. Invalid ID value</faultstring><detail><wd:Validation_Fault xmlns:wd="urn:com.workday/bsvc"><wd:Validation_Error><wd:Message>Invalid ID value.  'X' is not a valid ID value for type = 'Employee_ID'</wd:Message><wd:Detail_Message>Invalid ID value.  'X' is not a valid ID value for type = 'Employee_ID'</wd:Detail_Message><wd:Xpath>/bsvc:Get_Workers_Request[1]/bsvc:Request_References[1]/bsvc:Worker_Reference[1]/bsvc:ID[1]</wd:Xpath></wd:Validation_Error></wd:Validation_Fault></detail></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>`;

describe('Workday transport', () => {
	it('reads REST errors: the description, each validation error, and the fields they name', () => {
		expect(parseWorkdayError({ error: 'invalid request: the query parameters are not valid', errors: [{ error: 'limit: enter a number from 1 to 100', field: 'limit' }] })).toEqual({
			code: 'VALIDATION_ERROR',
			message: 'invalid request: the query parameters are not valid | limit: enter a number from 1 to 100',
			fields: ['limit'],
		});
		expect(parseWorkdayError({ error: 'The resource was not found' })).toEqual({ code: 'ERROR', message: 'The resource was not found', fields: [] });
		expect(parseWorkdayError({ error: 'invalid_grant', error_description: 'Invalid refresh token' })).toEqual({ code: 'invalid_grant', message: 'invalid_grant: Invalid refresh token', fields: [] });
		expect(parseWorkdayError('<html>502 Bad Gateway</html>')).toBeUndefined();
	});

	it('reads a SOAP fault: its code, the validation message once, and the field from the XPath', () => {
		expect(parseWorkdayError(FAULT)).toEqual({ code: 'Client.validationError', message: "Invalid ID value.  'X' is not a valid ID value for type = 'Employee_ID'", fields: ['Request_References.Worker_Reference.ID'] });
		expect(fieldOfXpath('/bsvc:Get_Workers_Request[1]/bsvc:Response_Filter[1]/bsvc:Count[1]')).toBe('Response_Filter.Count');
	});

	it('resends 429 and a 503 carrying Workday\'s error; never a SOAP fault, though it comes as HTTP 500', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, ...WORKDAY_PROFILE.retry };
		const body = { error: 'busy' };
		expect(decideRetry({ status: 429, headers: {}, body, message: '' }, parseWorkdayError(body), WORKDAY_PROFILE, false, 1, policy)).toMatchObject({ retry: true });
		expect(decideRetry({ status: 503, headers: {}, body, message: '' }, parseWorkdayError(body), WORKDAY_PROFILE, false, 1, policy)).toMatchObject({ retry: true });
		expect(decideRetry({ status: 500, headers: {}, body: FAULT, message: '' }, parseWorkdayError(FAULT), WORKDAY_PROFILE, true, 1, policy)).toEqual({ retry: false, why: 'not a retryable error' });
		// A bare 500 from a proxy on an idempotent read is a lost answer, resent.
		expect(decideRetry({ status: 500, headers: {}, body: '<html>oops</html>', message: '' }, undefined, WORKDAY_PROFILE, true, 1, policy)).toMatchObject({ retry: true });
	});

	it('accepts WIDs and reference ids, refuses anything that could change the path', () => {
		expect(workdayId('3aa5550b7fe348b98d7b5741afc65534', 'recordId')).toBe('3aa5550b7fe348b98d7b5741afc65534');
		expect(workdayId('Employee_ID=21001', 'recordId')).toBe('Employee_ID=21001');
		for (const bad of ['../x', 'Employee_ID=1/../../x', 'ABCDEF', 'Employee_ID=%2e%2e', 'Employee_ID= 1', '']) {
			expect(() => workdayId(bad, 'recordId')).toThrow(/recordId: .* is not a Workday ID/);
		}
	});

	it('puts the UsernameToken only into the envelope\'s header slot, escaped; other requests get Basic', () => {
		const envelope = soapEnvelope(getWorkersRequest({ version: 'v42.0', references: [['Employee_ID', 'EMP-0001']] }));
		const signed = withIsuAuthentication({ username: 'isu<&>', tenant: 'acme', password: 'p"w<d>' }, { body: envelope, headers: {} });
		const root = parseXml(String(signed.body));
		const token = xmlPath(root, 'Header', 'Security', 'UsernameToken');
		expect(xmlPath(token, 'Username')?.text).toBe('isu<&>@acme');
		expect(xmlPath(token, 'Password')?.text).toBe('p"w<d>');
		expect(signed.headers).toEqual({});
		const report = withIsuAuthentication({ username: 'isu@acme', tenant: 'acme', password: 'pw' }, { headers: {} });
		expect(report.headers).toEqual({ Authorization: `Basic ${Buffer.from('isu@acme:pw').toString('base64')}` });
	});
});

/**
 * The TBA credential used from n8n's built-in HTTP Request node (authentication "Predefined Credential Type"): that
 * node hands `authenticate` request-library options, with the address in `uri` instead of `url`. The signature must
 * cover that address exactly as it does for our nodes' `url`, or NetSuite answers INVALID_LOGIN.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { P2cNetSuiteTbaApi } from '../../credentials/P2cNetSuiteTbaApi.credentials';
import { tbaAuthorizationHeader } from '../../nodes/NetSuite/transport/tba';

const data = { accountId: '1234567_sb1', consumerKey: 'ck-test', consumerSecret: 'cs-test', tokenId: 'tk-test', tokenSecret: 'ts-test' };
const address = 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/timeBill/eid:PSA-TE-1001';

function signatureOf(options: IHttpRequestOptions): { nonce: string; timestamp: number; signature: string } {
	const header = String((options.headers as Record<string, string>).Authorization);
	const value = (name: string) => decodeURIComponent(new RegExp(`${name}="([^"]*)"`).exec(header)![1]);
	return { nonce: value('oauth_nonce'), timestamp: Number(value('oauth_timestamp')), signature: value('oauth_signature') };
}

describe('NetSuite TBA credential from the HTTP Request node', () => {
	it('signs the request-library `uri` as it signs `url`', async () => {
		const signed = await new P2cNetSuiteTbaApi().authenticate(data, { method: 'PUT', uri: address } as IHttpRequestOptions & { uri: string });
		const { nonce, timestamp, signature } = signatureOf(signed);
		// The same request signed from its URL, with the nonce and time the credential chose.
		const expected = tbaAuthorizationHeader({ method: 'PUT', url: address }, { ...data, realm: '1234567_SB1' }, { nonce, timestamp });
		expect(decodeURIComponent(/oauth_signature="([^"]*)"/.exec(expected)![1])).toBe(signature);
		// Another address gives another signature: the `uri` is what was signed.
		const other = tbaAuthorizationHeader({ method: 'PUT', url: `${address}X` }, { ...data, realm: '1234567_SB1' }, { nonce, timestamp });
		expect(decodeURIComponent(/oauth_signature="([^"]*)"/.exec(other)![1])).not.toBe(signature);
	});
});

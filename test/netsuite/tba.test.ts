/**
 * Token-Based Authentication signing: RFC 5849's own base-string example, a fixed HMAC-SHA256 vector computed
 * outside this code (openssl), and agreement with the independent `oauth-1.0a` library.
 */
import { createHmac } from 'crypto';
import OAuth from 'oauth-1.0a';

import { P2cNetSuiteTbaApi } from '../../credentials/P2cNetSuiteTbaApi.credentials';
import {
	baseStringUri,
	hmacSha256Signature,
	percentEncode,
	signatureBaseString,
	tbaAuthorizationHeader,
} from '../../nodes/NetSuite/transport/tba';
import type { ParameterPair } from '../../nodes/NetSuite/transport/tba';

function parseHeader(header: string): Record<string, string> {
	expect(header.startsWith('OAuth ')).toBe(true);
	return Object.fromEntries(
		[...header.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g)].map((m) => [m[1], decodeURIComponent(m[2])]),
	);
}

describe('RFC 5849 signature base string', () => {
	it('reproduces the example of section 3.4.1.1 byte for byte', () => {
		// POST /request?b5=%3D%253D&a3=a&c%40=&a2=r%20b with form body c2&a3=2+q (RFC 5849 3.4.1.1).
		const url = 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b';
		const parameters: ParameterPair[] = [
			['oauth_consumer_key', '9djdj82h48djs9d2'],
			['oauth_token', 'kkk9d7dh3k39sjv7'],
			['oauth_signature_method', 'HMAC-SHA1'],
			['oauth_timestamp', '137131201'],
			['oauth_nonce', '7d8f3e4a'],
			['b5', '=%3D'],
			['a3', 'a'],
			['c@', ''],
			['a2', 'r b'],
			['c2', ''],
			['a3', '2 q'],
		];
		expect(signatureBaseString('post', url, parameters)).toBe(
			'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
		);
	});

	it('normalises the base URI as RFC 5849 3.4.1.2 shows', () => {
		expect(baseStringUri('HTTP://EXAMPLE.COM:80/r%20v/X?id=123')).toBe('http://example.com/r%20v/X');
		expect(baseStringUri('https://www.example.net:8080/?q=1')).toBe('https://www.example.net:8080/');
		expect(baseStringUri('https://1234567-sb1.suitetalk.api.netsuite.com:443/services/rest/record/v1/customer')).toBe(
			'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer',
		);
	});

	it('percent-encodes the RFC 3986 reserved characters JavaScript leaves alone', () => {
		expect(percentEncode("!*'()~-._ &=+/")).toBe('%21%2A%27%28%29~-._%20%26%3D%2B%2F');
	});
});

describe('NetSuite TBA Authorization header', () => {
	const keys = {
		consumerKey: 'ck-test',
		consumerSecret: 'cs-test',
		tokenId: 'tk-test',
		tokenSecret: 'ts-test',
		realm: '1234567_SB1',
	};
	const url = 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/query/v1/suiteql?limit=1000&offset=0';
	const fixed = { nonce: 'abc123XYZ', timestamp: 1700000000 };

	it('matches a fixed vector: SuiteQL limit/offset signed, realm and JSON body not', () => {
		const header = tbaAuthorizationHeader({ method: 'POST', url }, keys, fixed);
		// Base string written out by hand, signature from `openssl dgst -sha256 -hmac 'cs-test&ts-test' -binary | base64`.
		expect(header).toBe(
			'OAuth realm="1234567_SB1",oauth_consumer_key="ck-test",oauth_token="tk-test",oauth_signature_method="HMAC-SHA256",oauth_timestamp="1700000000",oauth_nonce="abc123XYZ",oauth_version="1.0",oauth_signature="pLpPO2X%2Bn%2FgAHPuEYbEzyzvLgzJhfxya1yN17elD3us%3D"',
		);
	});

	it('agrees with the independent oauth-1.0a library on the same request', () => {
		const oauth = new OAuth({
			consumer: { key: keys.consumerKey, secret: keys.consumerSecret },
			signature_method: 'HMAC-SHA256',
			hash_function: (base, key) => createHmac('sha256', key).update(base).digest('base64'),
		});
		const cases = [
			{ method: 'POST', url },
			{ method: 'GET', url: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer/107?expandSubResources=true&fields=companyName%2Cemail' },
			{ method: 'PUT', url: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer/eid:SF-001%20A' },
		];
		for (const request of cases) {
			const params = parseHeader(tbaAuthorizationHeader(request, keys, fixed));
			const expected = oauth.getSignature(
				{ url: request.url, method: request.method, data: {} },
				keys.tokenSecret,
				{
					oauth_consumer_key: keys.consumerKey,
					oauth_nonce: fixed.nonce,
					oauth_signature_method: 'HMAC-SHA256',
					oauth_timestamp: fixed.timestamp,
					oauth_token: keys.tokenId,
					oauth_version: '1.0',
				} as unknown as OAuth.Data,
			);
			expect(params.oauth_signature).toBe(expected);
		}
	});

	it('signs query parameters given apart from the URL (n8n qs) like ones in the URL', () => {
		const inUrl = tbaAuthorizationHeader({ method: 'POST', url }, keys, fixed);
		const apart = tbaAuthorizationHeader(
			{ method: 'POST', url: url.split('?')[0], qs: { offset: 0, limit: 1000 } },
			keys,
			fixed,
		);
		expect(apart).toBe(inUrl);
		const withoutQuery = tbaAuthorizationHeader({ method: 'POST', url: url.split('?')[0] }, keys, fixed);
		expect(withoutQuery).not.toBe(inUrl);
	});

	it('keys the HMAC with the encoded consumer and token secrets', () => {
		const base = 'GET&x&y';
		expect(hmacSha256Signature(base, 'a&b', 'c d')).toBe(createHmac('sha256', 'a%26b&c%20d').update(base).digest('base64'));
	});

	it('uses a fresh nonce and the current time on every request', async () => {
		const credential = new P2cNetSuiteTbaApi();
		const data = { accountId: '1234567_sb1', ...keys };
		const before = Math.floor(Date.now() / 1000);
		const signed = await Promise.all(
			[1, 2, 3].map(() => credential.authenticate(data, { method: 'GET', url: 'https://h.example/services/rest/record/v1/customer/1' })),
		);
		const headers = signed.map((options) => parseHeader(String((options.headers as Record<string, string>).Authorization)));
		expect(new Set(headers.map((h) => h.oauth_nonce)).size).toBe(3);
		for (const h of headers) {
			expect(h.realm).toBe('1234567_SB1');
			expect(Number(h.oauth_timestamp)).toBeGreaterThanOrEqual(before);
			expect(Number(h.oauth_timestamp)).toBeLessThanOrEqual(before + 5);
			expect(h.oauth_nonce).toMatch(/^[A-Za-z0-9]{6,64}$/);
		}
	});
});

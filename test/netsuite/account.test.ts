import { baseUrlOf, concurrencyKeyOf, hostLabelOf, realmOf } from '../../nodes/NetSuite/transport/account';

describe('NetSuite account id → realm and host', () => {
	it.each([
		['1234567', '1234567', '1234567'],
		['1234567_SB1', '1234567_SB1', '1234567-sb1'],
		['1234567-sb1', '1234567_SB1', '1234567-sb1'],
		['1234567_sb2', '1234567_SB2', '1234567-sb2'],
		['TSTDRV2345678', 'TSTDRV2345678', 'tstdrv2345678'],
		['  5432109_RP  ', '5432109_RP', '5432109-rp'],
	])('%s → realm %s, host %s', (accountId, realm, host) => {
		expect(realmOf(accountId)).toBe(realm);
		expect(hostLabelOf(accountId)).toBe(host);
		expect(baseUrlOf(accountId)).toBe(`https://${host}.suitetalk.api.netsuite.com`);
	});

	it('uses the override for sandboxes and proxies, without a trailing slash', () => {
		expect(baseUrlOf('1234567_SB1', 'http://127.0.0.1:4020/')).toBe('http://127.0.0.1:4020');
		expect(baseUrlOf('1234567_SB1', '  ')).toBe('https://1234567-sb1.suitetalk.api.netsuite.com');
	});

	it('shares one concurrency key between the two spellings of an account', () => {
		expect(concurrencyKeyOf('1234567-sb1')).toBe(concurrencyKeyOf('1234567_SB1'));
		expect(concurrencyKeyOf('1234567')).not.toBe(concurrencyKeyOf('1234567_SB1'));
	});

	it.each(['', 'acme.suitetalk.api.netsuite.com', '1234567/SB1', '12 34'])('refuses "%s"', (accountId) => {
		expect(() => realmOf(accountId)).toThrow(/Invalid NetSuite account ID/);
	});
});

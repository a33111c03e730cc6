import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  isAllowedAddress,
  parseHttpUrl,
  resolveChecked,
  UrlRefused,
} from '../../src/net/url-guard.js';
import { sign, verify } from '../../src/webhooks/webhooks.signature.js';

describe('webhook signatures', () => {
  it('are HMAC-SHA256 of "<t>.<body>", checked in constant time within a tolerance', () => {
    const header = sign('secret-0123456789', '{"a":1}', 1_700_000_000);
    const mac = createHmac('sha256', 'secret-0123456789')
      .update('1700000000.{"a":1}')
      .digest('hex');
    expect(header).toBe(`t=1700000000,v1=${mac}`);
    expect(verify('secret-0123456789', '{"a":1}', header, 1_700_000_100)).toBe(true);
    expect(verify('secret-0123456789', '{"a":2}', header, 1_700_000_100)).toBe(false);
    expect(verify('secret-0123456789', '{"a":1}', header, 1_700_001_000)).toBe(false);
    expect(verify('secret-0123456789', '{"a":1}', 't=1700000000,v1=00', 1_700_000_000)).toBe(false);
    expect(verify('secret-0123456789', '{"a":1}', 'garbage', 1_700_000_000)).toBe(false);
  });
});

describe('URL guard', () => {
  const closed = { allowLoopback: false, allowPrivate: false };
  const open = { allowLoopback: true, allowPrivate: true };
  it('lets only public unicast addresses through by default', () => {
    for (const address of [
      '127.0.0.1',
      '::1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      'fc00::1',
      'fe80::1',
      '0.0.0.0',
      '::',
      '::ffff:127.0.0.1',
      '100.64.0.1',
      '224.0.0.1',
    ])
      expect(isAllowedAddress(address, closed), address).toBe(false);
    for (const address of [
      '93.184.216.34',
      '2606:2800:220:1:248:1893:25c8:1946',
      '::ffff:93.184.216.34',
    ])
      expect(isAllowedAddress(address, closed), address).toBe(true);
  });
  it('lets loopback and private ranges through when configured, never unspecified or multicast', () => {
    for (const address of ['127.0.0.1', '::1', '10.0.0.1', '192.168.1.1', 'fc00::1'])
      expect(isAllowedAddress(address, open), address).toBe(true);
    for (const address of ['0.0.0.0', '::', '224.0.0.1', '255.255.255.255'])
      expect(isAllowedAddress(address, open), address).toBe(false);
  });
  it('takes http(s) URLs without credentials only', async () => {
    expect(parseHttpUrl(' https://example.org/hook ').href).toBe('https://example.org/hook');
    for (const url of [
      'ftp://example.org',
      'file:///etc/passwd',
      'http://a:b@example.org',
      'not a url',
    ])
      expect(() => parseHttpUrl(url), url).toThrow(UrlRefused);
    await expect(resolveChecked('[::1]', closed)).rejects.toThrow(UrlRefused);
    await expect(resolveChecked('localhost', closed)).rejects.toMatchObject({
      reason: 'PRIVATE_ADDRESS',
    });
    expect(await resolveChecked('127.0.0.1', open)).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });
});

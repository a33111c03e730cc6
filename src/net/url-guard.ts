import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Outgoing requests to URLs that users give (webhook targets; article URLs can use
 * the same): only http(s) without credentials, and every address the host resolves
 * to must be public unicast unless allowed, checked before connecting; the
 * connection then goes to the checked addresses (`pinnedLookup`), never to a second
 * DNS answer (DNS rebinding).
 */

export interface GuardOptions {
  /** 127.0.0.0/8 and ::1. */
  allowLoopback: boolean;
  /** Private, link-local, unique-local and other non-public ranges too (an intranet receiver). */
  allowPrivate: boolean;
}

export class UrlRefused extends Error {
  constructor(
    readonly reason: 'NOT_HTTP' | 'PRIVATE_ADDRESS' | 'UNRESOLVED',
    message: string,
  ) {
    super(message);
  }
}

/** Whether an address may be connected to: public unicast, or what the options allow. */
export function isAllowedAddress(address: string, options: GuardOptions): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  if (range === 'unicast') return true;
  if (range === 'loopback') return options.allowLoopback || options.allowPrivate;
  // Never: unspecified (0.0.0.0, ::), broadcast, multicast.
  if (['unspecified', 'broadcast', 'multicast'].includes(range)) return false;
  return options.allowPrivate;
}

export function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new UrlRefused('NOT_HTTP', 'not a URL; give an http(s) address');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UrlRefused('NOT_HTTP', `only http and https, not ${url.protocol.slice(0, -1)}`);
  if (url.username || url.password)
    throw new UrlRefused('NOT_HTTP', 'a URL with a user name or password is refused');
  return url;
}

/** Resolves a host and checks every address it has; a literal address is checked as it is. */
export async function resolveChecked(
  hostname: string,
  options: GuardOptions,
): Promise<LookupAddress[]> {
  const host = hostname.replace(/^\[|\]$/g, '');
  const refused = (address: string) =>
    new UrlRefused(
      'PRIVATE_ADDRESS',
      `${host}${host === address ? '' : ` (${address})`} is a loopback, private, link-local or reserved address`,
    );
  if (isIP(host)) {
    if (!isAllowedAddress(host, options)) throw refused(host);
    return [{ address: host, family: isIP(host) }];
  }
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, list) =>
      error ? reject(error) : resolve(list),
    ),
  ).catch(() => {
    throw new UrlRefused('UNRESOLVED', `the host ${host} could not be found`);
  });
  if (addresses.length === 0) throw new UrlRefused('UNRESOLVED', `the host ${host} has no address`);
  for (const { address } of addresses)
    if (!isAllowedAddress(address, options)) throw refused(address);
  return addresses;
}

/** A lookup that answers with the addresses already checked, so the connection cannot go elsewhere. */
export function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  }) as unknown as LookupFunction;
}

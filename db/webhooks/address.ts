import { lookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * The SSRF guard: webhook URLs may not reach private, loopback, link-local (cloud metadata at 169.254.169.254),
 * unique-local, carrier-grade NAT or otherwise reserved addresses, unless configuration allows a range by the name
 * ipaddr.js gives it (tests allow 'loopback'). Checked on the address actually connected to (the DNS answer), so
 * a name that resolves somewhere else at send time than when it was registered is still caught.
 */
export type AddressRange = ReturnType<ipaddr.IPv4['range']> | ReturnType<ipaddr.IPv6['range']>;

export function addressRange(address: string): AddressRange {
  const parsed = ipaddr.process(address); // IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 it is
  return parsed.range();
}

export function isAllowedAddress(address: string, allowedRanges: readonly string[]): boolean {
  const range = addressRange(address);
  return range === 'unicast' || allowedRanges.includes(range);
}

export class RefusedAddressError extends Error {
  readonly code = 'webhook/address-refused';
  constructor(readonly address: string) {
    super(`目标地址 ${address} 属于内网、回环或链路本地地址，不允许投递。Address ${address} is private, loopback or link-local.`);
  }
}

/** A `lookup` for node:http that refuses disallowed answers (so the connection never opens). */
export function guardedLookup(allowedRanges: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as unknown as { address: string; family: number }[];
      const refused = list.find((entry) => !isAllowedAddress(entry.address, allowedRanges));
      if (refused) return callback(new RefusedAddressError(refused.address) as NodeJS.ErrnoException, '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/** A literal IP host is connected to without a lookup: judge it directly. Null when allowed or not literal. */
export function refusedLiteral(hostname: string, allowedRanges: readonly string[]): string | null {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (!isIP(bare)) return null;
  return isAllowedAddress(bare, allowedRanges) ? null : bare;
}

import { describe, expect, it } from 'vitest';
import { ipRangeOffset, nextFreeOffset, parseIpRange } from '../../../src/api/service-allocation/ip-range.js';
import { parsePortRange, portRangeOffset } from '../../../src/api/service-allocation/port-range.js';

describe('parseIpRange', () => {
  it.each([
    // cidr, family, usable addresses, dynamic band start, first address, network
    ['10.96.0.0/12', 'IPv4', 2 ** 20 - 2, 256, '10.96.0.1', '10.96.0.0'],
    ['10.96.0.0/16', 'IPv4', 65534, 256, '10.96.0.1', '10.96.0.0'],
    ['10.0.0.0/24', 'IPv4', 254, 16, '10.0.0.1', '10.0.0.0'],
    ['192.168.0.0/28', 'IPv4', 14, 0, '192.168.0.1', '192.168.0.0'],
    ['fd00:10:96::/112', 'IPv6', 65535, 256, 'fd00:10:96::1', 'fd00:10:96::'],
    ['2001:db8::/64', 'IPv6', 65535, 256, '2001:db8::1', '2001:db8::'],
  ])('%s', (cidr, family, size, dynamicStart, first, network) => {
    const r = parseIpRange(cidr);
    expect([r.family, r.size, r.dynamicStart, r.ipAt(0), r.network, r.cidr]).toEqual([family, size, dynamicStart, first, network, cidr]);
  });

  it('normalises the CIDR to its network and maps addresses to offsets and back', () => {
    const r = parseIpRange('10.96.3.7/12');
    expect(r.cidr).toBe('10.96.0.0/12');
    expect(r.offsetOf('10.96.1.1')).toBe(256);
    expect(r.ipAt(256)).toBe('10.96.1.1');
    expect(r.offsetOf('10.096.0.010')).toBe(9); // Go's sloppy parse allows leading zeros
    expect(r.offsetOf('10.96.0.0')).toBeUndefined(); // network
    expect(r.offsetOf('10.111.255.255')).toBeUndefined(); // broadcast
    expect(r.offsetOf('10.111.255.254')).toBe(2 ** 20 - 3);
    expect(r.offsetOf('10.112.0.1')).toBeUndefined();
    expect(r.offsetOf('fd00::1')).toBeUndefined();
    expect(r.offsetOf('not-an-ip')).toBeUndefined();
    const v6 = parseIpRange('fd00:10:96::/112');
    expect(v6.offsetOf('fd00:10:96::ffff')).toBe(65534);
    expect(v6.ipAt(255)).toBe('fd00:10:96::100');
    expect(() => parseIpRange('10.96.0.0/33')).toThrow(/invalid service CIDR/);
  });

  it('computes the static band as min(max(16, size/16), 256)', () => {
    expect([16n, 17n, 256n, 512n, 4096n, 8192n].map(ipRangeOffset)).toEqual([0, 16, 16, 32, 256, 256]);
  });

  it('picks the lowest free offset of the dynamic band, then of the static band, skipping the reserved first', () => {
    expect(nextFreeOffset(10, 4, new Set(), 1)).toBe(4);
    expect(nextFreeOffset(10, 4, new Set([4, 5]), 1)).toBe(6);
    expect(nextFreeOffset(10, 4, new Set([4, 5, 6, 7, 8, 9]), 1)).toBe(1);
    expect(nextFreeOffset(10, 4, new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]), 1)).toBeUndefined();
    expect(nextFreeOffset(3, 0, new Set(), 1)).toBe(1);
  });
});

describe('parsePortRange', () => {
  it('reads the default range and its static band (min(max(16, size/32), 128))', () => {
    const r = parsePortRange('30000-32767');
    expect([r.base, r.size, r.dynamicStart, r.text]).toEqual([30000, 2768, 86, '30000-32767']);
    expect([r.contains(30000), r.contains(32767), r.contains(32768), r.contains(29999)]).toEqual([true, true, false, false]);
    expect(parsePortRange('30000+99').text).toBe('30000-30099');
    expect([16, 17, 1000, 10000].map(portRangeOffset)).toEqual([0, 16, 31, 128]);
    expect(() => parsePortRange('32767-30000')).toThrow(/invalid port range/);
    expect(() => parsePortRange('abc')).toThrow(/invalid port range/);
  });
});

/**
 * A self-signed TLS certificate for the API server, generated at first start
 * when the user supplies none: an ECDSA P-256 key, valid for `localhost`,
 * 127.0.0.1 and ::1 (plus any names asked for), for ten years. It is its own
 * CA: the kubeconfig carries it as `certificate-authority-data`, so clients
 * verify the server instead of skipping verification.
 *
 * TLS is what lets kubectl send the bearer token at all: client-go reads a
 * kubeconfig's credentials only for servers it reaches over TLS.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { bitString, boolean, explicit, implicit, integer, octetString, oid, sequence, set, time, utf8String } from './der.js';

export interface TlsMaterial {
  /** PEM certificate. */
  readonly cert: string;
  /** PEM private key (PKCS#8). */
  readonly key: string;
}

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number));
  // IPv6: expand `::` and write 8 groups of 16 bits.
  const [head = '', tail = ''] = ip.includes('::') ? ip.split('::') : [ip, ''];
  const h = head === '' ? [] : head.split(':');
  const t = tail === '' ? [] : tail.split(':');
  const groups = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return Buffer.concat(groups.map((g) => Buffer.from([parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff])));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}

/** Creates a certificate for `hosts` (DNS names and IP addresses), valid from `nowMs` (unix ms). */
export function selfSignedCert(nowMs: number, hosts: readonly string[] = []): TlsMaterial {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const names = [...new Set(['localhost', '127.0.0.1', '::1', ...hosts])];
  const san = sequence(...names.map((n) => (isIP(n) === 0 ? implicit(2, Buffer.from(n, 'ascii')) : implicit(7, ipBytes(n)))));
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const name = sequence(set(sequence(oid('2.5.4.3'), utf8String('chronokube'))));
  const algorithm = sequence(oid(ECDSA_WITH_SHA256));
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    algorithm,
    name,
    sequence(time(nowMs - 3600_000), time(nowMs + TEN_YEARS_MS)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(
      3,
      sequence(
        extension('2.5.29.19', true, sequence(boolean(true))),
        // digitalSignature (bit 0) and keyCertSign (bit 5): 1000 0100, two unused bits.
        extension('2.5.29.15', true, bitString(Buffer.from([0x84]), 2)),
        extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))),
        extension('2.5.29.17', false, san),
      ),
    ),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, algorithm, bitString(signature));
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${b64.trimEnd()}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/**
 * The certificate and key in `dir` (`tls.crt`, `tls.key`), generating them
 * at first start. A pair that does not load is an error, never silently replaced.
 */
export function loadOrCreateCert(dir: string, nowMs: number, hosts: readonly string[] = []): TlsMaterial {
  const certPath = join(dir, 'tls.crt');
  const keyPath = join(dir, 'tls.key');
  if (existsSync(certPath) && existsSync(keyPath)) {
    const material = { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
    createPublicKey(material.cert);
    createPrivateKey(material.key);
    return material;
  }
  mkdirSync(dir, { recursive: true });
  const material = selfSignedCert(nowMs, hosts);
  writeFileSync(keyPath, material.key, { mode: 0o600 });
  writeFileSync(certPath, material.cert, { mode: 0o644 });
  return material;
}

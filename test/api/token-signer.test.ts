import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signJwt } from '../../src/api/jwt.js';
import { DEFAULT_SERVICE_ACCOUNT_ISSUER, rsaTokenSigner } from '../../src/api/token-signer.js';

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const pemOf = (k: ReturnType<typeof rsa>) => k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('rsaTokenSigner', () => {
  const keys = rsa();
  const signer = rsaTokenSigner(pemOf(keys));

  it("names Kubernetes' key id (base64url SHA-256 of the PKIX DER) and defaults issuer and API audiences", () => {
    const der = keys.publicKey.export({ type: 'spki', format: 'der' });
    expect(signer.keyId).toBe(createHash('sha256').update(der).digest('base64url'));
    expect(signer.issuer).toBe(DEFAULT_SERVICE_ACCOUNT_ISSUER);
    expect(signer.apiAudiences).toEqual([DEFAULT_SERVICE_ACCOUNT_ISSUER]);
    expect(rsaTokenSigner(pemOf(keys), { issuer: 'https://x', apiAudiences: ['a', 'b'] })).toMatchObject({ issuer: 'https://x', apiAudiences: ['a', 'b'] });
  });

  it('verifies its own tokens only: not another key, not a token naming another kid', () => {
    const token = signer.sign({ iss: signer.issuer, sub: 's' });
    expect(signer.verify(token)).toEqual({ iss: signer.issuer, sub: 's' });
    expect(rsaTokenSigner(pemOf(rsa())).verify(token)).toBeUndefined();
    expect(signer.verify(signJwt({ alg: 'RS256', kid: 'other' }, { sub: 's' }, keys.privateKey))).toBeUndefined();
  });

  it('reads the claimed issuer before any check, and nothing from non-JWTs', () => {
    expect(signer.claimedIssuer(signer.sign({ iss: 'https://elsewhere' }))).toBe('https://elsewhere');
    expect(signer.claimedIssuer('0123abcd')).toBeUndefined();
    expect(signer.claimedIssuer('{"iss":"x"}.a.b')).toBeUndefined();
  });

  it('refuses a key that is not RSA', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => rsaTokenSigner(ec)).toThrow(/must be RSA, not ec/);
  });
});

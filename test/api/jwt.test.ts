import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeSegment, signJwt, verifyJwt } from '../../src/api/jwt.js';

const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const seg = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('RS256 compact JWS', () => {
  const { privateKey, publicKey } = pair();
  const token = signJwt({ alg: 'RS256', kid: 'k' }, { sub: 'x', n: 1 }, privateKey);

  it('signs header.payload.signature in base64url, keeping the claims as written, deterministically', () => {
    const [h, p, s] = token.split('.');
    expect(decodeSegment(h ?? '')).toEqual({ alg: 'RS256', kid: 'k' });
    expect(Buffer.from(p ?? '', 'base64url').toString()).toBe('{"sub":"x","n":1}');
    expect(s).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(signJwt({ alg: 'RS256', kid: 'k' }, { sub: 'x', n: 1 }, privateKey)).toBe(token);
    expect(verifyJwt(token, publicKey)).toEqual({ header: { alg: 'RS256', kid: 'k' }, payload: { sub: 'x', n: 1 } });
  });

  it('rejects a changed payload, another key, alg none and malformed tokens', () => {
    const [h, , s] = token.split('.');
    expect(verifyJwt(`${h}.${seg({ sub: 'admin', n: 1 })}.${s}`, publicKey)).toBeUndefined();
    expect(verifyJwt(token, pair().publicKey)).toBeUndefined();
    expect(verifyJwt(`${seg({ alg: 'none' })}.${seg({ sub: 'x' })}.`, publicKey)).toBeUndefined();
    expect(verifyJwt(`${seg({ alg: 'HS256' })}.${seg({ sub: 'x' })}.${s}`, publicKey)).toBeUndefined();
    for (const bad of ['', 'a.b', 'a.b.c.d', `${h}.!!.${s}`, `${h}.${seg([1])}.${s}`]) expect(verifyJwt(bad, publicKey)).toBeUndefined();
  });

  it('verifies with a public key re-read from PEM (what a restarted server holds)', () => {
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(verifyJwt(token, createPublicKey(createPrivateKey(pem)))?.payload['sub']).toBe('x');
  });
});

/**
 * Reading request bodies with a size limit, and decoding them by media type.
 * Kubernetes refuses bodies over 3 MiB (`maxRequestBodyBytes`) with 413; a
 * body that does not parse is 400 BadRequest; a media type the verb does not
 * speak is 415 UnsupportedMediaType.
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { badRequest, tooLarge, unsupportedMediaType } from '../model/index.js';
import { decodeProtobufObject } from './protobuf/decode-object.js';
import { isProtobuf } from './protobuf/wire-format.js';

/** kube-apiserver's default `--max-request-body-bytes`: 3 MiB. */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/** Reads the whole body; rejects with 413 as soon as it passes `limit` bytes (the rest is not buffered). */
export function readBody(req: IncomingMessage, limit = MAX_REQUEST_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) {
    req.resume();
    return Promise.reject(tooLargeError(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(tooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!failed) reject(e);
    });
  });
}

function tooLargeError(limit: number): Error {
  return tooLarge(`the request body is too large: limit is ${limit} bytes`);
}

/** The media type without parameters, lower case: `application/json; charset=utf-8` → `application/json`. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

const JSON_TYPES = new Set(['application/json', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json']);
const YAML_TYPES = new Set(['application/yaml', 'application/apply-patch+yaml']);

/**
 * Decodes a body of a JSON or YAML media type (a missing type is read as
 * JSON, as Kubernetes does). A YAML map repeating a key is refused unless
 * `uniqueKeys` is false (then the last one wins, as in JSON; field
 * validation reports the repeat).
 */
export function decodeBody(body: Buffer, contentType: string | undefined, opts: { uniqueKeys?: boolean } = {}): unknown {
  const type = mediaTypeOf(contentType);
  if (isProtobuf(type)) return decodeProtobufObject(body);
  const text = body.toString('utf8');
  if (type === '' || JSON_TYPES.has(type)) {
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw badRequest(`the request body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (YAML_TYPES.has(type)) {
    try {
      // YAML 1.2 core schema: JSON is valid YAML, so applied JSON bodies decode too.
      return parseYaml(text, { maxAliasCount: 100, uniqueKeys: opts.uniqueKeys ?? true }) as unknown;
    } catch (e) {
      throw badRequest(`the request body is not valid YAML: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`);
}

/**
 * Protobuf bodies of access and identity reviews (`kubectl auth can-i`
 * posts its SelfSubjectAccessReview as `application/vnd.kubernetes.protobuf`,
 * accepting JSON back). They are read by the one protobuf decoder every
 * body goes through (src/http/protobuf/), whose tables hold the
 * authorization/v1 and authentication/v1 review messages.
 */
import { decodeProtobufObject } from './protobuf/decode-object.js';

export { isProtobuf } from './protobuf/wire-format.js';

/** The JSON form of a protobuf-encoded review, as the JSON decoder would have given it. */
export function decodeReview(body: Buffer): Record<string, unknown> {
  return decodeProtobufObject(body);
}

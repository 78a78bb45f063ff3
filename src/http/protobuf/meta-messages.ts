/**
 * apimachinery's meta/v1 messages (staging/src/k8s.io/apimachinery/pkg/
 * apis/meta/v1/generated.proto), and the authorization/v1 and
 * authentication/v1 reviews kubectl posts (`auth can-i`, `auth whoami`,
 * `create token`), by their Kubernetes 1.32 field numbers.
 */
import type { MessageSource } from './field-spec.js';

export const META_MESSAGES: Readonly<Record<string, MessageSource>> = {
  ObjectMeta: {
    1: 'name',
    2: 'generateName',
    3: 'namespace',
    4: 'selfLink',
    5: 'uid',
    6: 'resourceVersion',
    7: 'generation:int64',
    8: 'creationTimestamp!:time',
    9: 'deletionTimestamp*:time',
    10: 'deletionGracePeriodSeconds*:int64',
    11: 'labels:map<string>',
    12: 'annotations:map<string>',
    13: 'ownerReferences[]:OwnerReference',
    14: 'finalizers[]',
    17: 'managedFields[]:ManagedFieldsEntry',
  },
  OwnerReference: { 5: 'apiVersion!', 1: 'kind!', 3: 'name!', 4: 'uid!', 6: 'controller*:bool', 7: 'blockOwnerDeletion*:bool' },
  ManagedFieldsEntry: {
    1: 'manager',
    2: 'operation',
    3: 'apiVersion',
    4: 'time*:time',
    6: 'fieldsType',
    7: 'fieldsV1*:fieldsv1',
    8: 'subresource',
  },
  LabelSelector: { 1: 'matchLabels:map<string>', 2: 'matchExpressions[]:LabelSelectorRequirement' },
  LabelSelectorRequirement: { 1: 'key!', 2: 'operator!', 3: 'values[]' },
  FieldSelectorRequirement: { 1: 'key!', 2: 'operator!', 3: 'values[]' },
  Condition: {
    1: 'type!',
    2: 'status!',
    3: 'observedGeneration:int64',
    4: 'lastTransitionTime!:time',
    5: 'reason!',
    6: 'message!',
  },

  // authorization.k8s.io/v1
  SubjectAccessReview: { 1: 'metadata:ObjectMeta', 2: 'spec!:SubjectAccessReviewSpec', 3: 'status:SubjectAccessReviewStatus' },
  LocalSubjectAccessReview: { 1: 'metadata:ObjectMeta', 2: 'spec!:SubjectAccessReviewSpec', 3: 'status:SubjectAccessReviewStatus' },
  SelfSubjectAccessReview: { 1: 'metadata:ObjectMeta', 2: 'spec!:SelfSubjectAccessReviewSpec', 3: 'status:SubjectAccessReviewStatus' },
  SubjectAccessReviewSpec: {
    1: 'resourceAttributes*:ResourceAttributes',
    2: 'nonResourceAttributes*:NonResourceAttributes',
    3: 'user',
    4: 'groups[]',
    5: 'extra:map<extra>',
    6: 'uid',
  },
  SelfSubjectAccessReviewSpec: { 1: 'resourceAttributes*:ResourceAttributes', 2: 'nonResourceAttributes*:NonResourceAttributes' },
  ResourceAttributes: {
    1: 'namespace',
    2: 'verb',
    3: 'group',
    4: 'version',
    5: 'resource',
    6: 'subresource',
    7: 'name',
    8: 'fieldSelector*:FieldSelectorAttributes',
    9: 'labelSelector*:LabelSelectorAttributes',
  },
  FieldSelectorAttributes: { 1: 'rawSelector', 2: 'requirements[]:FieldSelectorRequirement' },
  LabelSelectorAttributes: { 1: 'rawSelector', 2: 'requirements[]:LabelSelectorRequirement' },
  NonResourceAttributes: { 1: 'path', 2: 'verb' },
  SubjectAccessReviewStatus: { 1: 'allowed!:bool', 4: 'denied:bool', 2: 'reason', 3: 'evaluationError' },
  SelfSubjectRulesReview: { 1: 'metadata:ObjectMeta', 2: 'spec!:SelfSubjectRulesReviewSpec', 3: 'status:SubjectRulesReviewStatus' },
  SelfSubjectRulesReviewSpec: { 1: 'namespace' },
  SubjectRulesReviewStatus: {
    1: 'resourceRules[]:ResourceRule',
    2: 'nonResourceRules[]:NonResourceRule',
    3: 'incomplete!:bool',
    4: 'evaluationError',
  },
  ResourceRule: { 1: 'verbs[]', 2: 'apiGroups[]', 3: 'resources[]', 4: 'resourceNames[]' },
  NonResourceRule: { 1: 'verbs[]', 2: 'nonResourceURLs[]' },

  // authentication.k8s.io/v1
  SelfSubjectReview: { 1: 'metadata:ObjectMeta', 2: 'status:SelfSubjectReviewStatus' },
  SelfSubjectReviewStatus: { 1: 'userInfo:UserInfo' },
  UserInfo: { 1: 'username', 2: 'uid', 3: 'groups[]', 4: 'extra:map<extra>' },
  TokenReview: { 1: 'metadata:ObjectMeta', 2: 'spec!:TokenReviewSpec', 3: 'status:TokenReviewStatus' },
  TokenReviewSpec: { 1: 'token', 2: 'audiences[]' },
  TokenReviewStatus: { 1: 'authenticated:bool', 2: 'user:UserInfo', 4: 'audiences[]', 3: 'error' },
  TokenRequest: { 1: 'metadata:ObjectMeta', 2: 'spec!:TokenRequestSpec', 3: 'status:TokenRequestStatus' },
  TokenRequestSpec: { 1: 'audiences[]', 4: 'expirationSeconds*:int64', 3: 'boundObjectRef*:BoundObjectReference' },
  BoundObjectReference: { 1: 'kind', 2: 'apiVersion', 3: 'name', 4: 'uid' },
  TokenRequestStatus: { 1: 'token!', 2: 'expirationTimestamp!:time' },
};

/**
 * RBAC's public surface, re-exported by the api layer's front door: the
 * authorizer, actors as users, the bootstrap policy, rule matching and the
 * 403 wording, and access reviews.
 */
export { isRbacAuthorizer, rbacAuthorizer, resourceAttributes } from './rbac-authorizer.js';
export type { Decision, RbacAuthorizer, RbacAuthorizerOptions, UserRules } from './rbac-authorizer.js';
export { CONTROLLER_SERVICE_ACCOUNTS, DEFAULT_MASTER_ACTORS, controllerServiceAccount, serviceAccountUser, userNamed, userOf } from './user-info.js';
export type { UserInfo, UserOfOptions } from './user-info.js';
export { AUTOUPDATE_ANNOTATION, bootstrapPolicy, reconcileBootstrapPolicy, reconcileObject } from './bootstrap-policy.js';
export type { PolicyWriter } from './bootstrap-policy.js';
export { policyRuleOf, ruleAllows } from './policy-rule.js';
export type { PolicyRule, RequestAttributes } from './policy-rule.js';
export { forbiddenError, forbiddenMessage } from './forbidden-message.js';
export { answerReview, isReviewKind, REVIEW_KINDS } from './access-review.js';
export type { Reviewer, ReviewKind } from './access-review.js';
export { accessFacts } from './access-facts.js';
export type { AccessFacts, BindingFact } from './access-facts.js';
export { rbacEscalationPlugin } from './rbac-escalation.js';

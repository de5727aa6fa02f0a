/**
 * The Readiness audit engine: one walk over a repository into typed facts,
 * the built-in rules, scoring, redaction and reports; plus the extension
 * point through which backend modules add rules.
 *
 * @packageDocumentation
 */
export * from './snapshot';
export { auditDirectory, auditSnapshot, auditWithFacts, evaluateRule, ENGINE_VERSION } from './engine/audit';
export type { AuditConfig, AuditOptions, AuditRun } from './engine/audit';
export { findingFingerprint, resultFingerprint, FINGERPRINT_VERSION } from './engine/fingerprint';
export * from './fixes';
export * from './facts';
export * from './rules/types';
export { RuleRegistry } from './rules/registry';
export { builtinRules } from './rules';
export { redactText, maskSecret } from './secrets/redact';
export { SECRET_PATTERNS, isPlaceholderValue } from './secrets/patterns';
export * from './testing';
export * from './extensions';
export * from './report';
export { auditConfigSchema, parseAuditConfig, configPath, AUDIT_CONFIG_KEYS } from './config/auditConfig';
export type { AuditConfigSchemaOptions, ParsedAuditConfig } from './config/auditConfig';

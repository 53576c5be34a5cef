/**
 * The scoring policy: the assumptions a scoring makes that no importer can observe — who is an entry
 * point and how likely a foothold there is, whether disabled accounts can be used, what fixes cost and
 * which fixes are off the table. Defaults below; an organisation overrides any part of it with a JSON
 * file (`--policy FILE`, `CHOKEPOINT_POLICY`). README "Scoring policy" documents every field; ADR 0010
 * records why these defaults.
 */
import { z } from 'zod';
import { BadInputError } from '../errors.js';
import { FIX_FAMILIES, type FixFamily } from '../schema/index.js';

const P = z.number().gt(0).lte(1);
const Cost = z.number().gt(0).lte(10_000);
const Selector = z.string().trim().min(1).max(1024);

const PhishableRule = z.strictObject({
  /** A group id, SID alias or name (case-insensitive); membership is transitive. */
  group: Selector,
  p0: P,
  reason: z.string().trim().min(1).max(500),
});

const SlaRule = z.strictObject({
  /** The tier's name, shown with the due date ("critical"). */
  name: z.string().trim().min(1).max(100),
  /** Days from when a fix is first tracked to when it is due. */
  days: z.number().int().min(1).max(3650),
  /** The rule holds when the most critical target the fix protects is at least this critical… */
  minCriticality: z.number().min(0).max(10).optional(),
  /** …and the risk on the best routes it cuts is at least this… */
  minRisk: z.number().min(0).optional(),
  /** …and it protects a member of one of these target groups (group id or name, or a target's node id). */
  groups: z.array(Selector).max(1000).optional(),
});

/** The default SLA (README "Fix lifecycle"): CISA BOD 19-02's 15 / 30 days for critical / high, 90 for the rest — a judgement. */
export const DEFAULT_SLA_RULES = [
  { name: 'critical', days: 15, minCriticality: 9 },
  { name: 'high', days: 30, minCriticality: 7 },
  { name: 'standard', days: 90 },
];

export const ScoringPolicySchema = z.strictObject({
  entries: z.strictObject({
    phishable: z.strictObject({
      /** Enabled users with a mailbox (email) or an interactive logon (lastlogon/lastlogontimestamp > 0) are phishable. */
      fromDirectory: z.boolean().default(true),
      p0: P.default(0.3),
      /** First matching rule wins; e.g. lower p₀ for admins who use phishing-resistant MFA. */
      groups: z.array(PhishableRule).max(1000).default([]),
    }).prefault({}),
    internet: z.strictObject({ p0: P.default(0.9) }).prefault({}),
    vendor: z.strictObject({ p0: P.default(0.6) }).prefault({}),
    untrustedInput: z.strictObject({ p0: P.default(0.5) }).prefault({}),
    /** An Internet restricted to one address range (AWS security groups): p₀ by prefix length. */
    publicCidr: z.strictObject({ p0: P.default(0.3), wideP0: P.default(0.9), widePrefix: z.number().int().min(0).max(32).default(8) }).prefault({}),
  }).prefault({}),
  /** false: steps into and out of a disabled account (`enabled: false`) are dropped. */
  traverseDisabled: z.boolean().default(false),
  costs: z.strictObject({
    /** Person-days per fix of a family (default: the schema's). */
    families: z.partialRecord(z.enum(Object.keys(FIX_FAMILIES) as [FixFamily, ...FixFamily[]]), Cost).default({}),
    /** Taking a service off the Internet (default 3: above patching one machine, so a KEV patch wins a tie). */
    closeInternet: Cost.default(3),
    /** Multipliers on the cost of fixes acting on a node (id) or on any member of a zone (zone id). */
    nodes: z.record(Selector, z.number().gt(0).lte(100)).default({}),
    zones: z.record(Selector, z.number().gt(0).lte(100)).default({}),
  }).prefault({}),
  constraints: z.strictObject({
    /** Node ids, zone ids or `kind:<Kind>` whose software cannot be patched (e.g. PLC firmware); also inventory `cannot_patch`. */
    cannotPatch: z.array(Selector).max(100_000).default([]),
    /** Node or zone ids that must stay exposed to the Internet; also inventory `must_stay_exposed`. */
    mustStayExposed: z.array(Selector).max(100_000).default([]),
  }).prefault({}),
  /** Live signals (README "Signals"): how a detection turns into a foothold and when signals form a chain. */
  signals: z.strictObject({
    /** A signal's weight halves every this many hours. */
    halfLifeHours: z.number().gt(0).max(24 * 365).default(24),
    /** Signals older than this are left out (ranking, scoring, chains). */
    maxAgeDays: z.number().gt(0).max(3650).default(30),
    /** Signals in one chain lie within this many hours of each other, and of now. */
    chainWindowHours: z.number().gt(0).max(24 * 365).default(72),
    /** Consecutive signals of a chain are at most this many steps apart on its route. */
    chainMaxGap: z.number().int().min(1).max(20).default(2),
    /** Weight of each severity (× confidence × decay = the signal's strength, a foothold's p₀). */
    severity: z.strictObject({ info: P.default(0.05), low: P.default(0.25), medium: P.default(0.5), high: P.default(0.75), critical: P.default(0.95) }).prefault({}),
  }).prefault({}),
  /** Due dates of tracked fixes: the first rule whose conditions all hold gives the days (none: the last rule). */
  sla: z.strictObject({
    rules: z.array(SlaRule).min(1).max(100).default(DEFAULT_SLA_RULES),
    /** The longest a risk acceptance may run before it must be renewed. */
    maxAcceptanceDays: z.number().int().min(1).max(3650).default(365),
  }).prefault({}),
});

export type ScoringPolicy = z.output<typeof ScoringPolicySchema>;
export type ScoringPolicyInput = z.input<typeof ScoringPolicySchema>;

export const DEFAULT_POLICY: ScoringPolicy = ScoringPolicySchema.parse({});

/** Validates a policy document (already parsed JSON); errors name the file and the path inside it. */
export function parsePolicy(doc: unknown, file = 'policy'): ScoringPolicy {
  const r = ScoringPolicySchema.safeParse(doc);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
  throw new BadInputError({ file, path }, `${path}: ${issue.message}`, 'a scoring policy as in README "Scoring policy"');
}

/** The fix family cost under a policy. */
export function familyCost(policy: ScoringPolicy, family: FixFamily, schemaCost: number): number {
  return policy.costs.families[family] ?? schemaCost;
}

/**
 * Signals (ADR 0014): detections and logins read from IDS, Zeek, SIEM/EDR/OT-monitor exports and VPN logs.
 * A signal is an observation at a time about one or more subjects — an IP, hostname, SID, ARN, user
 * principal or node id — never a graph fact: it is stored with the run that read it and attached to nodes
 * through the same aliases when analysed, so a signal whose subject the graph does not know yet is kept
 * and reported as unattached.
 */

export const SIGNAL_SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type SignalSeverity = (typeof SIGNAL_SEVERITIES)[number];

/** What a subject is to the signal: the source of the traffic, its destination, the host it fired on, or the account. */
export const SUBJECT_ROLES = ['source', 'destination', 'host', 'user'] as const;
export type SubjectRole = (typeof SUBJECT_ROLES)[number];

export interface SignalSubject {
  /** An alias (`ip:10.0.0.5`, `hostname:ws01`, `sid:S-1-…`, `arn:…`, `name:alice@corp`) or a node id. */
  key: string;
  role: SubjectRole;
}

export interface SignalRow {
  /** Stable per signal (the importer derives it from the record), so re-importing a file adds nothing twice. */
  id: string;
  /** ISO-8601 time the detection or login happened. */
  time: string;
  /** The product that raised it: `suricata`, `zeek`, a SIEM's name. */
  product: string;
  /** The rule, signature or notice name. */
  rule: string;
  severity: SignalSeverity;
  /** 0–1: how sure the product is (a rule's confidence, else a default per format). */
  confidence: number;
  /** ATT&CK (Enterprise or ICS) technique ids: `T1133`, `T0836`. */
  techniques: string[];
  subjects: SignalSubject[];
  /** Where it was read: `file:line`. */
  evidence: string;
  summary?: string;
}

export const MAX_SIGNAL_TEXT = 2048;

/** Signals are stored with their run as `signals` documents of this many each. */
export const SIGNALS_PER_DOCUMENT = 2000;
export interface SignalChunk { runId: string; source: string; format: string; signals: SignalRow[] }

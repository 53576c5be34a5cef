/**
 * Fix families: the kinds of concrete remediation action a plan can propose.
 * Each names the NIS2 Article 21(2) measure it implements, the section of the Annex to Implementing
 * Regulation (EU) 2024/2690 that spells that measure out, and, where one applies, the IEC 62443 requirement
 * (a 62443-3-3 system requirement, or 62443-2-3 for patching), so a remediation plan doubles as compliance
 * evidence. The mapping is a judgement per family (README "Fix families and compliance mapping").
 * `cost` is the default effort in person-days for one action of the family.
 */
export const FIX_FAMILIES = {
  patch: {
    label: 'Patch or upgrade vulnerable software',
    nis2: '21(2)(e) vulnerability handling',
    cir2690: '6.6 Security patch management',
    iec62443: 'IEC 62443-2-3 patch management',
    cost: 2,
  },
  'remove-privilege': {
    label: 'Remove an excessive right or membership',
    nis2: '21(2)(i) access control',
    cir2690: '11.2 Management of access rights',
    iec62443: 'SR 2.1 Authorization enforcement',
    cost: 1,
  },
  'credential-hygiene': {
    label: 'Remove exposed credentials or privileged sessions',
    nis2: '21(2)(g) basic cyber hygiene',
    cir2690: '11.3 Privileged accounts and system administration accounts',
    iec62443: 'SR 1.5 Authenticator management',
    cost: 1,
  },
  segment: {
    label: 'Segment networks or filter a flow',
    nis2: '21(2)(e) security in network and information systems acquisition, development and maintenance',
    cir2690: '6.8 Network segmentation',
    iec62443: 'SR 5.2 Zone boundary protection',
    cost: 5,
  },
  'vendor-access': {
    label: 'Restrict or revoke third-party remote access',
    nis2: '21(2)(d) supply-chain security',
    cir2690: '11.2.2(d) Third-party access limited in scope and duration',
    iec62443: 'SR 1.13 Access via untrusted networks',
    cost: 2,
  },
  mfa: {
    label: 'Enforce multi-factor authentication',
    nis2: '21(2)(j) multi-factor authentication',
    cir2690: '11.7 Multi-factor authentication',
    iec62443: 'SR 1.1 RE 2 Multifactor authentication for untrusted networks',
    cost: 3,
  },
  'harden-config': {
    label: 'Harden a configuration (delegation, trust, policy)',
    nis2: '21(2)(e) security in network and information systems acquisition, development and maintenance',
    cir2690: '6.3 Configuration management',
    iec62443: 'SR 7.6 Network and security configuration settings',
    cost: 2,
  },
  'cloud-iam': {
    label: 'Tighten a cloud IAM policy or trust',
    nis2: '21(2)(i) access control',
    cir2690: '11.2 Management of access rights',
    iec62443: null,
    cost: 1,
  },
  'agent-guardrails': {
    label: "Constrain an AI agent's inputs or tools",
    nis2: '21(2)(e) security in network and information systems acquisition, development and maintenance',
    cir2690: '6.3 Configuration management',
    iec62443: null,
    cost: 2,
  },
  'ot-command-control': {
    label: 'Restrict who may send control commands to a controller',
    nis2: '21(2)(i) access control',
    cir2690: '11.2 Management of access rights',
    iec62443: 'SR 2.1 Authorization enforcement',
    cost: 4,
  },
} as const;
export type FixFamily = keyof typeof FIX_FAMILIES;

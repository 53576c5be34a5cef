/**
 * Security domains and exposure classes: the closed vocabularies every node carries.
 * Colours here feed the UI legend; the order is the legend's order.
 */

/** Where an asset lives. */
export const DOMAINS = {
  it: { label: 'IT', colour: '#4e79a7' },
  ot: { label: 'OT', colour: '#e15759' },
  iot: { label: 'IoT', colour: '#f28e2b' },
  cloud: { label: 'Cloud', colour: '#76b7b2' },
  identity: { label: 'Identity', colour: '#59a14f' },
  vendor: { label: 'Vendor', colour: '#b07aa1' },
  ai: { label: 'AI', colour: '#edc948' },
} as const;
export type Domain = keyof typeof DOMAINS;
export const DOMAIN_IDS = Object.keys(DOMAINS) as Domain[];

/**
 * How an attacker first touches a node. `p0` is the default probability that an
 * attacker gains a foothold there at all (the entry weight of the scoring model).
 */
export const EXPOSURES = {
  internet: { label: 'Internet-facing', p0: 0.9 },
  vendor: { label: 'Third-party vendor access', p0: 0.6 },
  phishable: { label: 'Phishable user', p0: 0.3 },
  'untrusted-input': { label: 'Consumes untrusted content (prompt injection)', p0: 0.5 },
  none: { label: 'Not exposed', p0: 0 },
} as const;
export type Exposure = keyof typeof EXPOSURES;
export const EXPOSURE_IDS = Object.keys(EXPOSURES) as Exposure[];

/** Purdue model levels used for OT (3.5 is the industrial DMZ), top of the model first: the layout's bands. */
export const PURDUE = [
  { level: 5, label: 'Level 5 — enterprise network' },
  { level: 4, label: 'Level 4 — site business' },
  { level: 3.5, label: 'Level 3.5 — industrial DMZ' },
  { level: 3, label: 'Level 3 — site operations' },
  { level: 2, label: 'Level 2 — supervisory control' },
  { level: 1, label: 'Level 1 — basic control' },
  { level: 0, label: 'Level 0 — process' },
] as const;
export const PURDUE_LEVELS = [0, 1, 2, 3, 3.5, 4, 5] as const satisfies ReadonlyArray<(typeof PURDUE)[number]['level']>;
export type PurdueLevel = (typeof PURDUE_LEVELS)[number];

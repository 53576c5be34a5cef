/**
 * Named sets of node kinds that edge-kind declarations use as endpoints, so no list is retyped.
 * (A kind that refines Host is accepted wherever Host is; see batch.ts.)
 */
import { MACHINE_KINDS, type NodeKind } from './node-kinds.js';

/** Every machine kind: Host and what refines it. */
export const MACHINES: readonly NodeKind[] = MACHINE_KINDS;
/** Identities that can hold rights anywhere. */
export const PRINCIPALS: readonly NodeKind[] = ['User', 'Group', 'ServiceAccount', 'Role', 'AiAgent'];
/** Active Directory security principals (computer accounts included). */
export const AD_PRINCIPALS: readonly NodeKind[] = ['User', 'Group', 'Host', 'ServiceAccount'];
/** Active Directory objects an ACE can protect. */
export const AD_OBJECTS: readonly NodeKind[] = ['User', 'Group', 'Host', 'Domain', 'OU', 'Gpo', 'Container', 'ServiceAccount'];

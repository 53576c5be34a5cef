/** The signed-in role (GET /api/me), so views show only the controls it may use; the server enforces roles either way. */
import { createContext, useContext } from 'react';

export type Role = 'viewer' | 'analyst' | 'admin';
const ORDER: readonly Role[] = ['viewer', 'analyst', 'admin'];

export const RoleContext = createContext<Role>('viewer');

/** Whether the signed-in role is at least `needed`. */
export function useCan(needed: Role): boolean {
  return ORDER.indexOf(useContext(RoleContext)) >= ORDER.indexOf(needed);
}

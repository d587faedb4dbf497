import type { FastifyRequest } from 'fastify';

/**
 * How far a role reaches over records that belong to people and departments:
 * only the caller's own, their own departments, their departments and everything
 * below them, a chosen list of departments, or everything.
 */
export const DATA_SCOPE_KINDS = ['self', 'department', 'department-and-below', 'chosen-departments', 'all'] as const;
export type DataScopeKind = (typeof DATA_SCOPE_KINDS)[number];

/** One role's contribution to the caller's reach, with the departments it resolved to. */
export interface DataScopeGrant {
  roleCode: string;
  roleName: string;
  kind: DataScopeKind;
  /** The departments this grant reaches (empty for `self` and `all`). */
  departmentIds: readonly string[];
}

/**
 * The union of every grant: a record is visible when it belongs to the caller, or to
 * one of `departmentIds`, or when some grant is `all`. Roles only ever add reach.
 */
export interface DataScope {
  all: boolean;
  departmentIds: ReadonlySet<string>;
  grants: readonly DataScopeGrant[];
}

/** Who is calling, as established by the context that owns identities (org). */
export interface Principal {
  userId: string;
  username: string;
  permissions: ReadonlySet<string>;
  /** The departments the caller belongs to: the main one first, then part-time posts. */
  departmentIds: readonly string[];
  dataScope: DataScope;
}

/**
 * Implemented by the identity context and bound to `PRINCIPAL_RESOLVER`: turns a
 * request's credentials into a principal, or undefined when there are none or they
 * are not valid. The platform guard depends on this port, never on `org` itself.
 */
export interface PrincipalResolver {
  resolve(request: FastifyRequest): Promise<Principal | undefined>;
}

export const PRINCIPAL_RESOLVER = Symbol('PRINCIPAL_RESOLVER');

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

import type { FastifyRequest } from 'fastify';

/**
 * How far a role reaches over records that belong to people and departments:
 * only the caller's own, their own departments, their departments and everything
 * below them, a chosen list of departments, or everything.
 */
export const DATA_SCOPE_KINDS = ['self', 'department', 'department-and-below', 'chosen-departments', 'all'] as const;
export type DataScopeKind = (typeof DATA_SCOPE_KINDS)[number];

/**
 * One role's contribution to the caller's reach: the departments its scope resolved to,
 * and the permissions it decides that reach for. A role's scope goes with the
 * permissions that role grants, never with those another role grants.
 */
export interface DataScopeGrant {
  roleCode: string;
  roleName: string;
  kind: DataScopeKind;
  /** The departments this grant reaches (empty for `self` and `all`). */
  departmentIds: readonly string[];
  /** The role grants every permission (the administrator role): its scope goes with each. */
  allPermissions: boolean;
  /** The permissions the role grants, each of which this scope decides. */
  permissions: readonly string[];
}

/**
 * How far the caller reaches while exercising one permission: the union of the
 * grants of the roles that grant it (so the widest of them, and never narrower than
 * any). A record is inside when it is the caller's own, lies in one of
 * `departmentIds`, or `all` is set.
 */
export interface PermissionScope {
  all: boolean;
  departmentIds: ReadonlySet<string>;
  /** The grants that give this permission, in the caller's role order. */
  grants: readonly DataScopeGrant[];
}

/**
 * Every grant of the caller, and the reach they add up to per permission. Computed
 * once per person and access revision by the identity context (`combineGrants`), so
 * a request only looks a permission up.
 */
export interface DataScope {
  grants: readonly DataScopeGrant[];
  /** The reach of each permission some role names. */
  byPermission: ReadonlyMap<string, PermissionScope>;
  /**
   * The reach of a permission no role names: what all-permission roles give, or else
   * nothing beyond the caller's own records.
   */
  otherwise: PermissionScope;
}

/** Who is calling, as established by the context that owns identities (org). */
export interface Principal {
  userId: string;
  username: string;
  permissions: ReadonlySet<string>;
  /** The departments the caller belongs to: the main one first, then part-time posts. */
  departmentIds: readonly string[];
  dataScope: DataScope;
  /**
   * The sign-in session the credentials belong to, for what outlives one request (the
   * notification stream): `validUntil` is when the credentials presented stop being
   * valid (epoch ms), after which the client must present fresh ones. Absent when the
   * identity context has no sessions (test stand-ins).
   */
  session?: { id: string; validUntil: number };
}

/**
 * Implemented by the identity context and bound to `PRINCIPAL_RESOLVER`: turns a
 * request's credentials into a principal, or undefined when there are none or they
 * are not valid. The platform guard depends on this port, never on `org` itself.
 * Answers synchronously when it already knows (a cached session), so the guard can
 * let the request on without a promise.
 */
export interface PrincipalResolver {
  resolve(request: FastifyRequest): Principal | undefined | Promise<Principal | undefined>;
}

export const PRINCIPAL_RESOLVER = Symbol('PRINCIPAL_RESOLVER');

/**
 * What may have ended or changed someone's access, as the identity context learns it
 * (on every process, from the database's announcements): one session (signed out,
 * revoked), every session of one person (disabled, left, new password), anyone's
 * permissions (roles or the tree changed), or anything (announcements were lost, so
 * nothing remembered may be trusted).
 */
export type SessionChange =
  | { kind: 'session'; sessionId: string }
  | { kind: 'person'; personId: string }
  | { kind: 'access' }
  | { kind: 'unknown' };

/**
 * Implemented by the identity context and bound to `SESSION_CHANGES`, for what keeps a
 * caller's access beyond one request (a notification stream) and must end with it. A
 * listener is told after the identity context's own cache has forgotten what changed,
 * so asking `PrincipalResolver.resolve` again answers the truth.
 */
export interface SessionChanges {
  subscribe(listener: (change: SessionChange) => void): () => void;
}

export const SESSION_CHANGES = Symbol('SESSION_CHANGES');

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

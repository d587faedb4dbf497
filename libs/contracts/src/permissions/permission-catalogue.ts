/**
 * Every permission code the system knows, declared once by the context that owns it.
 *
 * A context declares its codes in a file of its own in this folder
 * (`crm.permissions.ts`) with `declarePermissions`, which returns the typed constants
 * its routes and screens use (`CrmPermission.ContractSign`), and adds them to this
 * interface by declaration merging:
 *
 *   export const CrmPermission = declarePermissions('crm', {
 *     ContractSign: { code: 'crm:contract:sign', 'zh-CN': '签署合同', en: 'Sign contracts' },
 *   });
 *   type CrmPermissionCode = (typeof CrmPermission)[keyof typeof CrmPermission];
 *   declare module './permission-catalogue.js' {
 *     interface PermissionCatalogue extends Record<CrmPermissionCode, true> {}
 *   }
 *
 * `@RequirePermission`, the data-scope helpers and the SPA's `v-access` take only a
 * `PermissionCode`, so a typo does not compile instead of creating a permission that
 * nobody holds. The run-time half (`declaredPermissions()`) is what the roles screen
 * offers, with a label per code in both languages.
 */
// Starts empty on purpose: each context adds its codes by declaration merging.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PermissionCatalogue {}

/** Every declared permission code. */
export type PermissionCode = keyof PermissionCatalogue & string;

/** The languages every label is written in (the SPA's locales). */
export type PermissionLocale = 'zh-CN' | 'en';

export interface PermissionSpec {
  /** `<context>:<resource>:<action>`, lower-case words joined by hyphens. */
  readonly code: string;
  readonly 'zh-CN': string;
  readonly en: string;
  /**
   * Held by every signed-in, active person whatever their roles (reading their own
   * profile, changing their own password); never offered on the roles screen.
   */
  readonly everyone?: boolean;
}

/** One entry of the catalogue as the roles screen shows it. */
export interface DeclaredPermission {
  code: PermissionCode;
  /** The owning context: the first segment of the code. */
  context: string;
  label: Record<PermissionLocale, string>;
  everyone: boolean;
}

export const PERMISSION_CODE_PATTERN = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/;

const declared = new Map<string, DeclaredPermission>();

/**
 * Declares a context's permission codes and returns them as typed constants. Refuses
 * a code outside `<context>:<resource>:<action>`, one that does not start with the
 * declaring context, and a code declared twice with different labels.
 */
export function declarePermissions<const T extends Record<string, PermissionSpec>>(context: string, specs: T): { readonly [K in keyof T]: T[K]['code'] } {
  const constants: Record<string, string> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (!PERMISSION_CODE_PATTERN.test(spec.code)) throw new Error(`Permission code "${spec.code}" is not <context>:<resource>:<action> in lower-case`);
    if (!spec.code.startsWith(`${context}:`)) throw new Error(`Permission code "${spec.code}" is declared by ${context} but names another context`);
    const entry: DeclaredPermission = {
      code: spec.code as PermissionCode,
      context,
      label: { 'zh-CN': spec['zh-CN'], en: spec.en },
      everyone: spec.everyone === true,
    };
    const known = declared.get(spec.code);
    if (known && (known.label['zh-CN'] !== entry.label['zh-CN'] || known.label.en !== entry.label.en || known.everyone !== entry.everyone)) {
      throw new Error(`Permission code "${spec.code}" is declared twice, differently`);
    }
    declared.set(spec.code, entry);
    constants[name] = spec.code;
  }
  return Object.freeze(constants) as { readonly [K in keyof T]: T[K]['code'] };
}

/** Every declared permission, sorted by code. */
export function declaredPermissions(): DeclaredPermission[] {
  return [...declared.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** Whether `code` was declared by some context (input from outside: role edits, imports). */
export function isDeclaredPermission(code: string): code is PermissionCode {
  return declared.has(code);
}

/** The codes every signed-in person holds whatever their roles. */
export function permissionsForEveryone(): PermissionCode[] {
  return declaredPermissions()
    .filter((entry) => entry.everyone)
    .map((entry) => entry.code);
}

/** The bounded contexts, each owning one PostgreSQL schema of the same name. */
export const BOUNDED_CONTEXTS = ['org', 'oa', 'crm', 'erp', 'mes'] as const;
export type BoundedContext = (typeof BOUNDED_CONTEXTS)[number];

/** Schemas the platform itself owns: event bus, audit, jobs, settings. */
export const PLATFORM_SCHEMA = 'platform';

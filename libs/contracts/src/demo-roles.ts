/**
 * The roles of the demo company, by code. The org context creates them (with their
 * names and data scopes); every context grants its permissions to them from its own
 * demo seed (`roleGrants`), so a context that lands later gives the demo people its
 * screens without editing org. The administrator role holds every permission anyway.
 */
export const DEMO_ROLE_CODES = ['employee', 'dept-manager', 'sales', 'sales-manager', 'finance', 'planner', 'hr'] as const;

export type DemoRoleCode = (typeof DEMO_ROLE_CODES)[number];

import type { RouteRecordRaw } from 'vue-router'
import LoginView from '@/views/auth/LoginView.vue'
import './route-meta'

/**
 * The pages inside the shell, each its own chunk. Paths are relative to '/' and match
 * the paths of the server's menu entries (GET /api/v1/me), which is where the sidebar
 * comes from; route names are the menu keys. `meta.permission` is what the page's
 * list call needs, checked by the guard when a page is opened by address.
 */
/**
 * A record's id in a path: only a UUID matches, so an address with a mangled or missing
 * id (a pasted link cut short, `/crm/customers/undefined`) is the 404 page, not a page
 * that asks the server and shows its field error.
 */
const ID = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})'

const shellRoutes: RouteRecordRaw[] = [
  {
    path: 'dashboard',
    name: 'dashboard',
    component: () => import('@/views/dashboard/DashboardView.vue'),
    meta: { titleKey: 'menu.dashboard' },
  },
  {
    path: 'notifications',
    name: 'notifications',
    component: () => import('@/views/notifications/NotificationsView.vue'),
    meta: { titleKey: 'menu.notifications', permission: 'platform:notification:read' },
  },
  {
    path: 'org',
    name: 'org',
    redirect: { name: 'org-people' },
    meta: { titleKey: 'menu.org' },
    children: [
      {
        path: 'departments',
        name: 'org-departments',
        component: () => import('@/views/org/DepartmentsView.vue'),
        meta: { titleKey: 'menu.orgDepartments', permission: 'org:department:read' },
      },
      {
        path: 'people',
        name: 'org-people',
        component: () => import('@/views/org/PeopleView.vue'),
        meta: { titleKey: 'menu.orgPeople', permission: 'org:person:read' },
      },
      {
        path: 'positions',
        name: 'org-positions',
        component: () => import('@/views/org/PositionsView.vue'),
        meta: { titleKey: 'menu.orgPositions', permission: 'org:position:read' },
      },
      {
        path: 'roles',
        name: 'org-roles',
        component: () => import('@/views/org/RolesView.vue'),
        meta: { titleKey: 'menu.orgRoles', permission: 'org:role:read' },
      },
    ],
  },
  {
    path: 'system',
    name: 'system',
    redirect: { name: 'system-audit' },
    meta: { titleKey: 'menu.system' },
    children: [
      {
        path: 'company',
        name: 'system-company',
        component: () => import('@/views/system/CompanyView.vue'),
        meta: { titleKey: 'menu.company', permission: 'platform:company:update' },
      },
      {
        path: 'audit',
        name: 'system-audit',
        component: () => import('@/views/system/AuditLogView.vue'),
        meta: { titleKey: 'menu.audit', permission: 'platform:audit:read' },
      },
    ],
  },
  {
    path: 'oa',
    name: 'oa',
    redirect: { name: 'oa-start' },
    meta: { titleKey: 'menu.oa' },
    children: [
      {
        path: 'start',
        name: 'oa-start',
        component: () => import('@/views/oa/StartView.vue'),
        meta: { titleKey: 'menu.oaStart', permission: 'oa:request:submit' },
      },
      {
        path: `start/:requestTypeId${ID}`,
        name: 'oa-submit',
        component: () => import('@/views/oa/SubmitView.vue'),
        meta: { titleKey: 'menu.oaStart', permission: 'oa:request:submit' },
      },
      {
        path: 'expenses',
        name: 'oa-expense-mine',
        component: () => import('@/views/oa/expenses/MyExpensesView.vue'),
        meta: { titleKey: 'menu.oaExpenseMine', permission: 'oa:expense:submit' },
      },
      {
        path: 'expenses/new',
        name: 'oa-expense-new',
        component: () => import('@/views/oa/expenses/ExpenseClaimView.vue'),
        meta: { titleKey: 'oaExpense.newTitle', permission: 'oa:expense:submit' },
      },
      {
        path: 'inbox/:box(todo|done|mine|cc|all)',
        name: 'oa-inbox',
        component: () => import('@/views/oa/inbox/InboxView.vue'),
        meta: { titleKey: 'menu.oa', permission: 'oa:inbox:read' },
      },
      {
        path: `requests/:id${ID}`,
        name: 'oa-request',
        component: () => import('@/views/oa/request/RequestView.vue'),
        meta: { titleKey: 'oaRequest.title', permission: 'oa:inbox:read' },
      },
      {
        path: 'delegations',
        name: 'oa-delegations',
        component: () => import('@/views/oa/delegations/DelegationsView.vue'),
        meta: { titleKey: 'menu.oaDelegations', permission: 'oa:delegation:own' },
      },
      {
        path: 'leave/new',
        name: 'oa-leave-new',
        component: () => import('@/views/oa/leave/LeaveRequestView.vue'),
        meta: { titleKey: 'menu.oaLeaveNew', permission: 'oa:leave:submit' },
      },
      {
        path: 'leave/mine',
        name: 'oa-leave-mine',
        component: () => import('@/views/oa/leave/MyLeaveView.vue'),
        meta: { titleKey: 'menu.oaLeaveMine', permission: 'oa:leave:submit' },
      },
      {
        path: 'leave/team',
        name: 'oa-leave-team',
        component: () => import('@/views/oa/leave/TeamCalendarView.vue'),
        meta: { titleKey: 'menu.oaLeaveTeam', permission: 'oa:leave:team' },
      },
      {
        path: 'admin/leave-types',
        name: 'oa-leave-types',
        component: () => import('@/views/oa/leave/LeaveTypesView.vue'),
        meta: { titleKey: 'menu.oaLeaveTypes', permission: 'oa:leave:manage' },
      },
      {
        path: 'admin/calendar',
        name: 'oa-calendar',
        component: () => import('@/views/oa/leave/CalendarAdminView.vue'),
        meta: { titleKey: 'menu.oaCalendar', permission: 'oa:calendar:read' },
      },
      {
        path: 'admin/request-types',
        name: 'oa-request-types',
        component: () => import('@/views/oa/admin/RequestTypesView.vue'),
        meta: { titleKey: 'menu.oaRequestTypes', permission: ['oa:request-type:read', 'oa:request-type:manage'] },
      },
    ],
  },
  {
    path: 'crm',
    name: 'crm',
    redirect: { name: 'crm-customers' },
    meta: { titleKey: 'menu.crm' },
    children: [
      { path: 'leads', name: 'crm-leads', component: () => import('@/views/crm/LeadsView.vue'), meta: { titleKey: 'menu.crmLeads', permission: 'crm:lead:read' } },
      { path: 'customers', name: 'crm-customers', component: () => import('@/views/crm/CustomersView.vue'), meta: { titleKey: 'menu.crmCustomers', permission: 'crm:customer:read' } },
      { path: `customers/:id${ID}`, name: 'crm-customer', component: () => import('@/views/crm/CustomerDetailView.vue'), meta: { titleKey: 'crm.customers.detail', permission: 'crm:customer:read' } },
      { path: 'pool', name: 'crm-pool', component: () => import('@/views/crm/PoolView.vue'), meta: { titleKey: 'menu.crmPool', permission: 'crm:pool:read' } },
      { path: 'contacts', name: 'crm-contacts', component: () => import('@/views/crm/ContactsView.vue'), meta: { titleKey: 'menu.crmContacts', permission: 'crm:customer:read' } },
      // The board loads vuedraggable in its own chunk, with the designers'.
      { path: 'pipeline', name: 'crm-pipeline', component: () => import('@/views/crm/PipelineView.vue'), meta: { titleKey: 'menu.crmPipeline', permission: 'crm:opportunity:read', layout: 'full' } },
      { path: `opportunities/:id${ID}`, name: 'crm-opportunity', component: () => import('@/views/crm/OpportunityView.vue'), meta: { titleKey: 'crm.opportunities.name', permission: 'crm:opportunity:read' } },
    ],
  },
  {
    path: 'crm/contracts',
    name: 'crm-contracts',
    component: () => import('@/views/crm/ContractsView.vue'),
    meta: { titleKey: 'menu.crmContracts', permission: 'crm:contract:read' },
  },
  {
    path: 'crm/contracts/new',
    name: 'crm-contract-new',
    component: () => import('@/views/crm/ContractEditView.vue'),
    meta: { titleKey: 'menu.crmContracts', permission: 'crm:contract:create' },
  },
  {
    path: `crm/contracts/:id${ID}`,
    name: 'crm-contract',
    component: () => import('@/views/crm/ContractView.vue'),
    meta: { titleKey: 'menu.crmContracts', permission: 'crm:contract:read' },
  },
  {
    path: `crm/contracts/:id${ID}/edit`,
    name: 'crm-contract-edit',
    component: () => import('@/views/crm/ContractEditView.vue'),
    meta: { titleKey: 'menu.crmContracts', permission: 'crm:contract:create' },
  },
  {
    path: 'erp',
    name: 'erp',
    redirect: { name: 'erp-sales-orders' },
    meta: { titleKey: 'menu.erp' },
    children: [
      {
        path: 'products',
        name: 'erp-products',
        component: () => import('@/views/erp/ProductsView.vue'),
        meta: { titleKey: 'menu.erpProducts', permission: 'erp:product:read' },
      },
      {
        path: 'sales-orders',
        name: 'erp-sales-orders',
        component: () => import('@/views/erp/SalesOrdersView.vue'),
        meta: { titleKey: 'menu.erpSalesOrders', permission: 'erp:sales-order:read' },
      },
      {
        path: `sales-orders/:id${ID}`,
        name: 'erp-sales-order',
        component: () => import('@/views/erp/SalesOrderView.vue'),
        meta: { titleKey: 'menu.erpSalesOrders', permission: 'erp:sales-order:read' },
      },
      {
        path: 'trading-terms',
        name: 'erp-trading-terms',
        component: () => import('@/views/erp/TradingTermsView.vue'),
        meta: { titleKey: 'menu.erpTradingTerms', permission: 'erp:trading-terms:read' },
      },
    ],
  },
  {
    path: 'forbidden',
    name: 'forbidden',
    component: () => import('@/views/errors/ForbiddenView.vue'),
    meta: { titleKey: 'forbidden.title' },
  },
]

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    // In the first script, not a chunk of its own: the sign-in page is where every
    // session starts, and its form then comes with the page instead of one round trip
    // after it. It is small; what is big (the shell, the admin pages) stays lazy.
    component: LoginView,
    meta: { titleKey: 'auth.title', public: true },
  },
  {
    // The request-type designers take the whole window (meta.layout 'full'): outside the
    // shell, in their own chunk with the drag-and-drop and pinyin libraries.
    path: `/oa/admin/request-types/:id${ID}`,
    name: 'oa-request-type',
    component: () => import('@/views/oa/admin/RequestTypeEditView.vue'),
    meta: { titleKey: 'menu.oaRequestTypes', permission: ['oa:request-type:read', 'oa:request-type:manage'], layout: 'full' },
  },
  {
    path: '/',
    // Named so pages that come with the server's menus can be added under it (addRoute).
    name: 'shell',
    // Its own chunk like every page: the sign-in page does not load the menu, header,
    // drawer and dialogs of the shell it has not entered yet.
    component: () => import('@/components/layout/AppShell.vue'),
    redirect: { name: 'dashboard' },
    children: [
      ...shellRoutes,
      {
        // Unknown addresses render inside the shell, so the menu is there to get back.
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/errors/NotFoundView.vue'),
        meta: { titleKey: 'notFound.title', public: true },
      },
    ],
  },
]

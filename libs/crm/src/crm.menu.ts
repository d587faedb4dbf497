import { CrmPermission } from '@zhongshu/contracts';
import type { MenuEntry } from '@zhongshu/platform';

/** 客户管理: the CRM context's section of the sidebar. */
export const CRM_MENU: MenuEntry[] = [
  {
    key: 'crm',
    title: 'menu.crm',
    icon: 'Briefcase',
    order: 30,
    children: [
      { key: 'crm-leads', title: 'menu.crmLeads', path: '/crm/leads', permission: CrmPermission.LeadRead },
      { key: 'crm-customers', title: 'menu.crmCustomers', path: '/crm/customers', permission: CrmPermission.CustomerRead },
      { key: 'crm-pool', title: 'menu.crmPool', path: '/crm/pool', permission: CrmPermission.PoolRead },
      { key: 'crm-contacts', title: 'menu.crmContacts', path: '/crm/contacts', permission: CrmPermission.CustomerRead },
      { key: 'crm-pipeline', title: 'menu.crmPipeline', path: '/crm/pipeline', permission: CrmPermission.OpportunityRead },
    ],
  },
];

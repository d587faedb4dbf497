import { CrmContractPermission } from '@zhongshu/contracts';
import type { MenuEntry } from '@zhongshu/platform';

/** 合同 in CRM's section (the group of the same key). */
export const CONTRACT_MENU: MenuEntry[] = [
  {
    key: 'crm',
    title: 'menu.crm',
    children: [{ key: 'crm-contracts', title: 'menu.crmContracts', path: '/crm/contracts', permission: CrmContractPermission.ContractRead, order: 150 }],
  },
];

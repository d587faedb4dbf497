import { PlatformPermission } from '@zhongshu/contracts';
import type { MenuEntry } from './contexts/menu.js';
import { UNREAD_BADGE } from './notifications/notifications.service.js';

/** The platform's own entries: the dashboard and the person's notifications first, 系统设置 last. */
export const PLATFORM_MENU: MenuEntry[] = [
  { key: 'dashboard', title: 'menu.dashboard', icon: 'Odometer', path: '/dashboard', order: 0 },
  {
    key: 'notifications',
    title: 'menu.notifications',
    icon: 'Bell',
    path: '/notifications',
    permission: PlatformPermission.NotificationRead,
    badge: UNREAD_BADGE,
    order: 1,
  },
  {
    key: 'system',
    title: 'menu.system',
    icon: 'Setting',
    order: 90,
    children: [
      { key: 'system-company', title: 'menu.company', path: '/system/company', permission: PlatformPermission.CompanyUpdate },
      { key: 'system-audit', title: 'menu.audit', path: '/system/audit', permission: PlatformPermission.AuditRead },
    ],
  },
];

import { declarePermissions } from './permission-catalogue.js';

/** What the platform's own screens and routes need: company profile, audit trail, event bus. */
export const PlatformPermission = declarePermissions('platform', {
  AccessExplain: { code: 'platform:access:explain', 'zh-CN': '查看数据可见原因', en: 'Ask why a record is visible', everyone: true },
  AuditRead: { code: 'platform:audit:read', 'zh-CN': '查看审计日志', en: 'View the audit log' },
  // Everyone who works here reads the company's profile (its time zone dates every
  // screen); only the public part is shown to someone not signed in.
  CompanyRead: { code: 'platform:company:read', 'zh-CN': '查看公司信息', en: 'View the company profile', everyone: true },
  CompanyUpdate: { code: 'platform:company:update', 'zh-CN': '维护公司信息', en: 'Edit the company profile' },
  DeadLetterRead: { code: 'platform:dead-letter:read', 'zh-CN': '查看死信事件', en: 'View dead-lettered events' },
  DeadLetterRetry: { code: 'platform:dead-letter:retry', 'zh-CN': '重试死信事件', en: 'Retry dead-lettered events' },
  DeadLetterDiscard: { code: 'platform:dead-letter:discard', 'zh-CN': '丢弃死信事件', en: 'Discard dead-lettered events' },
  EventBusRead: { code: 'platform:event-bus:read', 'zh-CN': '查看事件总线状态', en: 'View the event bus status' },
  NotificationRead: { code: 'platform:notification:read', 'zh-CN': '查看本人的通知', en: 'Read my notifications', everyone: true },
  FileUpload: { code: 'platform:file:upload', 'zh-CN': '上传附件', en: 'Upload attachments', everyone: true },
  FileRead: { code: 'platform:file:read', 'zh-CN': '下载可见的附件', en: 'Download attachments I may see', everyone: true },
});

export type PlatformPermissionCode = (typeof PlatformPermission)[keyof typeof PlatformPermission];

declare module './permission-catalogue.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionCatalogue extends Record<PlatformPermissionCode, true> {}
}

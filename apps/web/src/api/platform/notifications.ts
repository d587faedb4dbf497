import type { components, operations } from '../schema'
import { aborting, api, dataOf } from '../request'

export type AppNotification = components['schemas']['NotificationDto']
export type NotificationPage = components['schemas']['NotificationPageDto']
export type NotificationQuery = NonNullable<operations['Notifications_list']['parameters']['query']>
/** Counts by badge counter key (`notifications.unread`, `oa.todo`). */
export type BadgeCounts = components['schemas']['BadgeCountsDto']['counts']
/** What the stream's `notification` event carries. */
export type NotificationEvent = components['schemas']['NotificationEventDto']

/** The platform's own badge: the person's unread notifications. */
export const UNREAD_BADGE = 'notifications.unread'

export const NOTIFICATION_STREAM_PATH = '/api/v1/platform/notifications/stream'

/** The caller's notifications, newest first; `before` is the previous page's `nextBefore`. */
export async function listNotifications(query: NotificationQuery = {}, signal?: AbortSignal): Promise<NotificationPage> {
  return dataOf(await api.GET('/api/v1/platform/notifications', { params: { query }, ...aborting(signal) }))
}

export async function markNotificationRead(id: string): Promise<void> {
  await api.POST('/api/v1/platform/notifications/{id}/read', { params: { path: { id } } })
}

/** Answers how many were marked. */
export async function markAllNotificationsRead(): Promise<number> {
  return dataOf(await api.POST('/api/v1/platform/notifications/read-all')).marked
}

export async function fetchBadgeCounts(): Promise<BadgeCounts> {
  return dataOf(await api.GET('/api/v1/platform/badges')).counts
}

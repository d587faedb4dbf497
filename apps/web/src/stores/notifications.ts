import { ref, shallowRef, watch } from 'vue'
import { defineStore } from 'pinia'
import {
  fetchBadgeCounts,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  UNREAD_BADGE,
  type AppNotification,
  type BadgeCounts,
} from '@/api/platform/notifications'
import { NotificationStream, type StreamState } from '@/api/platform/notification-stream'
import { useAuthStore } from './auth'

/** How many of the newest notifications the bell lists. */
export const BELL_SIZE = 10

function newestFirst(items: readonly AppNotification[]): AppNotification[] {
  const byId = new Map(items.map((item) => [item.id, item]))
  // Ids are UUIDv7: their text order is their time order.
  return [...byId.values()].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
}

/**
 * The signed-in person's notifications as the shell shows them: the unread count, the
 * newest few for the bell, and the badge counts of the menu, all kept live by one
 * notification stream for the whole app (route changes do not open another). It stops
 * when the session ends, and pauses while another tab of the person holds the stream,
 * until this one is looked at again.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const auth = useAuthStore()
  const unread = ref(0)
  const badges = ref<BadgeCounts>({})
  const latest = shallowRef<AppNotification[]>([])
  const latestLoaded = ref(false)
  const latestLoading = ref(false)
  const latestError = shallowRef<unknown>(null)
  const streamState = ref<StreamState>('stopped')
  /** Moves each time notifications arrive live, for pages that list them. */
  const arrivals = ref(0)

  let stream: NotificationStream | null = null
  /** A stream event has set the counts: an older answer of GET /badges must not undo them. */
  let countsFromStream = false

  function setCounts(counts: BadgeCounts): void {
    badges.value = { ...counts }
    const count = counts[UNREAD_BADGE]
    if (count !== undefined) unread.value = count
  }

  function onVisible(): void {
    if (document.visibilityState === 'visible') stream?.resume()
  }

  /** Opens the stream (once, however often it is called) and loads the counts. */
  function connect(): void {
    if (!auth.isSignedIn || stream !== null) return
    countsFromStream = false
    stream = new NotificationStream(
      {
        ready: ({ unread: count, badges: counts }) => {
          countsFromStream = true
          setCounts(counts)
          unread.value = count
        },
        notification: ({ items, unread: count }) => {
          countsFromStream = true
          unread.value = count
          latest.value = newestFirst([...items, ...latest.value]).slice(0, BELL_SIZE)
          arrivals.value += 1
        },
        badges: (counts) => {
          countsFromStream = true
          setCounts(counts)
        },
        state: (state) => {
          streamState.value = state
        },
      },
    )
    stream.start()
    document.addEventListener('visibilitychange', onVisible)
    // Counts at once, even where a proxy holds the stream's events back.
    fetchBadgeCounts().then(
      (counts) => {
        if (!countsFromStream) setCounts(counts)
      },
      () => undefined,
    )
  }

  /** Stops the stream and forgets the person's notifications (signed out). */
  function disconnect(): void {
    stream?.stop()
    stream = null
    document.removeEventListener('visibilitychange', onVisible)
    unread.value = 0
    badges.value = {}
    latest.value = []
    latestLoaded.value = false
    latestError.value = null
    streamState.value = 'stopped'
  }

  /** The newest few, for the bell; a failure is kept for the bell to show with a retry. */
  async function loadLatest(): Promise<void> {
    latestLoading.value = true
    try {
      const page = await listNotifications({ limit: BELL_SIZE })
      latest.value = page.items
      unread.value = page.unread
      latestLoaded.value = true
      latestError.value = null
    } catch (error) {
      latestError.value = error
    } finally {
      latestLoading.value = false
    }
  }

  function markedHere(ids: ReadonlySet<string> | 'all'): void {
    const now = new Date().toISOString()
    latest.value = latest.value.map((item) => (item.readAt === null && (ids === 'all' || ids.has(item.id)) ? { ...item, readAt: now } : item))
  }

  /** Marks one read (if it is not); the stream then brings every screen's new counts. */
  async function markRead(item: AppNotification): Promise<void> {
    if (item.readAt !== null) return
    await markNotificationRead(item.id)
    markedHere(new Set([item.id]))
    unread.value = Math.max(0, unread.value - 1)
    if (badges.value[UNREAD_BADGE] !== undefined) badges.value = { ...badges.value, [UNREAD_BADGE]: unread.value }
  }

  async function markAllRead(): Promise<void> {
    await markAllNotificationsRead()
    markedHere('all')
    unread.value = 0
    if (badges.value[UNREAD_BADGE] !== undefined) badges.value = { ...badges.value, [UNREAD_BADGE]: 0 }
  }

  watch(
    () => auth.accessToken,
    (token) => {
      if (token === null) disconnect()
    },
  )

  return {
    unread,
    badges,
    latest,
    latestLoaded,
    latestLoading,
    latestError,
    streamState,
    arrivals,
    connect,
    disconnect,
    loadLatest,
    markRead,
    markAllRead,
  }
})

/**
 * The channel every process announces new notifications on. `pg_notify` is issued in
 * the writing transaction, so PostgreSQL delivers it on commit and never for a
 * rollback, to every API process listening, whichever process wrote.
 */
export const NOTIFICATION_CHANNEL = 'zhongshu_notification';

/**
 * One thing a listener learns: a new notification for a person, or (without an id)
 * that something they count changed (marked read, a context's to-do count moved).
 */
export interface NotificationSignal {
  recipientId: string;
  notificationId?: string;
}

// PostgreSQL refuses a payload of 8000 bytes or more; ids are ASCII, so bytes = characters.
const MAX_PAYLOAD = 7_900;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The payloads announcing `signals`: `<recipientId>/<notificationId>` or `<recipientId>`,
 * comma-separated, split so none is too long. The ids travel (not only the recipients)
 * because ids are made before commit: two writers can commit in the other order, so
 * "everything newer than the last id sent" would miss one; the ids say exactly what is new.
 */
export function encodeSignals(signals: readonly NotificationSignal[]): string[] {
  const payloads: string[] = [];
  let current = '';
  for (const signal of signals) {
    const item = signal.notificationId ? `${signal.recipientId}/${signal.notificationId}` : signal.recipientId;
    if (current !== '' && current.length + 1 + item.length > MAX_PAYLOAD) {
      payloads.push(current);
      current = '';
    }
    current = current === '' ? item : `${current},${item}`;
  }
  if (current !== '') payloads.push(current);
  return payloads;
}

/** The signals of one payload; anything malformed is left out rather than trusted. */
export function decodeSignals(payload: string): NotificationSignal[] {
  const signals: NotificationSignal[] = [];
  for (const item of payload.split(',')) {
    const [recipientId, notificationId, extra] = item.split('/');
    if (extra !== undefined || !UUID.test(recipientId)) continue;
    if (notificationId === undefined) signals.push({ recipientId });
    else if (UUID.test(notificationId)) signals.push({ recipientId, notificationId });
  }
  return signals;
}

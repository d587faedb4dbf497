/** The resolved application database URL (DATABASE_URL or the embedded server's). */
export const DATABASE_URL = Symbol('zhongshu:database-url');

/** The channel relays LISTEN on for committed events (OutboxSignal sends it). */
export const OUTBOX_CHANNEL = 'zhongshu_outbox';

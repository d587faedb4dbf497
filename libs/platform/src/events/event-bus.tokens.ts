/** The resolved application database URL (DATABASE_URL or the embedded server's). */
export const DATABASE_URL = Symbol('zhongshu:database-url');

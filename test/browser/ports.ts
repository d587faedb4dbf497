/** Where the browser tests' processes listen: the API under test, and the notifier beside it. */
export const API_PORT = Number(process.env.BROWSER_TEST_PORT ?? 3917);
export const NOTIFIER_PORT = API_PORT + 1;
export const NOTIFIER_URL = `http://127.0.0.1:${NOTIFIER_PORT}`;

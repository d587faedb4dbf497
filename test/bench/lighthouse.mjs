// bench:lighthouse — Lighthouse (mobile throttling, its default) on the built SPA served
// by the real API: the login page, and the people list signed in as the demo admin.
// Prints `performance=<n>` and `accessibility=<n>` per page; goal >= 90 each.
// BENCH_RUNS=N repeats every page N times and prints the medians; BENCH_LIGHTHOUSE_REPORTS=<dir>
// keeps each full report there (JSON, openable in the Lighthouse viewer) to see why.
//
// The API runs as `npm start` would (demo mode, embedded PostgreSQL) in a throwaway
// DATA_DIR. Chromium is Debian's (CHROME_PATH, default /usr/bin/chromium), started here
// with the flags this closed machine needs, one fresh browser and profile per audit so
// nothing is cached between them. The signed-in page gets its session the way the SPA
// keeps it (localStorage `zhongshu.session`, see apps/web/src/stores/auth.ts), written
// from a same-origin JSON page so no SPA file is cached before Lighthouse loads it.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import { freePort, repeatRuns, startProcess } from './lib.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const chromeFlags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const GOAL = 90;
const SESSION_KEY = 'zhongshu.session';
const DEMO_PASSWORD = 'Demo@2026';

/** Starts Chromium with its DevTools port open; resolves with the port and a stop function. */
function startChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'lighthouse-chromium-'));
  const child = spawn(chromePath, [...chromeFlags, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stop = () =>
    new Promise((resolve) => {
      const done = () => {
        rmSync(profile, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(stderr);
      if (match) resolve({ port: Number(match[1]), stop });
    });
    child.once('exit', (code) => reject(new Error(`chromium exited (${code}) before it listened:\n${stderr}`)));
  });
}

/** One DevTools protocol command over a page's WebSocket. */
function cdpSession(webSocketUrl) {
  const socket = new WebSocket(webSocketUrl);
  let nextId = 1;
  const pending = new Map();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });
  const opened = new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  return {
    async send(method, params = {}) {
      await opened;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    close: () => socket.close(),
  };
}

/** Puts a signed-in session into the origin's localStorage, as the SPA's auth store would. */
async function storeSession(port, origin, session) {
  const target = await (await fetch(`http://127.0.0.1:${port}/json/new?${origin}/api/health`, { method: 'PUT' })).json();
  const cdp = cdpSession(target.webSocketDebuggerUrl);
  try {
    // The page may still be loading its JSON: wait until the origin's document is there.
    for (;;) {
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'location.origin + "|" + document.readyState', returnByValue: true });
      if (result.value === `${origin}|complete`) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const expression = `localStorage.setItem(${JSON.stringify(SESSION_KEY)}, ${JSON.stringify(JSON.stringify(session))})`;
    await cdp.send('Runtime.evaluate', { expression });
  } finally {
    cdp.close();
    await fetch(`http://127.0.0.1:${port}/json/close/${target.id}`);
  }
}

async function signIn(origin, username) {
  const response = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in as ${username} answered ${response.status}: ${await response.text()}`);
  const { accessToken, refreshToken } = await response.json();
  return { username, accessToken, refreshToken };
}

const reportDir = process.env.BENCH_LIGHTHOUSE_REPORTS;
if (reportDir) mkdirSync(reportDir, { recursive: true });

class LighthouseRunError extends Error {}

/**
 * `audit`, again up to twice when Lighthouse itself fails to record the load (NO_NAVSTART,
 * NO_FCP and the like happen on a machine starved by other processes).
 */
async function auditWithRetries(url, options) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await audit(url, options);
    } catch (error) {
      if (!(error instanceof LighthouseRunError) || attempt === 3) throw error;
      console.log(`${error.message}; again (attempt ${attempt + 1} of 3)`);
    }
  }
}

/** Lighthouse's scores (0-100) and the figures behind them for one page load. */
async function audit(url, { session, origin, reportName } = {}) {
  const chromium = await startChromium();
  try {
    if (session) await storeSession(chromium.port, origin, session);
    const result = await lighthouse(url, {
      port: chromium.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      // Storage is reset by default, which would drop the session put there above.
      disableStorageReset: session !== undefined,
    });
    if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (reportDir) writeFileSync(join(reportDir, `${reportName}.json`), result.report);
    if (lhr.runtimeError) throw new LighthouseRunError(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    if (lhr.finalDisplayedUrl !== url) throw new Error(`${url} ended at ${lhr.finalDisplayedUrl} (not signed in?)`);
    const numeric = (id) => lhr.audits[id]?.numericValue ?? Number.NaN;
    const failing = Object.values(lhr.categories.accessibility.auditRefs)
      .map((ref) => lhr.audits[ref.id])
      .filter((entry) => entry.score !== null && entry.score < 1 && entry.scoreDisplayMode === 'binary')
      .map((entry) => entry.id);
    return {
      performance: Math.round(lhr.categories.performance.score * 100),
      accessibility: Math.round(lhr.categories.accessibility.score * 100),
      fcpMs: numeric('first-contentful-paint'),
      lcpMs: numeric('largest-contentful-paint'),
      tbtMs: numeric('total-blocking-time'),
      transferKiB: numeric('total-byte-weight') / 1024,
      unusedJsKiB: (lhr.audits['unused-javascript']?.details?.overallSavingsBytes ?? 0) / 1024,
      // Lighthouse's measure of this machine's speed during the run: the simulated
      // phone's CPU is 4x this machine, so a busy machine (other tests running) scores
      // lower; read scores with it.
      benchmarkIndex: lhr.environment.benchmarkIndex,
      failing,
    };
  } finally {
    await chromium.stop();
  }
}

function describe(name, figures) {
  return (
    `${name} performance=${figures.performance} accessibility=${figures.accessibility}` +
    ` fcp=${(figures.fcpMs / 1000).toFixed(2)}s lcp=${(figures.lcpMs / 1000).toFixed(2)}s tbt=${figures.tbtMs.toFixed(0)}ms` +
    ` transfer=${figures.transferKiB.toFixed(0)}KiB unused-js=${figures.unusedJsKiB.toFixed(0)}KiB benchmark-index=${figures.benchmarkIndex.toFixed(0)}`
  );
}

// The demo seed must never land in a database somebody else uses.
delete process.env.DATABASE_URL;
delete process.env.REDIS_URL;
const dataDir = mkdtempSync(join(tmpdir(), 'zhongshu-lighthouse-'));
const apiPort = await freePort();
const origin = `http://127.0.0.1:${apiPort}`;
const api = await startProcess(
  'zhongshu api',
  `${root}apps/api/dist/main.js`,
  { PORT: String(apiPort), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DEMO_MODE: 'true', DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) },
  `${origin}/api/ready`,
);

const pages = [
  { name: 'login', url: `${origin}/login` },
  { name: 'people', url: `${origin}/org/people`, signedIn: true },
];

try {
  const { median, count } = await repeatRuns(async (run) => {
    const figures = {};
    for (const page of pages) {
      const options = page.signedIn ? { session: await signIn(origin, 'admin'), origin } : {};
      const result = await auditWithRetries(page.url, { ...options, reportName: `${page.name}-${run}` });
      console.log(`run ${run}: ${describe(page.name, result)}${result.failing.length > 0 ? ` a11y-failing=${result.failing.join(',')}` : ''}`);
      for (const [key, value] of Object.entries(result)) if (typeof value === 'number') figures[`${page.name}.${key}`] = value;
    }
    return figures;
  });
  for (const page of pages) {
    const figures = Object.fromEntries(
      Object.entries(median)
        .filter(([key]) => key.startsWith(`${page.name}.`))
        .map(([key, value]) => [key.slice(page.name.length + 1), value]),
    );
    const met = figures.performance >= GOAL && figures.accessibility >= GOAL;
    console.log(`bench:lighthouse (median of ${count}) ${describe(page.name, figures)} (goal >= ${GOAL} each) ${met ? 'MET' : 'NOT MET'}`);
  }
} finally {
  await api.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

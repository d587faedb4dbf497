import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The built SPA, served at `/` by the API. Vue Router runs in history mode, so any
 * GET that is neither under /api nor a real file is answered with index.html.
 */
export class SpaBundle {
  private constructor(
    readonly root: string,
    private readonly files: ReadonlySet<string>,
  ) {}

  static load(root: string | undefined): SpaBundle | undefined {
    if (!root || !existsSync(join(root, 'index.html'))) return undefined;
    return new SpaBundle(root, new Set(listFiles(root).map((file) => `/${relative(root, file).split(sep).join('/')}`)));
  }

  /** Fastify `rewriteUrl`: which URL the router should see for this request. */
  rewrite(method: string | undefined, url: string): string {
    if (method !== 'GET' && method !== 'HEAD') return url;
    const path = url.split('?')[0];
    if (path === '/api' || path.startsWith('/api/') || this.files.has(path)) return url;
    // A missing file (`/assets/old-hash.js`) is a 404, not the app shell.
    if (/\.[A-Za-z0-9]+$/.test(path)) return url;
    return '/';
  }
}

function listFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

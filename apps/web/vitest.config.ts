import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'happy-dom',
      environmentOptions: {
        // Same-origin requests ('' base URL) need a page URL to resolve against.
        happyDOM: { url: 'http://localhost:5173/' },
      },
      include: ['src/**/*.spec.ts', 'vite-plugins/**/*.spec.ts'],
      setupFiles: ['src/testing/setup.ts'],
      restoreMocks: true,
      // A page spec mounts Element Plus forms and tables in happy-dom: a second or two on a
      // quiet machine, several when the 2 cores are also running the backend suites.
      testTimeout: 30_000,
      // Element Plus's validator logs every failed rule in development builds; the
      // login specs fail rules on purpose and assert the messages the user sees.
      // happy-dom lays nothing out, so a form whose labels are as wide as the longest
      // (label-width="auto") measures NaN and Element Plus warns about it.
      onConsoleLog: (log) => !log.startsWith('async-validator:') && !log.includes('[ElForm] unexpected width'),
      unstubGlobals: true,
      server: {
        // Element Plus ships ESM that imports its own CSS; Vite must transform it
        // instead of handing it to Node, which cannot import .css files.
        deps: { inline: ['element-plus'] },
      },
    },
  }),
)

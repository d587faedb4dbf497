import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { precompress } from './vite-plugins/precompress.ts'

export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    // Element Plus is resolved per component (with its CSS) so the bundle only carries
    // what the templates use; importing the whole library makes a >500 kB chunk.
    Components({
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      // Our own components are imported by name where used; only Element Plus is implicit.
      dirs: [],
      dts: 'src/components.d.ts',
    }),
    // Brotli and gzip copies of every script, style and the page, served as they are by
    // the API (libs/platform/src/http/configure-http.ts): nothing compressed per request.
    precompress(),
  ],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      // The permission catalogue (codes and their labels) is plain TypeScript shared
      // with the server; the SPA reads its source, never the server's build output.
      '@zhongshu/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)),
    },
  },
  define: {
    // Composition API only: dropping vue-i18n's legacy API and global components
    // keeps them out of the bundle and silences the feature-flag warnings.
    __VUE_I18N_LEGACY_API__: false,
    __VUE_I18N_FULL_INSTALL__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // What the first script needs (the sign-in page included) comes in three
          // named chunks beside it, fetched in one round trip: libraries apart from our
          // code, since they change less often and stay cached across releases. The
          // shell, the admin pages and what only they use are left to automatic chunking
          // (README "Delivery").
          groups: [
            {
              // Vue, its router, store and i18n: every page needs them, and they change
              // less often than our code, so they stay cached across releases.
              name: 'vue',
              test: /node_modules[\\/](@vue|vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/,
            },
            {
              // The request-type designers' libraries: pinyin-pro (its dictionary is most of
              // its size) and vuedraggable over SortableJS. Only the designer route imports
              // them, so these chunks load with it and with no other page.
              name: 'designer-pinyin',
              test: /node_modules[\\/]pinyin-pro[\\/]/,
            },
            {
              name: 'designer-dnd',
              test: /node_modules[\\/](vuedraggable|sortablejs)[\\/]/,
            },
            {
              // Every library module the first script needs (Element Plus's base and the
              // sign-in form's components) in one chunk beside it, so the sign-in page is
              // a handful of requests in one round trip, not dozens of small chunks on a
              // connection limit. What only the admin pages use is left to automatic
              // chunking and travels with those pages.
              name: 'ui',
              test: /node_modules[\\/]/,
              tags: ['$initial'],
            },
            {
              // Likewise our own modules of the first script (stores, request client,
              // guards, the sign-in page), which the lazy pages share with it.
              name: 'app',
              test: /apps[\\/]web[\\/]src[\\/]/,
              tags: ['$initial'],
            },
            {
              // What every signed-in page shows: the shell (menu, header, bell) and the
              // list block, with the Element Plus components they use (dependencies come
              // along). One chunk instead of forty small ones on a phone's six
              // connections; what a page adds beyond this (forms, dialogs, pickers) stays
              // with the page.
              name: 'shell',
              test: /apps[\\/]web[\\/]src[\\/](components[\\/](layout|menu|notifications|list)[\\/]|composables[\\/])/,
            },
          ],
        },
      },
    },
  },
})

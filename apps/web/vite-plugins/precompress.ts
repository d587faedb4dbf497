import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Plugin } from 'vite'

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** Text the browser fetches; images and fonts are compressed formats already. */
const COMPRESSIBLE = /\.(?:html|js|mjs|css|json|svg|txt|xml|map|wasm)$/
/** Below about one TCP packet a compressed copy saves no round trip, only disk. */
export const MIN_BYTES = 1024

export interface PrecompressedFile {
  file: string
  bytes: number
  brotli: number
  gzip: number
}

/**
 * Writes `<file>.br` (brotli, best quality) and `<file>.gz` (gzip -9) beside each
 * compressible file. The API serves them with @fastify/static's `preCompressed`, so
 * nothing is compressed per request. A copy that would not be smaller is not written
 * (the server then sends the file as it is).
 */
export async function precompressFiles(folder: string, files: readonly string[]): Promise<PrecompressedFile[]> {
  const candidates = files.filter((file) => COMPRESSIBLE.test(file))
  const results = await Promise.all(
    candidates.map(async (file): Promise<PrecompressedFile | null> => {
      const path = join(folder, file)
      const source = await readFile(path)
      if (source.length < MIN_BYTES) return null
      const [br, gz] = await Promise.all([
        brotli(source, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
          },
        }),
        gzipAsync(source, { level: constants.Z_BEST_COMPRESSION }),
      ])
      if (br.length < source.length) await writeFile(`${path}.br`, br)
      if (gz.length < source.length) await writeFile(`${path}.gz`, gz)
      return { file, bytes: source.length, brotli: br.length, gzip: gz.length }
    }),
  )
  return results.filter((result): result is PrecompressedFile => result !== null)
}

/** Vite plugin: precompress every file the build wrote (scripts, styles, index.html). */
export function precompress(): Plugin {
  return {
    name: 'zhongshu:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      if (options.dir === undefined) return
      await precompressFiles(options.dir, Object.keys(bundle))
    },
  }
}

import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { MIN_BYTES, precompressFiles } from './precompress'

function builtFolder(files: Record<string, string | Buffer>): string {
  const folder = mkdtempSync(join(tmpdir(), 'precompress-'))
  mkdirSync(join(folder, 'assets'))
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content)
  return folder
}

describe('precompressFiles', () => {
  const script = 'export const greeting = "你好, Zhongshu";\n'.repeat(200)

  it('writes a brotli and a gzip copy beside each script, style and page, each decoding to the file', async () => {
    const folder = builtFolder({ 'index.html': `<html>${script}</html>`, 'assets/app-1a2b.js': script, 'assets/app-1a2b.css': `a{color:red}${' '.repeat(2000)}` })
    const written = await precompressFiles(folder, ['index.html', 'assets/app-1a2b.js', 'assets/app-1a2b.css'])

    expect(written.map((entry) => entry.file).sort()).toEqual(['assets/app-1a2b.css', 'assets/app-1a2b.js', 'index.html'])
    const path = join(folder, 'assets/app-1a2b.js')
    expect(brotliDecompressSync(readFileSync(`${path}.br`)).toString()).toBe(script)
    expect(gunzipSync(readFileSync(`${path}.gz`)).toString()).toBe(script)
    expect(readFileSync(`${path}.br`).length).toBeLessThan(readFileSync(path).length / 10)
  })

  it('leaves alone files too small to gain, formats already compressed, and files the build did not write', async () => {
    const folder = builtFolder({
      'assets/tiny.js': 'export {}'.padEnd(MIN_BYTES - 1, ' '),
      'assets/logo.png': Buffer.alloc(4096, 7),
      'assets/stale.js': script,
    })
    const written = await precompressFiles(folder, ['assets/tiny.js', 'assets/logo.png'])

    expect(written).toEqual([])
    for (const name of ['assets/tiny.js', 'assets/logo.png', 'assets/stale.js']) {
      expect(existsSync(join(folder, `${name}.br`))).toBe(false)
      expect(existsSync(join(folder, `${name}.gz`))).toBe(false)
    }
  })
})

/// <reference types="node" />
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { menuIcon } from './menu-icons'

/** Every `*.menu.ts` the contexts declare their sidebar sections in. */
function menuFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === 'node_modules' || name === 'dist') return []
    if (statSync(path).isDirectory()) return menuFiles(path)
    return name.endsWith('.menu.ts') ? [path] : []
  })
}

describe('menu icons', () => {
  it('has an icon for every icon name a context puts in its menu', () => {
    // Vitest runs in apps/web.
    const libs = join(process.cwd(), '../../libs')
    const names = menuFiles(libs).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/icon: '([A-Za-z]+)'/g)].map((match) => match[1]!))
    expect(names.length).toBeGreaterThan(3)
    expect(names.filter((name) => menuIcon(name) === undefined)).toEqual([])
  })
})

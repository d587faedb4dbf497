import { describe, expect, it } from 'vitest'
import { isWithin, pathSegments, valueAt } from './field-path'

describe('field paths', () => {
  it.each([
    ['name', ['name']],
    ['roleCodes[1]', ['roleCodes', 1]],
    ['lines[2].quantity', ['lines', 2, 'quantity']],
    ['rows[3].cells[0].value', ['rows', 3, 'cells', 0, 'value']],
  ])('%s -> %j', (path, segments) => {
    expect(pathSegments(path)).toEqual(segments)
  })

  it('puts an error under its field and under the fields that contain it, not under a namesake', () => {
    expect(isWithin('lines[2].quantity', 'lines[2].quantity')).toBe(true)
    expect(isWithin('lines[2].quantity', 'lines')).toBe(true)
    expect(isWithin('roleCodes[0]', 'roleCodes')).toBe(true)
    expect(isWithin('nameKana', 'name')).toBe(false)
  })

  it('reads the value at a path', () => {
    const values = { lines: [{ quantity: '1.5' }, { quantity: '2' }], name: '甲' }
    expect(valueAt(values, 'lines[1].quantity')).toBe('2')
    expect(valueAt(values, 'name')).toBe('甲')
    expect(valueAt(values, 'lines[5].quantity')).toBeUndefined()
  })
})

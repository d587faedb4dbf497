import { describe, expect, it } from 'vitest'
import { contentTypeOf, rowProblemsOf } from './transfer'

describe('rowProblemsOf', () => {
  it('reads the row and column out of the server\'s field paths, in row order', () => {
    expect(
      rowProblemsOf([
        { field: 'rows[5].managerEmployeeNo', message: 'no person E9' },
        { field: 'rows[3].departmentCode', message: 'no department X' },
        { field: 'file', message: 'too big' },
      ]),
    ).toEqual([
      { row: null, column: 'file', message: 'too big' },
      { row: 3, column: 'departmentCode', message: 'no department X' },
      { row: 5, column: 'managerEmployeeNo', message: 'no person E9' },
    ])
  })
})

describe('contentTypeOf', () => {
  it('sends CSV and XLSX with their types and refuses anything else', () => {
    expect(contentTypeOf(new File(['a'], 'people.CSV'))).toBe('text/csv')
    expect(contentTypeOf(new File(['a'], 'people.xlsx'))).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(contentTypeOf(new File(['a'], 'people.xls'))).toBeNull()
  })
})

import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { fakeServer, jsonResponse, problemResponse } from '@/testing/fake-server'
import { mountView } from '@/testing/mount-view'
import ImportExport from './ImportExport.vue'

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

async function upload(file: File) {
  wrapper!.get('[data-testid="import-people"]').trigger('click')
  await flushPromises()
  const input = document.querySelector('input[data-testid="import-file"]') as HTMLInputElement
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  input.dispatchEvent(new Event('change'))
  await flushPromises()
  ;(document.querySelector('[data-testid="import-submit"]') as HTMLElement).click()
  await flushPromises()
}

const csv = () => new File(['employeeNo,name\nE1,甲\n'], 'people.csv', { type: 'text/csv' })

describe('ImportExport', () => {
  it('uploads the file itself as the body, typed by its extension', async () => {
    const server = fakeServer({ 'POST /api/v1/org/import/people': () => jsonResponse(200, { created: 1, updated: 0 }) })
    wrapper = mountView({ components: { ImportExport }, template: '<ImportExport target="people" />' }).wrapper
    await upload(csv())

    const [call] = server.callsTo('POST /api/v1/org/import/people')
    expect(call!.headers.get('Content-Type')).toBe('text/csv')
    await expect(call!.text()).resolves.toBe('employeeNo,name\nE1,甲\n')
  })

  it('shows a refused file\'s report row by row', async () => {
    fakeServer({
      'POST /api/v1/org/import/people': () =>
        problemResponse(422, 'Unprocessable Entity', {
          code: 'org.import-rejected',
          detail: 'Nothing was imported: rows 2, 4 have problems. Fix them and import the whole file again.',
          errors: [
            { field: 'rows[4].managerEmployeeNo', message: 'no person E99' },
            { field: 'rows[2].departmentCode', message: 'no department NOPE' },
          ],
        }),
    })
    wrapper = mountView({ components: { ImportExport }, template: '<ImportExport target="people" />' }).wrapper
    await upload(csv())

    await vi.waitFor(() => expect(document.querySelector('[data-testid="import-summary"]')?.textContent).toContain('Nothing was imported'))
    const rows = [...document.querySelectorAll('[data-testid="import-problems"] tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim()),
    )
    expect(rows).toEqual([
      ['2', 'departmentCode', 'no department NOPE'],
      ['4', 'managerEmployeeNo', 'no person E99'],
    ])
  })

  it('refuses a file that is neither CSV nor XLSX without calling the server', async () => {
    const server = fakeServer({})
    wrapper = mountView({ components: { ImportExport }, template: '<ImportExport target="people" />' }).wrapper
    await upload(new File(['x'], 'people.xls'))

    expect(server.fetchMock).not.toHaveBeenCalled()
    expect(document.querySelector('[data-testid="import-summary"]')?.textContent).toContain('.xlsx')
  })
})

import { describe, expect, it } from 'vitest'
import { isInboxBox, isOverdue, requestQuery, taskQuery, type InboxFilters } from './inbox-query'

const none: InboxFilters = { search: '', requestTypeId: null, status: null, applicantId: null, submitted: null }
const paging = { page: 2, pageSize: 20, sort: undefined }

describe('the inbox queries', () => {
  it('sends only the filters that are set, the dates as from and to', () => {
    expect(taskQuery('done', none, paging)).toEqual({ box: 'done', page: 2, pageSize: 20 })
    expect(
      requestQuery('cc', { search: '  用车 ', requestTypeId: 't1', status: 'approved', applicantId: 'p1', submitted: ['2026-12-01', '2026-12-31'] }, { ...paging, sort: '-submittedAt' }),
    ).toEqual({ box: 'cc', page: 2, pageSize: 20, sort: '-submittedAt', search: '用车', requestTypeId: 't1', status: 'approved', applicantId: 'p1', from: '2026-12-01', to: '2026-12-31' })
  })

  it('leaves out what a box cannot filter by: the status of to-do tasks, the applicant of my own requests', () => {
    const filters = { ...none, status: 'approved', applicantId: 'p1' }
    expect(taskQuery('todo', filters, paging)).toEqual({ box: 'todo', page: 2, pageSize: 20, applicantId: 'p1' })
    expect(requestQuery('mine', filters, paging)).toEqual({ box: 'mine', page: 2, pageSize: 20, status: 'approved' })
  })

  it('drops a status the server does not know (an old address)', () => {
    expect(requestQuery('all', { ...none, status: 'draft' }, paging)).toEqual({ box: 'all', page: 2, pageSize: 20 })
  })

  it('knows its boxes and when a deadline has passed', () => {
    expect(['todo', 'done', 'mine', 'cc', 'all'].every(isInboxBox)).toBe(true)
    expect(isInboxBox('drafts')).toBe(false)
    const now = Date.parse('2026-12-01T10:00:00Z')
    expect(isOverdue('2026-12-01T09:59:59Z', now)).toBe(true)
    expect(isOverdue('2026-12-01T10:00:01Z', now)).toBe(false)
    expect(isOverdue(null, now)).toBe(false)
  })
})

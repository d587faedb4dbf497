import { describe, expect, it } from 'vitest'
import type { RequestAction } from '@/api/oa/requests'
import { ApiError } from '@/api/problem'
import { actionForm, arrangeActions, emptyInput, failureKind, missing } from './request-actions'

const task = (action: RequestAction['action'], extra: Partial<RequestAction> = {}): RequestAction => ({ action, taskId: 't1', ...extra })
const problem = (status: number, extra: Record<string, unknown> = {}) => new ApiError({ type: 'about:blank', title: 'x', status, ...extra })

describe('the request page actions', () => {
  it('puts the decision first and folds the rest', () => {
    const actions: RequestAction[] = [task('transfer'), { action: 'cc' }, task('reject'), task('approve'), task('return'), task('add-approver'), { action: 'cancel' }]
    const { shown, folded } = arrangeActions(actions, 4)
    expect(shown.map((action) => action.action)).toEqual(['approve', 'reject', 'return', 'transfer'])
    expect(folded.map((action) => action.action)).toEqual(['add-approver', 'cc', 'cancel'])
  })

  it('shows one button per action when the caller holds two tasks of the request', () => {
    const { shown } = arrangeActions([task('approve'), task('approve', { taskId: 't2' })], 4)
    expect(shown).toEqual([task('approve')])
  })

  it('asks for a reason to reject or return, for people where people are needed', () => {
    expect(missing(task('reject'), emptyInput())).toEqual({ comment: 'oaRequest.dialog.reasonRequired' })
    expect(missing(task('return'), { ...emptyInput(), comment: '  ' })).toEqual({ comment: 'oaRequest.dialog.reasonRequired' })
    expect(missing(task('transfer'), emptyInput())).toEqual({ people: 'oaRequest.dialog.choosePerson' })
    expect(missing({ action: 'cc' }, emptyInput())).toEqual({ people: 'oaRequest.dialog.choosePeople' })
    expect(missing(task('approve'), emptyInput())).toEqual({})
    expect(missing(task('approve', { needsNextApprovers: true }), emptyInput())).toEqual({ people: 'oaRequest.dialog.choosePeople' })
    expect(missing({ action: 'comment' }, emptyInput())).toEqual({ comment: 'oaRequest.dialog.commentRequired' })
  })

  it('shows what each dialog needs', () => {
    expect(actionForm(task('return', { returnTargets: [{ nodeId: 'leader', name: '部门负责人' }] }))).toMatchObject({ returnTarget: true, comment: 'required' })
    expect(actionForm(task('add-approver'))).toMatchObject({ people: 'several', position: true })
    expect(actionForm({ action: 'withdraw' }).question).toBe('oaRequest.dialog.withdrawQuestion')
    expect(actionForm(task('approve'))).toMatchObject({ attachments: true, people: 'none' })
  })

  it('tells someone-else-acted-first from the rest', () => {
    expect(failureKind(problem(409, { code: 'oa.task-not-open' }), task('approve'))).toBe('conflict')
    // A task that is no longer the caller's (moved by a delegation, transferred) reads as 404.
    expect(failureKind(problem(404), task('approve'))).toBe('conflict')
    expect(failureKind(problem(404), { action: 'urge' })).toBe('gone')
    expect(failureKind(problem(429), { action: 'urge' })).toBe('too-soon')
    expect(failureKind(problem(422, { errors: [{ field: 'toPersonId', message: '已离职' }] }), task('transfer'))).toBe('fields')
    expect(failureKind(problem(500), task('approve'))).toBe('other')
    expect(failureKind(new Error('offline'), task('approve'))).toBe('other')
  })
})

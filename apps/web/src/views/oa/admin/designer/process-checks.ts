import type { OaApproverRule, OaFormSchema, OaProcessDefinition } from '@zhongshu/contracts'
import { conditionSubjects, fromLogic, isComplete, unknownSubjects } from './condition-logic'
import { allNodes, approverFields } from './process-tree'

/**
 * What the designer can tell is unfinished before the server is asked: a rule naming
 * nobody, a condition without a value, a field the form no longer has. Shown on the node
 * as a warning while designing; publishing asks the server, whose word is final.
 */
export type ProcessWarning = 'noPeople' | 'noRole' | 'noPosition' | 'noField' | 'unknownField' | 'noCondition' | 'unknownSubject' | 'customCondition' | 'noAdmin'

function ruleWarning(rule: OaApproverRule, form: OaFormSchema): ProcessWarning | null {
  switch (rule.kind) {
    case 'people':
      return rule.personIds.length === 0 ? 'noPeople' : null
    case 'role':
      return rule.roleCode === '' ? 'noRole' : null
    case 'position':
      return rule.positionId === '' ? 'noPosition' : null
    case 'form-field':
      if (rule.field === '') return 'noField'
      return approverFields(form).some((field) => field.key === rule.field) ? null : 'unknownField'
    default:
      return null
  }
}

/** Warnings by node or branch id (`settings` for the process settings). */
export function processWarnings(definition: OaProcessDefinition, form: OaFormSchema): Map<string, ProcessWarning> {
  const warnings = new Map<string, ProcessWarning>()
  if (definition.settings.adminId === '') warnings.set('settings', 'noAdmin')
  const subjects = conditionSubjects(form)
  for (const node of allNodes(definition)) {
    const rule = node.type === 'approval' ? node.approvers : node.type === 'cc' ? node.recipients : null
    const warning = rule === null ? null : ruleWarning(rule, form)
    if (warning !== null) warnings.set(node.id, warning)
    if (node.type !== 'condition') continue
    for (const branch of node.branches) {
      if (branch.condition === null) continue
      const group = fromLogic(branch.condition)
      if (group === null) warnings.set(branch.id, 'customCondition')
      else if (unknownSubjects(group, subjects).length > 0) warnings.set(branch.id, 'unknownSubject')
      else if (!isComplete(group)) warnings.set(branch.id, 'noCondition')
    }
  }
  return warnings
}

/**
 * The server's errors on the process by node or branch id: `process.<id>` and anything
 * under it (`process.<id>.approvers`). The rest (`process.settings.adminId`, `process`)
 * are listed above the tree.
 */
export function errorsByNode(errors: readonly { field: string; message: string }[], ids: ReadonlySet<string>): { byId: Map<string, string[]>; other: { field: string; message: string }[] } {
  const byId = new Map<string, string[]>()
  const other: { field: string; message: string }[] = []
  for (const error of errors) {
    const match = /^process\.([^.[\]]+)/.exec(error.field)
    const id = match?.[1]
    if (id !== undefined && ids.has(id)) byId.set(id, [...(byId.get(id) ?? []), error.message])
    else if (error.field === 'process' || error.field.startsWith('process.') || error.field.startsWith('process[')) other.push(error)
  }
  return { byId, other }
}

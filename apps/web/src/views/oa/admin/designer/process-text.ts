import type { InjectionKey, Ref } from 'vue'
import type { OaApprovalNode, OaApproverRule, OaFormSchema, OaProcessNode } from '@zhongshu/contracts'
import { i18n } from '@/locales'
import { formatMoney } from '@/components/oa/form/money'
import { conditionSubjects, describeCondition, fromLogic, type ConditionRule, type Subject } from './condition-logic'

/** Names the designer shows for ids: roles by code, positions and departments by id. */
export interface ProcessLookups {
  roles: Ref<{ code: string; name: string }[]>
  positions: Ref<{ id: string; name: string }[]>
  departments: Ref<{ id: string; name: string }[]>
  form: Ref<OaFormSchema>
}

export const PROCESS_LOOKUPS: InjectionKey<ProcessLookups> = Symbol('process-lookups')

/** One line saying who a rule finds: "部门负责人（上 1 级）", "角色：财务". */
export function describeRule(rule: OaApproverRule, lookups: ProcessLookups): string {
  const { t } = i18n.global
  switch (rule.kind) {
    case 'people':
      return rule.personIds.length === 0 ? t('oaProcess.rule.noneChosen') : t('oaProcess.rule.peopleCount', { n: rule.personIds.length })
    case 'role':
      return t('oaProcess.rule.roleOf', { name: lookups.roles.value.find((role) => role.code === rule.roleCode)?.name ?? (rule.roleCode || '—') })
    case 'position':
      return t(rule.where === 'anywhere' ? 'oaProcess.rule.positionAnywhere' : 'oaProcess.rule.positionHere', {
        name: lookups.positions.value.find((position) => position.id === rule.positionId)?.name ?? '—',
      })
    case 'department-leader':
      return rule.levelsUp === 0 ? t('oaProcess.rule.leaderOwn') : t('oaProcess.rule.leaderUp', { n: rule.levelsUp })
    case 'manager-chain':
      return rule.untilPositionId
        ? t('oaProcess.rule.chainUntil', { name: lookups.positions.value.find((position) => position.id === rule.untilPositionId)?.name ?? '—' })
        : t('oaProcess.rule.chainLevels', { n: rule.levels ?? 1 })
    case 'form-field':
      return t('oaProcess.rule.fieldOf', { name: lookups.form.value.fields.find((field) => field.key === rule.field)?.label ?? (rule.field || '—') })
    case 'applicant':
      return t('oaProcess.ruleKinds.applicant')
    case 'chosen-by-previous':
      return t('oaProcess.ruleKinds.chosen-by-previous')
  }
}

export function describeMode(node: OaApprovalNode): string {
  const { t } = i18n.global
  return node.mode === 'percentage' ? t('oaProcess.modePercentage', { n: node.percentage ?? 100 }) : t(`oaProcess.modes.${node.mode}`)
}

export function describeNode(node: OaProcessNode, lookups: ProcessLookups): string {
  const { t } = i18n.global
  if (node.type === 'start') return t('oaProcess.startSummary')
  if (node.type === 'approval') return `${describeRule(node.approvers, lookups)} · ${describeMode(node)}`
  if (node.type === 'cc') return describeRule(node.recipients, lookups)
  return ''
}

function valueText(rule: ConditionRule, subject: Subject | undefined, lookups: ProcessLookups): string {
  const { t } = i18n.global
  const one = (value: unknown): string => {
    if (value === null || value === undefined || value === '') return '?'
    const option = subject?.options?.find((candidate) => candidate.value === value)
    if (option !== undefined) return option.label
    if (subject?.valueType === 'money' && typeof value === 'string') return formatMoney(value)
    if (subject?.valueType === 'department' || subject?.valueType === 'departments') return lookups.departments.value.find((d) => d.id === value)?.name ?? '…'
    if (subject?.valueType === 'position') return lookups.positions.value.find((p) => p.id === value)?.name ?? '…'
    return String(value)
  }
  if (rule.operator === 'between' && Array.isArray(rule.value)) return t('oaProcess.betweenValues', { low: one(rule.value[0]), high: one(rule.value[1]) })
  if (Array.isArray(rule.value)) {
    if ((subject?.valueType === 'person' || subject?.valueType === 'people') && rule.value.length > 0) return t('oaProcess.rule.peopleCount', { n: rule.value.length })
    return rule.value.map(one).join('、') || '?'
  }
  return one(rule.value)
}

/** A branch's condition as a sentence; the default branch's own words. */
export function describeBranchCondition(condition: Record<string, unknown> | null, lookups: ProcessLookups): string {
  const { t } = i18n.global
  if (condition === null) return t('oaProcess.defaultBranchSummary')
  const group = fromLogic(condition)
  if (group === null) return t('oaProcess.customCondition')
  if (group.items.length === 0) return t('oaProcess.noConditionYet')
  const subjects = conditionSubjects(lookups.form.value, { start: t('oaForm.start'), end: t('oaForm.end') })
  return describeCondition(group, subjects, {
    subject: (subject, name) => (subject === undefined ? name : subject.applicantKey ? t(`oaProcess.applicant.${subject.applicantKey}`) : subject.label),
    operator: (operator) => t(`oaProcess.operators.${operator}`),
    value: (rule, subject) => valueText(rule, subject, lookups),
    and: t('oaProcess.and'),
    or: t('oaProcess.or'),
  })
}

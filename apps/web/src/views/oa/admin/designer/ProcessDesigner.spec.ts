import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import { ElInputNumber, ElSelect } from 'element-plus'
import type { OaConditionRoute, OaFormSchema, OaProcessDefinition } from '@zhongshu/contracts'
import type { FieldError } from '@/api/problem'
import { i18n } from '@/locales'
import { useUserStore } from '@/stores/user'
import { fakeServer, jsonResponse } from '@/testing/fake-server'
import { testApp } from '@/testing/plugins'
import ConditionBuilder from './ConditionBuilder.vue'
import ProcessDesigner from './ProcessDesigner.vue'
import { allNodes, chainFrom, findBranch, findNode } from './process-tree'

const form: OaFormSchema = {
  fields: [
    { key: 'trip', label: '用车时间', type: 'dateRange', required: true },
    { key: 'distance', label: '距离', type: 'number', unit: '公里' },
    { key: 'driver', label: '司机', type: 'person' },
  ],
}

function startOnly(): OaProcessDefinition {
  return {
    start: { id: 'start', type: 'start', name: '发起人', next: null },
    settings: { adminId: '0190a000-0000-7000-8000-000000000101', autoApproveRepeated: true, autoApproveApplicant: false },
  }
}

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
})

function mountDesigner(initial: OaProcessDefinition, errors: FieldError[] = []) {
  fakeServer({
    'GET /api/v1/org/roles': () => jsonResponse(200, [{ id: 'r1', code: 'finance', name: '财务', version: 1 }]),
    'GET /api/v1/org/positions': () => jsonResponse(200, [{ id: 'p1', code: 'MGR', name: '经理', version: 1 }]),
    'GET /api/v1/org/departments': () => jsonResponse(200, { items: [], total: 0, page: 1, pageSize: 200 }),
    'GET /api/v1/org/people/0190a000-0000-7000-8000-000000000101': () => jsonResponse(200, { id: '0190a000-0000-7000-8000-000000000101', name: '王芳', employeeNo: 'E1' }),
  })
  const definition = ref(initial)
  const app = testApp()
  useUserStore().applyAccess({ permissions: ['org:role:read', 'org:position:read', 'org:department:read'], menus: [] })
  const Host = defineComponent({
    setup: () => () =>
      h(ProcessDesigner, { form, errors, modelValue: definition.value, 'onUpdate:modelValue': (next: OaProcessDefinition) => (definition.value = next) }),
  })
  wrapper = mount(Host, { global: { plugins: app.plugins }, attachTo: document.body })
  return { definition, wrapper }
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)
async function click(id: string): Promise<void> {
  const element = byTestId(id)
  if (element === null) throw new Error(`no ${id}`)
  element.click()
  await flushPromises()
}

function idsOf(definition: OaProcessDefinition): string[] {
  return allNodes(definition).map((node) => node.type)
}

describe('ProcessDesigner, the DingTalk tree', () => {
  it('draws the chain from the start to the end, and adds nodes with the "+" under any node', async () => {
    const { definition } = mountDesigner(startOnly())
    await flushPromises()
    expect(byTestId('process-node-start')?.textContent).toContain('发起人')
    expect(byTestId('process-end')?.textContent).toContain('流程结束')

    await click('process-add-start')
    await click('process-insert-approval')
    const approval = chainFrom(definition.value.start)[0]!
    expect(approval).toMatchObject({ type: 'approval', name: '审批人', approvers: { kind: 'department-leader', levelsUp: 0 } })
    expect(byTestId(`process-node-summary-${approval.id}`)?.textContent).toContain('直属部门负责人 · 依次审批')
    // A new approval opens its settings at once; close them.
    expect(byTestId('node-settings')).not.toBeNull()
    await click('node-settings-cancel')

    await click(`process-add-${approval.id}`)
    await click('process-insert-cc')
    await click('node-settings-cancel')
    await click('process-add-start')
    await click('process-insert-condition')
    expect(idsOf(definition.value)).toEqual(['start', 'condition', 'approval', 'cc'])
  })

  it('moves and deletes nodes with the buttons beside them', async () => {
    const { definition } = mountDesigner(startOnly())
    await click('process-add-start')
    await click('process-insert-cc')
    await click('node-settings-cancel')
    await click('process-add-start')
    await click('process-insert-approval')
    await click('node-settings-cancel')
    const [first, second] = chainFrom(definition.value.start)
    expect([first!.type, second!.type]).toEqual(['approval', 'cc'])
    expect(byTestId(`process-node-up-${first!.id}`)?.hasAttribute('disabled')).toBe(true)

    await click(`process-node-down-${first!.id}`)
    expect(chainFrom(definition.value.start).map((node) => node.type)).toEqual(['cc', 'approval'])
    await click(`process-node-up-${first!.id}`)
    expect(chainFrom(definition.value.start).map((node) => node.type)).toEqual(['approval', 'cc'])
    await click(`process-node-remove-${second!.id}`)
    expect(chainFrom(definition.value.start).map((node) => node.type)).toEqual(['approval'])
    expect(byTestId(`process-node-${second!.id}`)).toBeNull()
  })

  it('adds, reorders and removes branches, keeping the default last, and nodes inside a branch', async () => {
    const { definition } = mountDesigner(startOnly())
    await click('process-add-start')
    await click('process-insert-condition')
    const route = () => chainFrom(definition.value.start)[0] as OaConditionRoute
    await click(`process-route-add-branch-${route().id}`)
    expect(route().branches.map((branch) => branch.name)).toEqual(['条件1', '条件2', '其他情况'])
    const [one, two, other] = route().branches
    expect(byTestId(`process-branch-${other!.id}`)?.textContent).toContain('默认')
    expect(byTestId(`process-branch-right-${two!.id}`)?.hasAttribute('disabled')).toBe(true)
    expect(byTestId(`process-branch-remove-${other!.id}`)?.hasAttribute('disabled')).toBe(true)

    await click(`process-branch-left-${two!.id}`)
    expect(route().branches.map((branch) => branch.id)).toEqual([two!.id, one!.id, other!.id])
    expect(byTestId(`process-branch-${two!.id}`)?.textContent).toContain('优先级 1')

    await click(`process-add-branch-${two!.id}`)
    await click('process-insert-approval')
    await click('node-settings-cancel')
    expect(chainFrom(findBranch(definition.value, two!.id)!.branch)).toHaveLength(1)

    await click(`process-branch-remove-${one!.id}`)
    expect(route().branches.map((branch) => branch.id)).toEqual([two!.id, other!.id])
  })

  it('builds a branch’s condition with pickers and stores it as JSON Logic', async () => {
    const { definition, wrapper } = mountDesigner(startOnly())
    await click('process-add-start')
    await click('process-insert-condition')
    const branch = (chainFrom(definition.value.start)[0] as OaConditionRoute).branches[0]!
    expect(byTestId(`process-warning-${branch.id}`)?.textContent).toContain('条件还没有设置完整')
    await click(`process-branch-${branch.id}`)
    await click('condition-add-rule')
    const builder = wrapper.findComponent(ConditionBuilder)
    const subject = builder.findAllComponents(ElSelect)[0]!
    subject.vm.$emit('update:modelValue', 'form.distance')
    await flushPromises()
    builder.findAllComponents(ElSelect)[1]!.vm.$emit('update:modelValue', 'gt')
    await flushPromises()
    builder.findComponent(ElInputNumber).vm.$emit('update:modelValue', 100)
    await flushPromises()
    await click('node-settings-confirm')

    expect(findBranch(definition.value, branch.id)!.branch).toMatchObject({ condition: { and: [{ '>': [{ var: 'form.distance' }, 100] }] } })
    expect(byTestId(`process-branch-summary-${branch.id}`)?.textContent?.trim()).toBe('距离 大于 100')
    expect(byTestId(`process-warning-${branch.id}`)).toBeNull()

    // And back: the builder opens on what was stored.
    await click(`process-branch-${branch.id}`)
    expect(byTestId('condition-rule-0')).not.toBeNull()
    expect(wrapper.findComponent(ConditionBuilder).findComponent(ElInputNumber).props('modelValue')).toBe(100)
  })

  it('sets an approval’s approvers with pickers, its mode, when nobody is found and its deadline', async () => {
    const { definition, wrapper } = mountDesigner(startOnly())
    await click('process-add-start')
    await click('process-insert-approval')
    const id = chainFrom(definition.value.start)[0]!.id
    const drawerSelects = () => wrapper.findAllComponents(ElSelect).filter((select) => select.element.closest('[data-testid="node-settings"]') !== null)
    drawerSelects()[0]!.vm.$emit('update:modelValue', 'role')
    await flushPromises()
    drawerSelects()[1]!.vm.$emit('update:modelValue', 'finance')
    await flushPromises()
    ;(byTestId('node-settings-mode')!.querySelectorAll('input')[2] as HTMLInputElement).click()
    ;(byTestId('node-settings-when-empty')!.querySelectorAll('input')[2] as HTMLInputElement).click()
    await flushPromises()
    await click('node-settings-deadline')
    await click('node-settings-confirm')
    expect(findNode(definition.value, id)).toMatchObject({
      approvers: { kind: 'role', roleCode: 'finance' },
      mode: 'any',
      whenEmpty: 'refuse',
      deadline: { hours: 24, escalate: 'none' },
    })
    expect(byTestId(`process-node-summary-${id}`)?.textContent).toContain('角色：财务 · 或签（一人同意即可）')
  })

  it('shows publish errors on their node in red, and the others above the tree', async () => {
    const initial = startOnly()
    initial.start.next = { id: 'boss', type: 'approval', name: '老板', approvers: { kind: 'people', personIds: [] }, mode: 'sequential', whenEmpty: 'admin', next: null }
    mountDesigner(initial, [
      { field: 'process.boss', message: '没有审批人' },
      { field: 'process.settings.adminId', message: '流程管理员已离职' },
    ])
    await flushPromises()
    expect(byTestId('process-node-boss')?.classList.contains('flow-card--invalid')).toBe(true)
    expect(byTestId('process-error-boss')?.textContent).toBe('没有审批人')
    expect(byTestId('process-node-start')?.classList.contains('flow-card--invalid')).toBe(false)
    expect(byTestId('process-other-errors')?.textContent).toContain('流程管理员已离职')
  })

  it('changes nothing when read only', async () => {
    const { definition } = mountDesigner(startOnly())
    wrapper!.unmount()
    const app = testApp()
    fakeServer({})
    useUserStore().applyAccess({ permissions: [], menus: [] })
    wrapper = mount(ProcessDesigner, { props: { form, modelValue: definition.value, readonly: true }, global: { plugins: app.plugins }, attachTo: document.body })
    await flushPromises()
    expect(byTestId('process-add-start')).toBeNull()
    expect(byTestId('process-node-start')).not.toBeNull()
  })

  it('speaks English', async () => {
    i18n.global.locale.value = 'en'
    const { definition } = mountDesigner(startOnly())
    await click('process-add-start')
    await click('process-insert-parallel')
    expect(chainFrom(definition.value.start)[0]).toMatchObject({ name: 'Parallel route', branches: [{ name: 'Branch 1' }, { name: 'Branch 2' }] })
    expect(byTestId('process-end')?.textContent).toContain('End')
  })
})

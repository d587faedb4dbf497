import { describe, expect, it } from 'vitest'
import { defineComponent, nextTick, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { useUserStore, type AccessRequirement } from '@/stores/user'
import { testApp } from '@/testing/plugins'
import { vAccess } from './access'

const requirement = ref<AccessRequirement>('crm:contract:sign')

const ContractActions = defineComponent({
  directives: { access: vAccess },
  setup: () => ({ requirement }),
  template: `
    <div>
      <button data-testid="sign" v-access="requirement">Sign</button>
      <button data-testid="view">View</button>
    </div>`,
})

function mountActions(permissions: readonly string[] | null) {
  const { plugins } = testApp()
  const user = useUserStore()
  if (permissions !== null) user.applyAccess({ permissions, menus: [] })
  const wrapper = mount(ContractActions, { global: { plugins } })
  const isShown = () =>
    wrapper.get<HTMLElement>('[data-testid="sign"]').element.style.display !== 'none'
  return { wrapper, user, isShown }
}

describe('v-access', () => {
  it('shows everything while no permission list is loaded (no auth yet)', () => {
    requirement.value = 'crm:contract:sign'
    const { isShown } = mountActions(null)
    expect(isShown()).toBe(true)
  })

  it('hides the element when the loaded permissions lack the code', () => {
    requirement.value = 'crm:contract:sign'
    const { wrapper, isShown } = mountActions(['crm:contract:read'])
    expect(isShown()).toBe(false)
    expect(wrapper.get<HTMLElement>('[data-testid="view"]').element.style.display).toBe('')
  })

  it('shows the element when the user holds the code', () => {
    requirement.value = 'crm:contract:sign'
    const { isShown } = mountActions(['crm:contract:read', 'crm:contract:sign'])
    expect(isShown()).toBe(true)
  })

  it('accepts a list of codes of which any one is enough', () => {
    requirement.value = ['oa:task:approve', 'crm:contract:sign']
    const { isShown } = mountActions(['crm:contract:sign'])
    expect(isShown()).toBe(true)
  })

  it('follows permissions that load or change after mounting', async () => {
    requirement.value = 'crm:contract:sign'
    const { user, isShown } = mountActions(null)

    user.applyAccess({ permissions: ['crm:contract:read'], menus: [] })
    await nextTick()
    expect(isShown()).toBe(false)

    user.applyAccess({ permissions: ['crm:contract:sign'], menus: [] })
    await nextTick()
    expect(isShown()).toBe(true)
  })

  it('follows a change of the required code', async () => {
    requirement.value = 'crm:contract:read'
    const { isShown } = mountActions(['crm:contract:read'])
    expect(isShown()).toBe(true)

    requirement.value = 'crm:contract:sign'
    await nextTick()
    expect(isShown()).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { defineComponent, nextTick, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { useUserStore, type AccessRequirement } from '@/stores/user'
import { testApp } from '@/testing/plugins'
import { vAccess } from './access'
import AccessTypoFixture from './AccessTypoFixture.vue'

const requirement = ref<AccessRequirement>('org:person:disable')

const PersonActions = defineComponent({
  directives: { access: vAccess },
  setup: () => ({ requirement }),
  template: `
    <div>
      <button data-testid="disable" v-access="requirement">Disable</button>
      <button data-testid="view">View</button>
    </div>`,
})

function mountActions(permissions: readonly string[] | null) {
  const { plugins } = testApp()
  const user = useUserStore()
  if (permissions !== null) user.applyAccess({ permissions, menus: [] })
  const wrapper = mount(PersonActions, { global: { plugins } })
  const isShown = () =>
    wrapper.get<HTMLElement>('[data-testid="disable"]').element.style.display !== 'none'
  return { wrapper, user, isShown }
}

describe('v-access', () => {
  it('shows everything while no permission list is loaded (no auth yet)', () => {
    requirement.value = 'org:person:disable'
    const { isShown } = mountActions(null)
    expect(isShown()).toBe(true)
  })

  it('hides the element when the loaded permissions lack the code', () => {
    requirement.value = 'org:person:disable'
    const { wrapper, isShown } = mountActions(['org:person:read'])
    expect(isShown()).toBe(false)
    expect(wrapper.get<HTMLElement>('[data-testid="view"]').element.style.display).toBe('')
  })

  it('shows the element when the user holds the code', () => {
    requirement.value = 'org:person:disable'
    const { isShown } = mountActions(['org:person:read', 'org:person:disable'])
    expect(isShown()).toBe(true)
  })

  it('accepts a list of codes of which any one is enough', () => {
    requirement.value = ['org:person:enable', 'org:person:disable']
    const { isShown } = mountActions(['org:person:disable'])
    expect(isShown()).toBe(true)
  })

  it('follows permissions that load or change after mounting', async () => {
    requirement.value = 'org:person:disable'
    const { user, isShown } = mountActions(null)

    user.applyAccess({ permissions: ['org:person:read'], menus: [] })
    await nextTick()
    expect(isShown()).toBe(false)

    user.applyAccess({ permissions: ['org:person:disable'], menus: [] })
    await nextTick()
    expect(isShown()).toBe(true)
  })

  it('follows a change of the required code', async () => {
    requirement.value = 'org:person:read'
    const { isShown } = mountActions(['org:person:read'])
    expect(isShown()).toBe(true)

    requirement.value = 'org:person:disable'
    await nextTick()
    expect(isShown()).toBe(false)
  })
})

describe('v-access in a template', () => {
  it('takes declared codes only; a typo is a type error (AccessTypoFixture.vue) and held by no one', () => {
    const { plugins } = testApp()
    useUserStore().applyAccess({ permissions: ['org:person:read'], menus: [] })
    const wrapper = mount(AccessTypoFixture, { global: { plugins, directives: { access: vAccess } } })
    expect(wrapper.get<HTMLElement>('[data-testid="declared"]').element.style.display).toBe('')
    expect(wrapper.get<HTMLElement>('[data-testid="typo"]').element.style.display).toBe('none')
  })
})

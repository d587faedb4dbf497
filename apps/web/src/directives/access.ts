import { shallowRef, watchEffect, type Directive, type ShallowRef, type WatchStopHandle } from 'vue'
import { useUserStore, type AccessRequirement } from '@/stores/user'

interface AccessBinding {
  requirement: ShallowRef<AccessRequirement>
  stop: WatchStopHandle
}

const bindings = new WeakMap<HTMLElement, AccessBinding>()

/**
 * `v-access="'org:person:create'"` (or a list, any one enough) hides the element
 * unless the user holds the permission. The value must be a declared
 * `PermissionCode` (`@zhongshu/contracts`): `vue-tsc` refuses a typo in a template.
 * Hiding is a courtesy, not security: the server checks every call. While no
 * permission list is loaded the user store answers "allowed", so nothing disappears.
 *
 * It hides with `display: none` rather than removing the node, so the element comes
 * back by itself when permissions load or change after it was mounted.
 */
export const vAccess: Directive<HTMLElement, AccessRequirement> = {
  mounted(el, binding) {
    const user = useUserStore()
    const requirement = shallowRef(binding.value)
    const shownDisplay = el.style.display
    const stop = watchEffect(() => {
      el.style.display = user.can(requirement.value) ? shownDisplay : 'none'
    })
    bindings.set(el, { requirement, stop })
  },
  updated(el, binding) {
    const current = bindings.get(el)
    if (current !== undefined) current.requirement.value = binding.value
  },
  unmounted(el) {
    bindings.get(el)?.stop()
    bindings.delete(el)
  },
}

declare module 'vue' {
  interface GlobalDirectives {
    vAccess: typeof vAccess
  }
}

import { defineAsyncComponent } from 'vue'

// The list block's heavier filter inputs, loaded with the first filter of their kind:
// every signed-in page carries the list block, few lists filter by a date range or a
// tree, and the date picker and tree select are most of Element Plus's weight there.

export const ElDatePicker = defineAsyncComponent(async () => {
  const [module] = await Promise.all([
    import('element-plus/es/components/date-picker/index.mjs'),
    import('element-plus/es/components/date-picker/style/css'),
  ])
  return module.ElDatePicker
})

export const ElTreeSelect = defineAsyncComponent(async () => {
  const [module] = await Promise.all([
    import('element-plus/es/components/tree-select/index.mjs'),
    import('element-plus/es/components/tree-select/style/css'),
  ])
  return module.ElTreeSelect
})

import { computed, ref, type ComputedRef, type InjectionKey, type Ref } from 'vue'
import type { OaProcessDefinition, OaProcessNode } from '@zhongshu/contracts'
import { i18n } from '@/locales'
import type { FieldError } from '@/api/problem'
import { errorsByNode, processWarnings, type ProcessWarning } from './process-checks'
import {
  addBranch,
  allBranches,
  allNodes,
  canMoveBranch,
  canMoveNode,
  canRemoveBranch,
  createNode,
  insertNode,
  moveBranch,
  moveNode,
  removeBranch,
  removeNode,
  type Direction,
  type InsertPoint,
  type NewNodeType,
  type NodeNames,
  type Side,
} from './process-tree'
import type { OaFormSchema } from '@zhongshu/contracts'

/** The process designer's state and actions, shared by the recursive tree through provide/inject. */
export interface ProcessEditor {
  readonly definition: Readonly<Ref<OaProcessDefinition>>
  readonly readonly: Readonly<Ref<boolean>>
  /** The node or branch whose settings are open. */
  readonly selected: Ref<string | null>
  readonly errors: ComputedRef<Map<string, string[]>>
  readonly otherErrors: ComputedRef<FieldError[]>
  readonly warnings: ComputedRef<Map<string, ProcessWarning>>
  insert(at: InsertPoint, type: NewNodeType): void
  remove(id: string): void
  move(id: string, direction: Direction): void
  canMove(id: string, direction: Direction): boolean
  addBranch(routeId: string): void
  removeBranch(id: string): void
  canRemoveBranch(id: string): boolean
  moveBranch(id: string, side: Side): void
  canMoveBranch(id: string, side: Side): boolean
  select(id: string | null): void
  /** Replaces the whole definition (settings saved from the drawer). */
  replace(next: OaProcessDefinition): void
}

export const PROCESS_EDITOR: InjectionKey<ProcessEditor> = Symbol('process-editor')

/** New nodes' names in the language the designer is shown in. */
export function nodeNames(): NodeNames {
  const { t } = i18n.global
  return {
    approval: t('oaProcess.types.approval'),
    cc: t('oaProcess.types.cc'),
    condition: t('oaProcess.types.condition'),
    parallel: t('oaProcess.types.parallel'),
    conditionBranch: (n) => t('oaProcess.conditionBranch', { n }),
    defaultBranch: t('oaProcess.defaultBranch'),
    parallelBranch: (n) => t('oaProcess.parallelBranch', { n }),
  }
}

export function useProcessEditor(
  definition: Ref<OaProcessDefinition>,
  form: Ref<OaFormSchema>,
  serverErrors: Ref<readonly FieldError[]>,
  readonly: Ref<boolean>,
  change: (next: OaProcessDefinition) => void,
): ProcessEditor {
  const selected = ref<string | null>(null)
  const ids = computed(() => new Set([...allNodes(definition.value).map((node) => node.id), ...allBranches(definition.value).map((branch) => branch.id)]))
  const placed = computed(() => errorsByNode(serverErrors.value, ids.value))

  function apply(next: OaProcessDefinition): void {
    if (readonly.value || next === definition.value) return
    change(next)
  }

  return {
    definition,
    readonly,
    selected,
    errors: computed(() => placed.value.byId),
    otherErrors: computed(() => placed.value.other),
    warnings: computed(() => processWarnings(definition.value, form.value)),
    insert(at, type) {
      const node: OaProcessNode = createNode(type, nodeNames())
      apply(insertNode(definition.value, at, node))
      // A new approval or CC node needs its people: open its settings at once.
      if (type === 'approval' || type === 'cc') selected.value = node.id
    },
    remove(id) {
      if (selected.value === id) selected.value = null
      apply(removeNode(definition.value, id))
    },
    move: (id, direction) => apply(moveNode(definition.value, id, direction)),
    canMove: (id, direction) => !readonly.value && canMoveNode(definition.value, id, direction),
    addBranch: (routeId) => apply(addBranch(definition.value, routeId, nodeNames())),
    removeBranch(id) {
      if (selected.value === id) selected.value = null
      apply(removeBranch(definition.value, id))
    },
    canRemoveBranch: (id) => !readonly.value && canRemoveBranch(definition.value, id),
    moveBranch: (id, side) => apply(moveBranch(definition.value, id, side)),
    canMoveBranch: (id, side) => !readonly.value && canMoveBranch(definition.value, id, side),
    select(id) {
      selected.value = id
    },
    replace: apply,
  }
}

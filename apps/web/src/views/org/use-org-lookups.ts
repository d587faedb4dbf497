import { computed, ref } from 'vue'
import { listAllDepartments, type Department } from '@/api/org/departments'
import type { Person } from '@/api/org/people'
import { listPositions, type Position } from '@/api/org/positions'
import { showProblem } from '@/api/show-problem'
import { useUserStore } from '@/stores/user'
import { buildDepartmentTree } from './department-tree'

/**
 * Departments and positions for pickers and for naming ids in tables. Each is read only
 * when the person may read it: an employee allowed to see people but not departments
 * still gets a working page. What /me told about the reader's own department and
 * position names those without the lookups (a sales rep's own row), the rest stay "—".
 */
export function useOrgLookups() {
  const user = useUserStore()
  const departments = ref<Department[]>([])
  const positions = ref<Position[]>([])

  const departmentById = computed(() => new Map(departments.value.map((d) => [d.id, d])))
  const positionById = computed(() => new Map(positions.value.map((p) => [p.id, p])))
  const departmentTree = computed(() => buildDepartmentTree(departments.value))
  const activeDepartmentTree = computed(() =>
    buildDepartmentTree(departments.value.filter((d) => d.status === 'active')),
  )

  async function load(): Promise<void> {
    const [departmentResult, positionResult] = await Promise.allSettled([
      user.can('org:department:read') ? listAllDepartments() : Promise.resolve([]),
      user.can('org:position:read') ? listPositions() : Promise.resolve([]),
    ])
    if (departmentResult.status === 'fulfilled') departments.value = departmentResult.value
    else showProblem(departmentResult.reason)
    if (positionResult.status === 'fulfilled') positions.value = positionResult.value
    else showProblem(positionResult.reason)
  }

  function departmentName(id: string | null): string {
    if (id === null) return '—'
    const own = user.profile?.department
    return departmentById.value.get(id)?.name ?? (own?.id === id ? own.name : '—')
  }

  function positionName(id: string | null): string {
    if (id === null) return '—'
    return positionById.value.get(id)?.name ?? '—'
  }

  /** A person's position by name; the reader's own from /me when positions are not readable. */
  function positionOf(person: Pick<Person, 'id' | 'positionId'>): string {
    if (person.positionId === null) return '—'
    const named = positionById.value.get(person.positionId)?.name
    if (named !== undefined) return named
    return person.id === user.profile?.id ? (user.profile.positionName ?? '—') : '—'
  }

  return {
    departments,
    positions,
    departmentById,
    departmentTree,
    activeDepartmentTree,
    load,
    departmentName,
    positionName,
    positionOf,
  }
}

import { reactive } from 'vue'
import { fetchDepartment } from '@/api/org/departments'
import { fetchPerson } from '@/api/org/people'

/**
 * Names for the people and departments a submitted form names by id, each looked up once
 * per page however often it appears. One the reader may not see (outside their data
 * scope, answered 404) stays unnamed and reads "—".
 */
export function useReferenceNames() {
  const names = reactive(new Map<string, string | null>())
  const asked = new Set<string>()

  function ask(kind: 'person' | 'department', id: string): void {
    const key = `${kind}:${id}`
    if (asked.has(key)) return
    asked.add(key)
    const lookup = kind === 'person' ? fetchPerson(id) : fetchDepartment(id)
    lookup.then(
      (found) => names.set(key, found.name),
      () => names.set(key, null),
    )
  }

  function nameOf(kind: 'person' | 'department', id: string): string {
    ask(kind, id)
    return names.get(`${kind}:${id}`) ?? '—'
  }

  return { nameOf }
}

import { ref, type Ref } from 'vue'
import { searchDirectory, type DirectoryEntry } from '@/api/org/directory'
import { showProblem } from '@/api/show-problem'

export type PersonOption = Pick<DirectoryEntry, 'id' | 'name'> & Partial<Pick<DirectoryEntry, 'employeeNo' | 'departmentName'>>

/** How a colleague reads in a picker: 王芳 · 运营部. */
export function optionLabel(option: PersonOption): string {
  return option.departmentName ? `${option.name} · ${option.departmentName}` : option.name
}

/**
 * The options of a people picker: a search of the company directory, the latest search
 * winning, with the chosen people kept among them (their tags keep their names) and
 * `known` people (names the page already has) named without a search.
 */
export function useDirectoryOptions(chosen: () => readonly string[], known: () => readonly PersonOption[] = () => []) {
  const options: Ref<PersonOption[]> = ref([])
  const loading = ref(false)
  let latest: AbortController | undefined

  function keepChosen(found: readonly PersonOption[]): PersonOption[] {
    const ids = new Set(found.map((person) => person.id))
    const kept = [...options.value, ...known()].filter((option) => chosen().includes(option.id) && !ids.has(option.id))
    const unique = new Map([...kept, ...found].map((option) => [option.id, option]))
    return [...unique.values()]
  }

  async function search(text: string): Promise<void> {
    latest?.abort()
    const controller = new AbortController()
    latest = controller
    loading.value = true
    try {
      const query = text.trim() === '' ? { pageSize: 20 } : { search: text.trim(), pageSize: 20 }
      const page = await searchDirectory(query, controller.signal)
      if (latest === controller) options.value = keepChosen(page.items)
    } catch (error) {
      if (latest === controller) showProblem(error)
    } finally {
      if (latest === controller) loading.value = false
    }
  }

  /** Names for chosen ids that no option has yet (a value set from the address, or by the page). */
  function nameKnown(): void {
    const missing = chosen().filter((id) => !options.value.some((option) => option.id === id))
    const named = known().filter((person) => missing.includes(person.id))
    if (named.length > 0) options.value = [...named, ...options.value]
  }

  return { options, loading, search, nameKnown }
}

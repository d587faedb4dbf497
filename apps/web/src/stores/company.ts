import { ref } from 'vue'
import { defineStore } from 'pinia'
import { fetchCompanyProfile, type CompanyProfile } from '@/api/platform/company'

/** The company this installation runs for: the header shows its name, the dashboard all of it. */
export const useCompanyStore = defineStore('company', () => {
  const profile = ref<CompanyProfile | null>(null)
  /** The last failure, shown by the dashboard card with a retry; cleared by a success. */
  const failure = ref<unknown>(null)
  const loading = ref(false)

  let inFlight: Promise<void> | null = null

  /** Loads once for everyone who asks at the same time; the outcome is this store's state. */
  function load(): Promise<void> {
    inFlight ??= (async () => {
      loading.value = true
      try {
        profile.value = await fetchCompanyProfile()
        failure.value = null
      } catch (error) {
        failure.value = error
      } finally {
        loading.value = false
        inFlight = null
      }
    })()
    return inFlight
  }

  return { profile, failure, loading, load }
})

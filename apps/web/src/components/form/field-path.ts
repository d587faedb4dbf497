/**
 * Field paths as the server names them in problem details: `name`, `roleCodes[1]`,
 * `lines[2].quantity`. A field shows its own errors and those of anything inside it.
 */
export function pathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = []
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part)
    if (match === null) {
      segments.push(part)
      continue
    }
    if (match[1] !== '') segments.push(match[1]!)
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]))
  }
  return segments
}

/** Whether an error at `errorPath` belongs under the field at `fieldPath`. */
export function isWithin(errorPath: string, fieldPath: string): boolean {
  return errorPath === fieldPath || errorPath.startsWith(`${fieldPath}.`) || errorPath.startsWith(`${fieldPath}[`)
}

/** The value at a path of a form's values; undefined where the path leads nowhere. */
export function valueAt(values: unknown, path: string): unknown {
  let value = values
  for (const segment of pathSegments(path)) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<string | number, unknown>)[segment]
  }
  return value
}

/**
 * Every event the system publishes, declared once: event type -> { version, payload }.
 *
 * A context declares its events by augmenting this interface from a file of its own
 * in this folder (`crm.events.ts`), and registers the versions at run time with
 * `declareEventTypes` so start-up can refuse a handler for a type nobody declared:
 *
 *   declare module './event-catalogue.js' {
 *     interface EventCatalogue {
 *       'crm.contract.signed': { version: 1; payload: { contractId: string; amount: string } };
 *     }
 *   }
 *   declareEventTypes({ 'crm.contract.signed': 1 });
 *
 * Type names follow `<context>.<aggregate>.<past-tense>`. Emitting a type that is not
 * here, or a payload of the wrong shape, does not compile.
 */
// The catalogue starts empty on purpose: each context adds its own entries by
// declaration merging, so this interface is the one place every event is listed.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EventCatalogue {}

/** The shape each catalogue entry must have. */
export interface EventDeclaration {
  version: number;
  payload: object;
}

/** Every declared event type. */
export type EventType = keyof EventCatalogue & string;

export type EventPayload<T extends EventType> = EventCatalogue[T] extends { payload: infer P } ? P : never;

export type EventVersion<T extends EventType> = EventCatalogue[T] extends { version: infer V } ? V : never;

/** `<context>.<aggregate>.<past-tense>`: lower-case words joined by hyphens. */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;

const declaredVersions = new Map<string, number>();

/**
 * The run-time half of a declaration (interfaces vanish when compiled): records each
 * type's current version. Typed against the catalogue, so it cannot name a type or a
 * version the interface does not hold.
 */
export function declareEventTypes(versions: { [T in EventType]?: EventVersion<T> }): void {
  for (const [type, version] of Object.entries(versions) as Array<[string, number]>) {
    if (!EVENT_TYPE_PATTERN.test(type)) {
      throw new Error(`Event type "${type}" is not <context>.<aggregate>.<past-tense>`);
    }
    const known = declaredVersions.get(type);
    if (known !== undefined && known !== version) {
      throw new Error(`Event type "${type}" is declared twice, as version ${known} and ${version}`);
    }
    declaredVersions.set(type, version);
  }
}

/** The declared version of `type`, or undefined when no context declared it. */
export function declaredEventVersion(type: string): number | undefined {
  return declaredVersions.get(type);
}

/** The context that owns an event type: its first segment (`crm` of `crm.contract.signed`). */
export function eventContext(type: string): string {
  return type.slice(0, type.indexOf('.'));
}

/** The aggregate kind of an event type: `crm.contract` of `crm.contract.signed`. */
export function eventAggregateType(type: string): string {
  return type.slice(0, type.lastIndexOf('.'));
}

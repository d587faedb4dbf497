export { BOUNDED_CONTEXTS, PLATFORM_SCHEMA } from './contexts.js';
export type { BoundedContext } from './contexts.js';
export { PROBLEM_CONTENT_TYPE } from './http/problem-details.js';
export type { FieldError, ProblemDetails } from './http/problem-details.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './http/page.js';
export type { Page } from './http/page.js';
export {
  declareEventTypes,
  declaredEventVersion,
  eventAggregateType,
  eventContext,
  EVENT_TYPE_PATTERN,
} from './events/event-catalogue.js';
export type { EventCatalogue, EventDeclaration, EventPayload, EventType, EventVersion } from './events/event-catalogue.js';
export type { EventEnvelope } from './events/event-envelope.js';
export { ORG_DIRECTORY } from './ports/org-directory.js';
export type { DepartmentLeader, OrgDirectory, PersonRef } from './ports/org-directory.js';

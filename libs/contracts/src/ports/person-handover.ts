/**
 * Work a person holds in another context, and where it goes when they leave: what org's
 * offboarding dialog shows before the offboarding is confirmed. Org asks through this
 * port and knows nothing of who answers (OA today: a leaver's open approval tasks; a
 * context that also moves a leaver's work, CRM's customers, answers through it too).
 * Like every port it answers on the caller's transaction connection and does not write
 * (see `org-directory.ts`).
 */
export interface HandoverItem {
  /** The context that holds the work (`oa`). */
  context: string;
  /** What kind of work (`oa.task`), for the reader's icon and grouping. */
  kind: string;
  /** The work's own id (the task's). */
  id: string;
  /** What a person calls it: the request's title. */
  title: string;
  /** Its human number (`OA-2026-000123`), null when it has none. */
  reference: string | null;
  /** Where in it the person stands (the approval step's name). */
  step: string | null;
  /** The SPA address of the record, null when it has no page. */
  link: string | null;
  /** Who takes it over when the person leaves; null when nobody can (an administrator must act). */
  movesTo: { id: string; name: string } | null;
}

export interface PersonHandover {
  /** The person's open work now, each item with whom it would move to if they left now. */
  openWork(personId: string): Promise<HandoverItem[]>;
}

export const PERSON_HANDOVER = Symbol.for('zhongshu.person-handover');

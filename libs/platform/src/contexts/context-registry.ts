import { Injectable } from '@nestjs/common';
import { mergeMenus, menuFor, type MenuEntry, type ServedMenuNode } from './menu.js';

/** What a context declares about itself beyond its Nest providers. */
export interface ContextManifest {
  /** The context's name, which is also its PostgreSQL schema: `org`, `crm`. */
  name: string;
  /** Its part of the sidebar. */
  menu?: readonly MenuEntry[];
  /**
   * How the audit log names this context's records: entity type (its `schema.table`, as
   * the audit trail records it) to the column people know the record by, `{ 'org.person':
   * 'name' }`. Ids of these records in an audit page (the entity, ids in its changes, the
   * actor) are answered with their names, so the log reads 李明 where it stored a UUID.
   */
  auditNames?: Readonly<Record<string, string>>;
}

const TABLE = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;
const COLUMN = /^[a-z][a-z0-9_]*$/;

/**
 * The contexts loaded in this process, each registered by its own module
 * (`defineContext`), so the platform can serve what they contribute (the menu) without
 * a central list that names them.
 */
@Injectable()
export class ContextRegistry {
  private readonly manifests = new Map<string, ContextManifest>();
  private merged: MenuEntry[] | undefined;

  register(manifest: ContextManifest): void {
    if (this.manifests.has(manifest.name)) throw new Error(`Context "${manifest.name}" is loaded twice`);
    for (const [type, column] of Object.entries(manifest.auditNames ?? {})) {
      if (!TABLE.test(type) || !type.startsWith(`${manifest.name}.`) || !COLUMN.test(column)) {
        throw new Error(`Context "${manifest.name}" names its audit records by "${type}" -> "${column}": expected "${manifest.name}.<table>" and a column name`);
      }
    }
    this.manifests.set(manifest.name, manifest);
    this.merged = undefined;
  }

  names(): string[] {
    return [...this.manifests.keys()].sort();
  }

  /** Every named record type of the loaded contexts: `schema.table` to its name column. */
  auditNames(): ReadonlyMap<string, string> {
    return new Map([...this.manifests.values()].flatMap((manifest) => Object.entries(manifest.auditNames ?? {})));
  }

  /** The whole menu of every loaded context, merged and ordered. */
  menu(): readonly MenuEntry[] {
    this.merged ??= mergeMenus([...this.manifests.values()].map((manifest) => manifest.menu ?? []));
    return this.merged;
  }

  /** The part of the menu a person with these permissions may open. */
  menuFor(permissions: ReadonlySet<string>): ServedMenuNode[] {
    return menuFor(this.menu(), permissions);
  }
}

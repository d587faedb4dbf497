import { Injectable } from '@nestjs/common';
import { mergeMenus, menuFor, type MenuEntry, type ServedMenuNode } from './menu.js';

/** What a context declares about itself beyond its Nest providers. */
export interface ContextManifest {
  /** The context's name, which is also its PostgreSQL schema: `org`, `crm`. */
  name: string;
  /** Its part of the sidebar. */
  menu?: readonly MenuEntry[];
}

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
    this.manifests.set(manifest.name, manifest);
    this.merged = undefined;
  }

  names(): string[] {
    return [...this.manifests.keys()].sort();
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

import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PERMISSION } from '@zhongshu/platform';

/**
 * Granted to every signed-in, active person whatever their roles: reading their own
 * profile and menu, signing out and changing their own password.
 */
export const BASELINE_PERMISSIONS = ['org:me:read', 'org:password:change', 'platform:access:explain'] as const;

/**
 * Every permission code some route of this application requires, found from the
 * routes themselves, so roles can only be given codes that mean something and the
 * administrator role covers routes added later without a data migration.
 */
@Injectable()
export class PermissionCatalogue {
  private codes: ReadonlySet<string> | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  all(): ReadonlySet<string> {
    this.codes ??= this.discover();
    return this.codes;
  }

  has(code: string): boolean {
    return this.all().has(code);
  }

  private discover(): ReadonlySet<string> {
    const codes = new Set<string>(BASELINE_PERMISSIONS);
    for (const wrapper of this.discovery.getControllers()) {
      const metatype = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!metatype) continue;
      const classCode = this.reflector.get<string | undefined>(PERMISSION, metatype);
      if (classCode) codes.add(classCode);
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const code = this.reflector.get<string | undefined>(PERMISSION, prototype[method] as Function);
        if (code) codes.add(code);
      }
    }
    return codes;
  }
}

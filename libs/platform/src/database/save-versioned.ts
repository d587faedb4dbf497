import type { EntityManager } from 'typeorm';
import { RequestContext } from '../context/request-context.js';
import { PlatformError } from '../errors/domain-error.js';
import type { BaseEntity } from './base.entity.js';

/**
 * Writes a changed entity only if nobody else has changed it since the caller read
 * `expectedVersion`: `UPDATE ... WHERE id = $1 AND version = $2`. A stale write answers
 * 409 and changes nothing. Checking the version in the WHERE clause, not only before
 * the update, is what makes two concurrent editors safe.
 */
export async function saveVersioned<E extends BaseEntity>(
  manager: EntityManager,
  entity: E,
  expectedVersion: number,
  entityLabel = entity.constructor.name,
): Promise<E> {
  if (entity.version !== expectedVersion) {
    throw PlatformError.versionConflict(entityLabel, entity.id, expectedVersion, entity.version);
  }
  const metadata = manager.connection.getMetadata(entity.constructor);
  const values: Record<string, unknown> = {};
  for (const column of metadata.columns) {
    if (column.isPrimary || column.isCreateDate || column.isUpdateDate || column.isVersion || column.relationMetadata) {
      continue;
    }
    if (column.propertyName === 'createdBy') continue;
    values[column.propertyName] = column.getEntityValue(entity);
  }
  // Query-builder updates bypass entity subscribers, so the actor is set here.
  values.updatedBy = RequestContext.actorId() ?? entity.updatedBy;
  const result = await manager
    .createQueryBuilder()
    .update(metadata.target)
    .set(values)
    .where('id = :id AND version = :version', { id: entity.id, version: expectedVersion })
    .returning('version, updated_at')
    .updateEntity(false)
    .execute();
  if (result.affected === 0) {
    const row = await manager
      .createQueryBuilder()
      .select('t.version', 'version')
      .from(metadata.target, 't')
      .where('t.id = :id', { id: entity.id })
      .getRawOne<{ version: number }>();
    if (!row) throw PlatformError.notFound(entityLabel, entity.id);
    throw PlatformError.versionConflict(entityLabel, entity.id, expectedVersion, row.version);
  }
  const [returned] = result.raw as Array<{ version: number; updated_at: Date }>;
  entity.version = returned.version;
  entity.updatedAt = returned.updated_at;
  return entity;
}

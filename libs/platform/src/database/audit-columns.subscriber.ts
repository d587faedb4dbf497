import type { EntitySubscriberInterface, InsertEvent, UpdateEvent } from 'typeorm';
import { RequestContext } from '../context/request-context.js';
import { BaseEntity } from './base.entity.js';
import { newId } from './ids.js';

/** Fills id, created_by and updated_by on every save of a `BaseEntity`, from the acting user. */
export class AuditColumnsSubscriber implements EntitySubscriberInterface<BaseEntity> {
  beforeInsert(event: InsertEvent<BaseEntity>): void {
    const entity = event.entity;
    if (!(entity instanceof BaseEntity)) return;
    entity.id ??= newId();
    const actor = RequestContext.actorId() ?? null;
    entity.createdBy ??= actor;
    entity.updatedBy ??= actor;
  }

  beforeUpdate(event: UpdateEvent<BaseEntity>): void {
    const entity = event.entity;
    if (!(entity instanceof BaseEntity)) return;
    entity.updatedBy = RequestContext.actorId() ?? entity.updatedBy ?? null;
  }
}

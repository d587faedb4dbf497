import { describe, expect, it } from '@jest/globals';
import { RequestContext } from '../context/request-context.js';
import { AuditScope, auditSettings } from './audit-scope.js';

describe('what the change trigger is told', () => {
  it('says nothing outside any request or job', () => {
    expect(auditSettings()).toBeUndefined();
  });

  it('carries the actor, the request and the action of the request being served', () => {
    const settings = RequestContext.run({ requestId: 'req-1', correlationId: 'cor-1', actorId: 'user-1', ip: '10.0.0.1', userAgent: 'ua' }, () =>
      AuditScope.run({ action: 'org:person:update' }, () => {
        AuditScope.setActorUsername('admin');
        return auditSettings();
      }),
    );
    expect(JSON.parse(settings as string)).toEqual({
      actorId: 'user-1',
      actorUsername: 'admin',
      ip: '10.0.0.1',
      userAgent: 'ua',
      requestId: 'req-1',
      correlationId: 'cor-1',
      causationId: null,
      action: 'org:person:update',
    });
  });

  it('names the event an event handler reacts to as the cause of its changes', () => {
    const settings = RequestContext.run({ requestId: 'job-1', correlationId: 'deal-7', causationId: 'event-3' }, () =>
      AuditScope.run({ action: 'event:erp.open-sales-order' }, () => auditSettings()),
    );
    expect(JSON.parse(settings as string)).toMatchObject({ correlationId: 'deal-7', causationId: 'event-3', action: 'event:erp.open-sales-order', actorId: null });
  });
});

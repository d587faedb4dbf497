import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { RequestContext, type RequestContextStore } from '../context/request-context.js';
import { addWriteAnswerHook, requestContextOf } from '../http/request-context.hooks.js';
import type { TransactionRider } from '../database/transaction-riders.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { AuditTrail, auditRowStatement, type AuditRecord } from './audit-trail.service.js';
import { isDatabaseUnavailable } from '../errors/problem.js';

function requestRow(store: RequestContextStore, outcome: AuditRecord['outcome']): AuditRecord {
  const audit = store.requestAudit!;
  return {
    kind: 'request',
    action: store.action ?? 'unknown',
    entityType: audit.entityType,
    entityId: audit.entityId,
    outcome,
    detail: outcome === 'failure' ? audit.failure : undefined,
  };
}

/**
 * Writes the request row of a state-changing request (the permission guard opens it,
 * RequestAudit in the request context) in the request's own transaction, in the round
 * trip of its COMMIT (a savepoint's release commits nothing and carries nothing): the
 * change and the row that says who asked for it commit together or not at all, so a
 * client never gets a 500 for a change that was saved.
 */
const REQUEST_ROW_AT_COMMIT: TransactionRider = {
  commit() {
    const store = RequestContext.current();
    const audit = store?.requestAudit;
    if (!store || !audit || audit.recorded || audit.byHandler) return undefined;
    audit.recorded = true;
    return auditRowStatement(requestRow(store, 'success'), store);
  },
};

/**
 * What the commit did not carry, once the answer is known (before it is sent): the
 * row of a request that failed, or of one that succeeded without a transaction.
 */
@Injectable()
export class RequestAuditRecorder implements OnModuleInit {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly trail: AuditTrail,
    private readonly http: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    this.uow.ride(REQUEST_ROW_AT_COMMIT);
    const fastify = this.http.httpAdapter?.getInstance() as FastifyInstance | undefined;
    // On the routes that can change state only (a read has no request row), and a
    // callback hook that returns at once when there is nothing to write: an async hook
    // would cost every request a promise.
    if (!fastify) return;
    addWriteAnswerHook(fastify, (request, _reply, payload, done) => {
      const store = requestContextOf(request);
      const audit = store?.requestAudit;
      if (!store || !audit || audit.byHandler || (audit.failure === undefined && audit.recorded)) {
        done(null, payload);
        return;
      }
      const outcome = audit.failure === undefined ? 'success' : 'failure';
      this.trail.record(requestRow(store, outcome), store).then(
        () => done(null, payload),
        (error: unknown) => {
          // Nothing was changed without its row (that went with the commit): losing this
          // row must not turn the answer into an error. A database outage is logged once
          // by the problem filter, not again for every request's row.
          if (!isDatabaseUnavailable(error)) this.logger.error(`could not write the audit row for ${store.action}: ${String(error)}`);
          done(null, payload);
        },
      );
    });
  }
}

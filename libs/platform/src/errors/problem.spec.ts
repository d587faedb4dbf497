import { BadRequestException, HttpStatus, NotFoundException } from '@nestjs/common';
import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { PlatformError } from './domain-error.js';
import { toProblem } from './problem.js';
import { flattenValidationErrors, RequestValidationError } from './request-validation.error.js';

const dbError = (code: string, constraint?: string) =>
  new QueryFailedError('INSERT ...', [], Object.assign(new Error('db'), { code, constraint }));

describe('toProblem', () => {
  it('maps a domain error to its status, code and detail', () => {
    const { problem, unexpected } = toProblem(PlatformError.versionConflict('Contract', 'c-1', 3, 4), 'req-1', '/api/v1/x');
    expect(problem).toMatchObject({
      status: 409,
      title: 'Conflict',
      code: 'platform.version-conflict',
      type: 'urn:zhongshu:problem:platform:version-conflict',
      requestId: 'req-1',
      instance: '/api/v1/x',
    });
    expect(problem.detail).toContain('version 3');
    expect(unexpected).toBeUndefined();
  });

  it('keeps field errors of a validation failure', () => {
    const { problem } = toProblem(new RequestValidationError([{ field: 'lines[0].quantity', message: 'must be positive' }]));
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([{ field: 'lines[0].quantity', message: 'must be positive' }]);
  });

  it('maps Nest HTTP exceptions', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x')).problem).toMatchObject({ status: 404, detail: 'Cannot GET /x' });
    expect(toProblem(new BadRequestException(['a is bad', 'b is bad'])).problem.errors).toHaveLength(2);
  });

  it.each([
    ['23505', HttpStatus.CONFLICT, 'platform.duplicate'],
    ['23503', HttpStatus.CONFLICT, 'platform.invalid-reference'],
    ['22P02', HttpStatus.BAD_REQUEST, 'platform.invalid-value'],
    ['23514', HttpStatus.UNPROCESSABLE_ENTITY, 'platform.rule-violated'],
    ['40001', HttpStatus.CONFLICT, 'platform.concurrent-update'],
  ])('maps PostgreSQL error %s to a client error', (code, status, problemCode) => {
    const { problem, unexpected } = toProblem(dbError(code, 'some_constraint'));
    expect(problem).toMatchObject({ status, code: problemCode });
    expect(unexpected).toBeUndefined();
  });

  it('turns anything unforeseen into a 500 that reveals nothing but the request id', () => {
    const cause = new Error('password=hunter2 at /srv/app.ts:1');
    const { problem, unexpected } = toProblem(cause, 'req-9');
    expect(problem.status).toBe(500);
    expect(problem.detail).toContain('req-9');
    expect(JSON.stringify(problem)).not.toContain('hunter2');
    expect(unexpected).toBe(cause);
    expect(toProblem(dbError('XX000')).problem.status).toBe(500);
  });

  it('maps Fastify client errors such as a too large body', () => {
    const error = Object.assign(new Error('Request body is too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
    expect(toProblem(error).problem).toMatchObject({ status: 413, title: 'Payload Too Large' });
  });
});

describe('flattenValidationErrors', () => {
  it('writes nested and array paths the way a form names its fields', () => {
    const errors = flattenValidationErrors([
      {
        property: 'lines',
        children: [
          { property: '2', children: [{ property: 'quantity', constraints: { isPositive: 'quantity must be a positive number' }, children: [] }] },
        ],
      },
      { property: 'customerId', constraints: { isUuid: 'customerId must be a UUID' }, children: [] },
    ]);
    expect(errors).toEqual([
      { field: 'lines[2].quantity', message: 'must be a positive number' },
      { field: 'customerId', message: 'must be a UUID' },
    ]);
  });
});

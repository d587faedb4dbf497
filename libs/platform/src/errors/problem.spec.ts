import { BadRequestException, HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
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

  it('maps Nest HTTP exceptions, each with a code', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x')).problem).toMatchObject({ status: 404, code: 'http.route-not-found', detail: 'There is no GET /x in this API' });
    const bad = toProblem(new BadRequestException(['a is bad', 'b is bad'])).problem;
    expect(bad.errors).toHaveLength(2);
    expect(bad.code).toBe('http.bad-request');
    expect(toProblem(new HttpException('nope', HttpStatus.METHOD_NOT_ALLOWED)).problem.code).toBe('http.method-not-allowed');
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

  const fastifyError = (code: string, statusCode: number, message = 'raw') => Object.assign(new Error(message), { code, statusCode });

  it.each([
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 'http.body-too-large'],
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 'http.malformed-json'],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 'http.empty-body'],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'http.unsupported-media-type'],
    ['FST_ERR_SOMETHING_NEW', 400, 'http.bad-request'],
  ])('maps Fastify client error %s, raw or wrapped by Nest, to a stable code', (code, status, problemCode) => {
    expect(toProblem(fastifyError(code, status)).problem).toMatchObject({ status, code: problemCode });
    const wrapped = new HttpException('raw', status, { cause: fastifyError(code, status) });
    expect(toProblem(wrapped).problem).toMatchObject({ status, code: problemCode });
  });

  it('does not repeat an over-long path, not even as the instance', () => {
    const path = `/api/v1/x/${'a'.repeat(5000)}`;
    const { problem } = toProblem(fastifyError('FST_ERR_MAX_PARAM_LENGTH', 414, `'${path}' is exceeding the max param length`), 'req-1', path);
    expect(problem).toMatchObject({ status: 414, code: 'http.uri-too-long', requestId: 'req-1' });
    expect(JSON.stringify(problem)).not.toContain('aaaa');
  });

  it('gives the unexpected 500 its code', () => {
    expect(toProblem(new Error('x')).problem.code).toBe('platform.unexpected');
  });
});

describe('flattenValidationErrors', () => {
  it('says a missing field is required and a wrong type only its type, whatever else the rules of the field say', () => {
    const errors = flattenValidationErrors([
      { property: 'name', value: undefined, constraints: { isLength: 'name must be shorter than or equal to 200 characters', isString: 'name must be a string' }, children: [] },
      { property: 'version', value: '3', constraints: { min: 'version must not be less than 1', isInt: 'version must be an integer number' }, children: [] },
      { property: 'note', value: null, constraints: { isString: 'note must be a string' }, children: [] },
      { property: 'code', value: 'x y', constraints: { matches: 'code must be letters' }, children: [] },
      { property: 'qty', value: null, constraints: { whitelistValidation: 'property qty should not exist' }, children: [] },
    ]);
    expect(errors).toEqual([
      { field: 'name', message: 'is required' },
      { field: 'version', message: 'must be an integer' },
      { field: 'note', message: 'is required' },
      { field: 'code', message: 'must be letters' },
      { field: 'qty', message: 'property qty should not exist' },
    ]);
  });

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

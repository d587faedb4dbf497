import { describe, expect, it } from '@jest/globals';
import type { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { RequestValidationError } from '../errors/request-validation.error.js';
import { PageQueryDto } from '../paging/page-query.dto.js';
import { applyPlan, buildPlan, createValidationPipe } from './validation.pipe.js';

class ThingQueryDto extends PageQueryDto {
  @IsOptional() @IsString() @Length(1, 10) search?: string;
  @IsOptional() @IsUUID() ownerId?: string;
  @IsOptional() @IsIn(['open', 'closed']) status?: string;
  @IsOptional() @IsISO8601() from?: string;
}

class ThingBodyDto {
  @IsInt() @Min(1) version!: number;
  @Matches(/^[A-Z]{2}-\d+$/) code!: string;
  @IsOptional() @ValidateIf((_, value) => value !== null) @IsEmail() email?: string | null;
  @IsOptional() @IsArray() @ArrayMaxSize(3) @IsString({ each: true }) tags?: string[];
}

class LineDto {
  @IsInt() quantity!: number;
}

class OrderDto {
  @IsArray() @ValidateNested({ each: true }) @Type(() => LineDto) lines!: LineDto[];
}

/** A free-form object, such as a submitted form's values (checked later against its own schema). */
class FormDataDto {
  @IsObject() formData!: Record<string, unknown>;
  @IsOptional() @IsString() title?: string;
}

class LimitDto {
  @IsOptional() @Type(() => Number) @IsInt() @Max(5) limit?: number;
}

const query = (metatype: Function): ArgumentMetadata => ({ type: 'query', metatype: metatype as never });
const body = (metatype: Function): ArgumentMetadata => ({ type: 'body', metatype: metatype as never });

/** What Nest's ValidationPipe (class-transformer and class-validator) answers, or the fields it refuses. */
async function fullPipe(value: unknown, metadata: ArgumentMetadata): Promise<{ value?: unknown; refused?: string[] }> {
  const pipe = createValidationPipe();
  // The compiled pipe's own base class: the answer the plan must agree with.
  const base = Object.getPrototypeOf(Object.getPrototypeOf(pipe)) as { transform(this: unknown, value: unknown, metadata: ArgumentMetadata): Promise<unknown> };
  try {
    return { value: { ...((await base.transform.call(pipe, value, metadata)) as object) } };
  } catch (error) {
    if (error instanceof RequestValidationError) return { refused: (error.errors ?? []).map((field) => field.field).sort() };
    throw error;
  }
}

describe('the compiled validation plan', () => {
  it('gives the DTO defaults and converts @Type(() => Number) fields, as class-transformer does, as a plain object', () => {
    const plan = buildPlan(ThingQueryDto)!;
    const answer = applyPlan(plan, { page: '3', search: '螺丝' });
    expect(answer).toEqual({ page: 3, pageSize: 20, search: '螺丝' });
    expect(Object.getPrototypeOf(answer)).toBe(Object.prototype);
    expect(applyPlan(plan, undefined)).toEqual({ page: 1, pageSize: 20 });
  });

  it('does not vouch for anything class-validator would refuse or it cannot express, so the full pipe answers', () => {
    const plan = buildPlan(ThingQueryDto)!;
    expect(applyPlan(plan, { pageSize: '1000' })).toBeUndefined();
    expect(applyPlan(plan, { page: ['1', '2'] })).toBeUndefined();
    expect(applyPlan(plan, { unknown: 'x' })).toBeUndefined();
    expect(applyPlan(plan, { status: 'lost' })).toBeUndefined();
    expect(applyPlan(plan, { search: '' })).toBeUndefined();
    expect(applyPlan(plan, { ownerId: 'not-a-uuid' })).toBeUndefined();
    expect(buildPlan(OrderDto)).toBeNull();
  });

  it('agrees with class-transformer and class-validator on every input it accepts, and the pipe answers like them on all', async () => {
    const pipe = createValidationPipe();
    const cases: Array<[Function, 'query' | 'body', unknown]> = [
      [ThingQueryDto, 'query', {}],
      [ThingQueryDto, 'query', { page: '2', pageSize: '50', sort: '-createdAt,name' }],
      [ThingQueryDto, 'query', { page: '0' }],
      [ThingQueryDto, 'query', { page: '' }],
      [ThingQueryDto, 'query', { page: '1.5' }],
      [ThingQueryDto, 'query', { sort: 'name;drop' }],
      [ThingQueryDto, 'query', { search: '一二三四五六七八九十' }],
      [ThingQueryDto, 'query', { search: '一二三四五六七八九十一' }],
      [ThingQueryDto, 'query', { search: '😀😀😀😀😀😀😀😀😀😀' }],
      [ThingQueryDto, 'query', { ownerId: '01a23240-af50-76fb-88dc-795ec2b426a7', status: 'open', from: '2026-11-30T08:00:00Z' }],
      [ThingQueryDto, 'query', { from: 'yesterday' }],
      [ThingQueryDto, 'query', { extra: '1' }],
      [ThingBodyDto, 'body', { version: 2, code: 'AB-12' }],
      [ThingBodyDto, 'body', { version: 2, code: 'AB-12', email: null, tags: ['a', 'b'] }],
      [ThingBodyDto, 'body', { version: 2, code: 'AB-12', email: 'x@example.com', tags: ['a', 'b', 'c', 'd'] }],
      [ThingBodyDto, 'body', { version: '2', code: 'AB-12' }],
      [ThingBodyDto, 'body', { version: 2, code: 'ab-12', tags: [1] }],
      [ThingBodyDto, 'body', { version: 2, code: 'AB-12', email: 'nope' }],
      [ThingBodyDto, 'body', { code: 'AB-12', tags: 'a' }],
      [FormDataDto, 'body', { formData: { subject: '办公椅', lines: [{ item: '椅子', quantity: 2 }], period: { start: '2026-12-08', end: '2026-12-09' } }, title: '采购' }],
      [FormDataDto, 'body', { formData: {} }],
      [FormDataDto, 'body', { formData: ['a'] }],
      [FormDataDto, 'body', { formData: 'subject' }],
      [FormDataDto, 'body', { title: 'no form' }],
      [LimitDto, 'query', { limit: '5' }],
      [LimitDto, 'query', { limit: 'five' }],
      [OrderDto, 'body', { lines: [{ quantity: 1 }, { quantity: 'x' }] }],
    ];
    let vouchedFor = 0;
    for (const [metatype, type, value] of cases) {
      const metadata = type === 'query' ? query(metatype) : body(metatype);
      const expected = await fullPipe(structuredClone(value), metadata);
      const plan = buildPlan(metatype as never);
      const vouched = plan ? applyPlan(plan, structuredClone(value)) : undefined;
      if (vouched !== undefined) {
        vouchedFor += 1;
        expect({ value: vouched }).toEqual(expected);
      }
      let answered: { value?: unknown; refused?: string[] };
      try {
        answered = { value: { ...((await pipe.transform(structuredClone(value), metadata)) as object) } };
      } catch (error) {
        answered = { refused: ((error as RequestValidationError).errors ?? []).map((field) => field.field).sort() };
      }
      expect(answered).toEqual(expected);
    }
    // The plan answered the valid inputs itself: the agreement above is not vacuous.
    expect(vouchedFor).toBe(10);
  });
});

import { HttpStatus } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { FieldError } from '@zhongshu/contracts';
import { DomainError } from './domain-error.js';

/** A request body, query or path that does not match its DTO; lists every bad field. */
export class RequestValidationError extends DomainError {
  readonly context = 'platform';

  constructor(errors: FieldError[]) {
    const fields = [...new Set(errors.map((error) => error.field))];
    super('validation-failed', HttpStatus.BAD_REQUEST, `The request has invalid fields: ${fields.join(', ')}`, errors);
  }

  static fromClassValidator(errors: ValidationError[]): RequestValidationError {
    return new RequestValidationError(flattenValidationErrors(errors));
  }
}

/**
 * class-validator's checks that say what type a value must have. When a value of the
 * wrong type fails one, the other rules of the field (a length, a minimum) say nothing
 * useful about it, so only the type is reported.
 */
const TYPE_CHECKS = new Set([
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'isDate',
  'isDateString',
  'isISO8601',
  'isUuid',
  'isEnum',
  'isIn',
  'isNumberString',
  'isDecimal',
  'nestedValidation',
]);

/** Clearer words for a few of class-validator's messages. */
const MESSAGES: Record<string, string> = {
  isInt: 'must be an integer',
  isNumber: 'must be a number',
  isBoolean: 'must be true or false',
};

/**
 * Turns class-validator's tree into `lines[2].quantity`-style paths, one entry a message,
 * and makes the messages fit the fault: a field that is missing (or null) is "required",
 * whatever else its rules say; a value of the wrong type is told its type only.
 * Needs the errors built with their values (`validationError.value: true`); without a
 * value a field counts as present.
 */
export function flattenValidationErrors(errors: ValidationError[], parentPath = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const path = joinPath(parentPath, error.property);
    const constraints = Object.entries(error.constraints ?? {});
    const missing = 'value' in error && (error.value === undefined || error.value === null);
    if (constraints.length > 0 && missing && !constraints.some(([name]) => name === 'whitelistValidation')) {
      result.push({ field: path, message: 'is required' });
      continue;
    }
    const typeFailures = constraints.filter(([name]) => TYPE_CHECKS.has(name));
    const reported = typeFailures.length > 0 ? typeFailures : constraints;
    for (const [name, message] of reported) {
      result.push({ field: path, message: MESSAGES[name] ?? unprefixed(message, error.property) });
    }
    if (error.children?.length) result.push(...flattenValidationErrors(error.children, path));
  }
  return result;
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent === '' ? property : `${parent}.${property}`;
}

// class-validator starts each message with the property name ("age must be an integer");
// the field is already named beside it, so keep only the rule.
function unprefixed(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

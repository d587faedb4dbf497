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

/** Turns class-validator's tree into `lines[2].quantity`-style paths, one entry a message. */
export function flattenValidationErrors(errors: ValidationError[], parentPath = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const path = joinPath(parentPath, error.property);
    for (const message of Object.values(error.constraints ?? {})) {
      result.push({ field: path, message: unprefixed(message, error.property) });
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

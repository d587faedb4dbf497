import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isUuid } from '../database/ids.js';
import { RequestValidationError } from '../errors/request-validation.error.js';

/**
 * A UUID path (or query) parameter, for `@Param('id', ParseUuidPipe)`. Nest's own
 * ParseUUIDPipe answered "Validation failed (uuid is expected)" without saying which
 * parameter; this one is a validation problem naming it, like a bad body field.
 */
@Injectable()
export class ParseUuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && isUuid(value)) return value;
    const field = metadata.data ?? metadata.type;
    throw new RequestValidationError([{ field, message: value === undefined || value === '' ? 'is required' : 'must be a UUID' }]);
  }
}

import { ValidationPipe } from '@nestjs/common';
import { RequestValidationError } from '../errors/request-validation.error.js';

/** Unknown fields are refused rather than silently dropped, so a typo is not a lost edit. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => RequestValidationError.fromClassValidator(errors),
  });
}

import { ValidationPipe, type ArgumentMetadata, type Type } from '@nestjs/common';
import { getMetadataStorage, type ValidationArguments } from 'class-validator';
// class-transformer keeps its decorator metadata in this module; its index does not export it.
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { RequestValidationError } from '../errors/request-validation.error.js';

const CUSTOM = 'customValidation';
const CONDITIONAL = 'conditionalValidation';
const IS_DEFINED = 'isDefined';
const WHITELIST = 'whitelistValidation';

export interface Check {
  validate(value: unknown, args: ValidationArguments): unknown;
  constraints: unknown[];
  each: boolean;
  validateIf?: (object: object, value: unknown) => boolean;
  property: string;
}

export interface PropertyPlan {
  name: string;
  /** `@Type(() => Number)` (or String, Boolean): the conversion class-transformer applies. */
  convert?: (value: unknown) => unknown;
  /** IsOptional / ValidateIf: all must hold for the checks to run. */
  conditions: Array<(object: object, value: unknown) => boolean>;
  checks: Check[];
}

export interface Plan {
  target: Type;
  /** What `new Dto()` sets: the defaults of an omitted field (`page = 1`). */
  defaults: Record<string, unknown>;
  properties: Map<string, PropertyPlan>;
  order: PropertyPlan[];
}

/**
 * Input DTOs stay declared once, with class-validator decorators; this pipe makes them
 * cheap. For each DTO it reads the same decorator metadata once and builds a plan: the
 * property allow-list, class-transformer's `@Type` conversions, and the very validator
 * functions the decorators registered. A request that passes the plan gets a plain
 * object (the DTO's defaults, then its fields) without class-transformer building an
 * instance or class-validator walking its metadata and building error objects per field.
 *
 * The plan only ever says "valid" or "not sure": anything it does not vouch for (an
 * unknown field, a failed check, an array where a string is due, a nested DTO, an async
 * or group-bound rule) goes to Nest's ValidationPipe as before, so every error a client
 * sees, and every DTO the plan cannot express, is exactly what class-validator says.
 */
export class CompiledValidationPipe extends ValidationPipe {
  private readonly plans = new Map<Function, Plan | null>();

  // A value, not a promise, when the plan vouches: Nest awaits either, and a promise per
  // argument is a cost every request pays.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override transform(value: unknown, metadata: ArgumentMetadata): any {
    const metatype = metadata.metatype;
    if (metatype && metadata.type !== 'custom' && this.toValidate(metadata)) {
      let plan = this.plans.get(metatype);
      if (plan === undefined) this.plans.set(metatype, (plan = buildPlan(metatype as Type)));
      if (plan) {
        const passed = applyPlan(plan, value);
        if (passed !== undefined) return passed;
      }
    }
    return super.transform(value, metadata);
  }
}

/** Unknown fields are refused rather than silently dropped, so a typo is not a lost edit. */
export function createValidationPipe(): ValidationPipe {
  return new CompiledValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // Values are kept so a missing field can be told apart from a wrong one; they never leave the server.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => RequestValidationError.fromClassValidator(errors),
  });
}

const CONVERSIONS = new Map<unknown, (value: unknown) => unknown>([
  [Number, (value) => Number(value)],
  [String, (value) => String(value)],
  [Boolean, (value) => Boolean(value)],
]);

/** The plan of a DTO, or null when it uses something the plan does not express (then always the full pipe). */
export function buildPlan(target: Type): Plan | null {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(target, '', false, false, undefined);
  if (metadatas.length === 0) return null;
  if (defaultMetadataStorage.getExposedMetadatas(target).length > 0 || defaultMetadataStorage.getExcludedMetadatas(target).length > 0) return null;
  const properties = new Map<string, PropertyPlan>();
  for (const metadata of metadatas) {
    if ((metadata.groups?.length ?? 0) > 0 || metadata.always) return null;
    const name = metadata.propertyName;
    let property = properties.get(name);
    if (!property) {
      property = { name, conditions: [], checks: [] };
      const type = defaultMetadataStorage.findTypeMetadata(target, name);
      if (type) {
        const convert = CONVERSIONS.get(type.typeFunction());
        if (!convert) return null;
        property.convert = convert;
      }
      if (defaultMetadataStorage.findTransformMetadatas(target, name, 0 /* PLAIN_TO_CLASS */).length > 0) return null;
      properties.set(name, property);
    }
    switch (metadata.type) {
      case CONDITIONAL:
        property.conditions.push(metadata.constraints[0] as (object: object, value: unknown) => boolean);
        break;
      case WHITELIST:
        break;
      case CUSTOM:
      case IS_DEFINED: {
        const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
        if (constraints.length !== 1 || constraints[0].async) return null;
        const instance = constraints[0].instance as { validate(value: unknown, args: ValidationArguments): unknown };
        const validateIf = (metadata as { validateIf?: (object: object, value: unknown) => boolean }).validateIf;
        const check: Check = { validate: instance.validate.bind(instance), constraints: metadata.constraints, each: metadata.each === true, property: name, validateIf };
        property.checks.push(check);
        break;
      }
      default:
        // Nested DTOs, promises: the full pipe.
        return null;
    }
  }
  let defaults: Record<string, unknown>;
  try {
    defaults = { ...(new target() as Record<string, unknown>) };
  } catch {
    return null;
  }
  return { target, defaults, properties, order: [...properties.values()] };
}

/** An object literal or parsed JSON (of any realm), not an instance of some class. */
function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** The validated plain object, or undefined when the plan cannot vouch for `value`. */
export function applyPlan(plan: Plan, value: unknown): object | undefined {
  const input = value === undefined || value === null ? {} : value;
  if (typeof input !== 'object' || Array.isArray(input) || ArrayBuffer.isView(input)) return undefined;
  const output: Record<string, unknown> = { ...plan.defaults };
  for (const key of Object.keys(input)) {
    const property = plan.properties.get(key);
    if (!property) return undefined;
    let field = (input as Record<string, unknown>)[key];
    if (field !== null && typeof field === 'object') {
      if (property.convert) return undefined;
      if (Array.isArray(field)) {
        // Only arrays of plain values are copied here; anything deeper goes the full way.
        if (field.some((item) => item !== null && typeof item === 'object')) return undefined;
        field = [...field];
      } else if (!isPlainObject(field)) {
        return undefined;
      }
      // A plain object (free-form data such as a form's values: no nested DTO, which has no
      // plan) is passed on as parsed, as class-transformer's copy of it would be.
    } else if (property.convert && field !== undefined && field !== null) {
      field = property.convert(field);
    }
    output[key] = field;
  }
  for (const property of plan.order) {
    const field = output[property.name];
    if (!property.conditions.every((condition) => condition(output, field))) continue;
    for (const check of property.checks) {
      if (check.validateIf && !check.validateIf(output, field)) continue;
      const args: ValidationArguments = { targetName: plan.target.name, property: property.name, object: output, value: field, constraints: check.constraints };
      if (check.each && Array.isArray(field)) {
        if (!field.every((item) => check.validate(item, args) === true)) return undefined;
      } else if (check.validate(field, args) !== true) {
        return undefined;
      }
    }
  }
  return output;
}

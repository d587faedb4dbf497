import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { Decimal } from 'decimal.js';
import type { FieldError, OaColumnField, OaField, OaFormSchema } from '@zhongshu/contracts';
import { OA_FIELD_TYPES } from '@zhongshu/contracts';

// ajv-formats is CommonJS with its function as `default`; under Node's ESM loader the
// namespace's default is the module object itself.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

const MONEY = '^-?[0-9]{1,16}(\\.[0-9]{1,2})?$';
const KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_TEXT_MAX = 200;
const DEFAULT_TEXTAREA_MAX = 5000;
const DEFAULT_MAX_FILES = 10;
const DEFAULT_MAX_ROWS = 200;
const MAX_REFERENCES = 50;

type JsonSchema = Record<string, unknown>;

/** A reference a submission makes that only the server can check: to a person, a department or an uploaded file. */
export interface FormReference {
  kind: 'person' | 'department' | 'attachment';
  id: string;
  /** `formData.approver`, `formData.lines[2].owner`, `formData.files[0]`. */
  field: string;
}

export interface FormCheck {
  errors: FieldError[];
  references: FormReference[];
  /** The submission as stored: optional values left empty removed. */
  data: Record<string, unknown>;
}

/** The JSON Schema of a form: what Ajv checks every submission against (unknown fields refused). */
export function formJsonSchema(form: OaFormSchema): JsonSchema {
  return objectSchema(form.fields);
}

function objectSchema(fields: readonly OaField[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of fields) properties[field.key] = fieldSchema(field);
  return { type: 'object', properties, required: fields.filter((field) => field.required).map((field) => field.key), additionalProperties: false };
}

function fieldSchema(field: OaField): JsonSchema {
  switch (field.type) {
    case 'text':
    case 'textarea':
      return {
        type: 'string',
        minLength: Math.max(field.minLength ?? 0, field.required ? 1 : 0),
        maxLength: field.maxLength ?? (field.type === 'text' ? DEFAULT_TEXT_MAX : DEFAULT_TEXTAREA_MAX),
        ...(field.pattern ? { pattern: field.pattern } : {}),
      };
    case 'number':
      return { type: 'number', ...(field.min !== undefined ? { minimum: field.min } : {}), ...(field.max !== undefined ? { maximum: field.max } : {}) };
    case 'money':
      return { type: 'string', pattern: MONEY };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'dateRange':
      return {
        type: 'object',
        properties: { start: { type: 'string', format: 'date' }, end: { type: 'string', format: 'date' } },
        required: ['start', 'end'],
        additionalProperties: false,
      };
    case 'select':
      return { type: 'string', enum: field.options.map((option) => option.value) };
    case 'multiSelect':
      return {
        type: 'array',
        items: { type: 'string', enum: field.options.map((option) => option.value) },
        uniqueItems: true,
        minItems: Math.max(field.minItems ?? 0, field.required ? 1 : 0),
        ...(field.maxItems !== undefined ? { maxItems: field.maxItems } : {}),
      };
    case 'person':
    case 'department':
      return field.multiple
        ? { type: 'array', items: { type: 'string', format: 'uuid' }, uniqueItems: true, minItems: field.required ? 1 : 0, maxItems: MAX_REFERENCES }
        : { type: 'string', format: 'uuid' };
    case 'attachment':
      return {
        type: 'array',
        minItems: field.required ? 1 : 0,
        maxItems: field.maxFiles ?? DEFAULT_MAX_FILES,
        items: {
          type: 'object',
          properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string', maxLength: 255 }, size: { type: 'integer', minimum: 0 } },
          required: ['id'],
          additionalProperties: false,
        },
      };
    case 'table':
      return {
        type: 'array',
        minItems: Math.max(field.minRows ?? 0, field.required ? 1 : 0),
        maxItems: field.maxRows ?? DEFAULT_MAX_ROWS,
        items: objectSchema(field.columns),
      };
  }
}

/**
 * A form compiled once per published version: Ajv's validator for the shape, then the
 * rules JSON Schema cannot say (decimal bounds of money, decimals of a number, date
 * bounds and ranges, accepted file types), and the references for the server to check.
 */
export class CompiledForm {
  private readonly validate: ValidateFunction;

  constructor(readonly form: OaFormSchema) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: false, useDefaults: false, coerceTypes: false });
    addFormats(ajv);
    this.validate = ajv.compile(formJsonSchema(form));
  }

  check(input: unknown): FormCheck {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      return { errors: [{ field: 'formData', message: 'must be an object of the form’s fields' }], references: [], data: {} };
    }
    const data = withoutEmpty(input as Record<string, unknown>, this.form.fields);
    if (!this.validate(data)) {
      return { errors: this.fieldErrors(this.validate.errors ?? []), references: [], data };
    }
    const errors: FieldError[] = [];
    const references: FormReference[] = [];
    checkValues(this.form.fields, data, 'formData', errors, references);
    return { errors, references, data };
  }

  private fieldErrors(errors: ErrorObject[]): FieldError[] {
    const seen = new Set<string>();
    const result: FieldError[] = [];
    for (const error of errors) {
      const segments = error.instancePath.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
      let message = error.message ?? 'is not valid';
      if (error.keyword === 'required') {
        segments.push((error.params as { missingProperty: string }).missingProperty);
        message = 'is required';
      } else if (error.keyword === 'additionalProperties') {
        segments.push((error.params as { additionalProperty: string }).additionalProperty);
        message = 'is not a field of this form';
      } else if (error.keyword === 'pattern') {
        const field = this.fieldAt(segments);
        message = field && 'patternMessage' in field && field.patternMessage ? field.patternMessage : field?.type === 'money' ? 'must be an amount with at most two decimals, like 1234.50' : 'does not have the expected format';
      } else if (error.keyword === 'enum') {
        message = 'is not one of the options';
      } else if (error.keyword === 'format') {
        message = (error.params as { format: string }).format === 'date' ? 'must be a date, YYYY-MM-DD' : 'must be an id';
      } else if (error.keyword === 'minLength' && (error.params as { limit: number }).limit === 1) {
        message = 'is required';
      }
      const field = pathOf(segments);
      const key = `${field}\u0000${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.push({ field, message });
    }
    return result;
  }

  private fieldAt(segments: string[]): OaField | undefined {
    let fields: readonly OaField[] = this.form.fields;
    let found: OaField | undefined;
    for (const segment of segments) {
      if (/^\d+$/.test(segment)) continue;
      found = fields.find((field) => field.key === segment);
      if (!found) return undefined;
      fields = found.type === 'table' ? found.columns : [];
    }
    return found;
  }
}

function pathOf(segments: string[]): string {
  let path = 'formData';
  for (const segment of segments) path += /^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`;
  return path;
}

/** An optional value left empty (null, or absent) is no value: it is dropped before validation. */
function withoutEmpty(data: Record<string, unknown>, fields: readonly OaField[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === null || value === undefined) continue;
    const field = fields.find((candidate) => candidate.key === key);
    if (field?.type === 'table' && Array.isArray(value)) {
      result[key] = value.map((row) => (row !== null && typeof row === 'object' && !Array.isArray(row) ? withoutEmpty(row as Record<string, unknown>, field.columns) : row));
    } else {
      result[key] = value;
    }
  }
  return result;
}

function checkValues(fields: readonly (OaField | OaColumnField)[], data: Record<string, unknown>, base: string, errors: FieldError[], references: FormReference[]): void {
  for (const field of fields) {
    const value = data[field.key];
    if (value === undefined) continue;
    const path = `${base}.${field.key}`;
    const fail = (message: string, at = path): void => void errors.push({ field: at, message });
    switch (field.type) {
      case 'number': {
        const places = new Decimal(value as number).decimalPlaces();
        if (field.precision !== undefined && places > field.precision) fail(field.precision === 0 ? 'must be a whole number' : `may have at most ${field.precision} decimals`);
        break;
      }
      case 'money': {
        const amount = new Decimal(value as string);
        if (field.min !== undefined && amount.lt(field.min)) fail(`must be at least ${field.min}`);
        if (field.max !== undefined && amount.gt(field.max)) fail(`must be at most ${field.max}`);
        break;
      }
      case 'date':
        checkDate(value as string, field.min, field.max, path, fail);
        break;
      case 'dateRange': {
        const range = value as { start: string; end: string };
        checkDate(range.start, field.min, field.max, `${path}.start`, fail);
        checkDate(range.end, field.min, field.max, `${path}.end`, fail);
        if (range.end < range.start) fail('must not end before it starts', `${path}.end`);
        break;
      }
      case 'person':
      case 'department': {
        const ids = Array.isArray(value) ? (value as string[]) : [value as string];
        ids.forEach((id, index) => references.push({ kind: field.type as 'person' | 'department', id, field: Array.isArray(value) ? `${path}[${index}]` : path }));
        break;
      }
      case 'attachment': {
        const files = value as Array<{ id: string; name?: string }>;
        files.forEach((file, index) => {
          references.push({ kind: 'attachment', id: file.id, field: `${path}[${index}]` });
          if (field.accept?.length && file.name !== undefined && !field.accept.some((extension) => file.name?.toLowerCase().endsWith(extension.toLowerCase()))) {
            fail(`must be a file of type ${field.accept.join(', ')}`, `${path}[${index}]`);
          }
        });
        break;
      }
      case 'table':
        (value as Array<Record<string, unknown>>).forEach((row, index) => checkValues(field.columns, row, `${path}[${index}]`, errors, references));
        break;
      default:
        break;
    }
  }
}

function checkDate(value: string, min: string | undefined, max: string | undefined, path: string, fail: (message: string, at?: string) => void): void {
  if (min !== undefined && value < min) fail(`must be on or after ${min}`, path);
  if (max !== undefined && value > max) fail(`must be on or before ${max}`, path);
}

/** What is wrong with a form schema itself, each error naming the field (`form.<key>`). */
export function formProblems(form: unknown): FieldError[] {
  const errors: FieldError[] = [];
  if (form === null || typeof form !== 'object' || !Array.isArray((form as { fields?: unknown }).fields)) {
    return [{ field: 'form', message: 'must be a form with a list of fields' }];
  }
  const fields = (form as { fields: unknown[] }).fields;
  if (fields.length > 100) errors.push({ field: 'form', message: 'has more than 100 fields' });
  fieldListProblems(fields, 'form', errors, true);
  if (errors.length === 0) {
    try {
      new CompiledForm(form as OaFormSchema);
    } catch (error) {
      errors.push({ field: 'form', message: `cannot be compiled: ${(error as Error).message}` });
    }
  }
  return errors;
}

function fieldListProblems(fields: unknown[], base: string, errors: FieldError[], topLevel: boolean): void {
  const keys = new Set<string>();
  fields.forEach((raw, index) => {
    const field = raw as Partial<OaField> & Record<string, unknown>;
    const where = typeof field?.key === 'string' && KEY.test(field.key) ? `${base}.${field.key}` : `${base}[${index}]`;
    const fail = (message: string): void => void errors.push({ field: where, message });
    if (raw === null || typeof raw !== 'object') return fail('must be a field');
    if (typeof field.key !== 'string' || !KEY.test(field.key)) fail('needs a key: a letter, then letters, digits or _ (at most 40)');
    else if (keys.has(field.key)) fail(`the key ${field.key} is used twice`);
    else keys.add(field.key);
    if (typeof field.label !== 'string' || field.label.trim() === '' || field.label.length > 100) fail('needs a label (at most 100 characters)');
    if (!(OA_FIELD_TYPES as readonly string[]).includes(field.type as string)) return fail(`unknown field type "${String(field.type)}"`);
    if (!topLevel && (field.type === 'table' || field.type === 'attachment')) return fail(`a table column cannot be a ${field.type}`);
    switch (field.type) {
      case 'text':
      case 'textarea':
        if (field.pattern !== undefined) {
          try {
            new RegExp(field.pattern as string, 'u');
          } catch {
            fail('the pattern is not a valid regular expression');
          }
        }
        if (field.minLength !== undefined && field.maxLength !== undefined && (field.minLength as number) > (field.maxLength as number)) fail('minLength is more than maxLength');
        break;
      case 'number':
        if (field.min !== undefined && field.max !== undefined && (field.min as number) > (field.max as number)) fail('min is more than max');
        if (field.precision !== undefined && !(Number.isInteger(field.precision) && (field.precision as number) >= 0 && (field.precision as number) <= 6)) fail('precision must be 0 to 6');
        break;
      case 'money':
        for (const bound of ['min', 'max'] as const) {
          if (field[bound] !== undefined && (typeof field[bound] !== 'string' || !new RegExp(MONEY).test(field[bound] as string))) fail(`${bound} must be an amount as a string, like "1000.00"`);
        }
        if (field.min !== undefined && field.max !== undefined && new RegExp(MONEY).test(String(field.min)) && new RegExp(MONEY).test(String(field.max)) && new Decimal(field.min as string).gt(field.max as string)) fail('min is more than max');
        break;
      case 'date':
      case 'dateRange':
        for (const bound of ['min', 'max'] as const) if (field[bound] !== undefined && !DATE.test(String(field[bound]))) fail(`${bound} must be a date, YYYY-MM-DD`);
        break;
      case 'select':
      case 'multiSelect': {
        const options = Array.isArray(field.options) ? (field.options as Array<{ value?: unknown; label?: unknown }>) : [];
        if (options.length === 0) fail('needs at least one option');
        const values = options.map((option) => option?.value);
        if (values.some((value) => typeof value !== 'string' || value === '')) fail('every option needs a value');
        else if (new Set(values).size !== values.length) fail('two options have the same value');
        break;
      }
      case 'table': {
        const columns = Array.isArray(field.columns) ? field.columns : [];
        if (columns.length === 0) fail('a table needs at least one column');
        fieldListProblems(columns, where, errors, false);
        break;
      }
      default:
        break;
    }
  });
}

/**
 * 表单: the form of an OA request type, as data. The designer in the SPA edits it, the
 * SPA renders and checks it, and the server compiles it to JSON Schema and validates
 * every submission against it (never trusting the browser). One definition, shared by
 * both through libs/contracts.
 *
 * Values, by field type (what `formData[key]` holds):
 * - text, textarea: string
 * - number: number (finite; `precision` decimals at most)
 * - money: a decimal string with at most two decimals, "1234.50" (never a JS number)
 * - date: "YYYY-MM-DD"
 * - dateRange: { start: "YYYY-MM-DD", end: "YYYY-MM-DD" }, end not before start
 * - select: one option's value; multiSelect: an array of option values, no repeats
 * - person, department: an id (uuid), or an array of ids when `multiple`
 * - attachment: an array of { id, name, size } of files uploaded to the platform
 * - table: an array of rows, each an object of its columns' values
 * An optional field that was not filled is absent (or null).
 */
export const OA_FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'money',
  'date',
  'dateRange',
  'select',
  'multiSelect',
  'person',
  'department',
  'attachment',
  'table',
] as const;

export type OaFieldType = (typeof OA_FIELD_TYPES)[number];

interface OaFieldBase {
  /** Stable key of the value in `formData`, `[a-zA-Z][a-zA-Z0-9_]*`, unique in its form (or table). */
  key: string;
  /** What the person filling it in reads (the admin's words, in the company's language). */
  label: string;
  required?: boolean;
  /** A hint under the field. */
  help?: string;
}

export interface OaTextField extends OaFieldBase {
  type: 'text' | 'textarea';
  minLength?: number;
  maxLength?: number;
  /** A regular expression the whole value must match (JavaScript and JSON Schema syntax). */
  pattern?: string;
  /** Said when the pattern does not match ("请输入 11 位手机号"). */
  patternMessage?: string;
}

export interface OaNumberField extends OaFieldBase {
  type: 'number';
  min?: number;
  max?: number;
  /** Decimal places allowed (0 = whole numbers). */
  precision?: number;
  /** Shown after the value ("公里", "km"). */
  unit?: string;
}

export interface OaMoneyField extends OaFieldBase {
  type: 'money';
  /** Decimal strings, like the value. */
  min?: string;
  max?: string;
  /** ISO 4217; the company's currency when absent. */
  currency?: string;
}

export interface OaDateField extends OaFieldBase {
  type: 'date' | 'dateRange';
  /** "YYYY-MM-DD" bounds, inclusive. */
  min?: string;
  max?: string;
}

export interface OaChoiceOption {
  value: string;
  label: string;
}

export interface OaChoiceField extends OaFieldBase {
  type: 'select' | 'multiSelect';
  options: OaChoiceOption[];
  /** multiSelect only. */
  minItems?: number;
  maxItems?: number;
}

export interface OaReferenceField extends OaFieldBase {
  type: 'person' | 'department';
  multiple?: boolean;
}

export interface OaAttachmentField extends OaFieldBase {
  type: 'attachment';
  /** At most this many files (default 10). */
  maxFiles?: number;
  /** Accepted extensions, lower-case with the dot (".pdf"); any when absent. */
  accept?: string[];
}

export interface OaTableField extends OaFieldBase {
  type: 'table';
  /** The columns of each line; a table holds no table. */
  columns: OaColumnField[];
  minRows?: number;
  maxRows?: number;
}

export type OaColumnField = OaTextField | OaNumberField | OaMoneyField | OaDateField | OaChoiceField | OaReferenceField;

export type OaField = OaColumnField | OaAttachmentField | OaTableField;

export interface OaFormSchema {
  fields: OaField[];
}

/** One uploaded file as a form value or a comment's attachment. */
export interface OaAttachmentRef {
  id: string;
  name: string;
  size: number;
}

/** The value of a dateRange field. */
export interface OaDateRangeValue {
  start: string;
  end: string;
}

/** A submitted form: field key -> value (see the list at the top of this file). */
export type OaFormData = Record<string, unknown>;

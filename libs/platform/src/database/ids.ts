import { v7 as uuidv7, validate, version } from 'uuid';

/** A new record id: UUIDv7, time-ordered so primary-key indexes stay compact. */
export function newId(): string {
  return uuidv7();
}

export function isUuid(value: string): boolean {
  return validate(value) && version(value) >= 1;
}

import { Inject, Injectable } from '@nestjs/common';
import { ORG_DIRECTORY, type FieldError, type OaAttachmentRef, type OrgDirectory } from '@zhongshu/contracts';
import { Files } from '@zhongshu/platform';
import { OaError } from '../oa-error.js';
import type { PublishedVersion } from '../request-types/published-versions.js';

export interface ValidatedForm {
  data: Record<string, unknown>;
  /** Every uploaded file the form refers to, so reading the request lets one download them. */
  fileIds: string[];
}

/**
 * Validates a submission the way the server must, whatever the browser checked: the
 * version's compiled JSON Schema (unknown fields refused), the rules Ajv cannot say,
 * then every reference against its owner, inside the caller's transaction: people
 * that exist and have not left, departments that exist and are open, files that
 * exist and were uploaded by the applicant. A reference that fails reads as an id
 * that does not exist, whatever the reason, so the form cannot probe for people.
 */
@Injectable()
export class FormValidator {
  constructor(
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    private readonly files: Files,
  ) {}

  async validate(version: PublishedVersion, formData: unknown, applicantId: string): Promise<ValidatedForm> {
    const check = version.compiledForm.check(formData);
    if (check.errors.length > 0) throw OaError.invalidForm(check.errors);
    const ids = (kind: string): string[] => [...new Set(check.references.filter((reference) => reference.kind === kind).map((reference) => reference.id))];
    // In the caller's transaction: one query after another on its connection.
    const people = await this.directory.people(ids('person'));
    const departments = await this.directory.departments(ids('department'));
    const files = await this.files.describe(ids('attachment'));
    const activePeople = new Set(people.filter((person) => person.status === 'active').map((person) => person.id));
    const openDepartments = new Set(departments.filter((department) => department.status === 'active').map((department) => department.id));
    const ownFiles = new Map(files.filter((file) => file.uploadedBy === applicantId).map((file) => [file.id, file]));
    const errors: FieldError[] = [];
    for (const reference of check.references) {
      const known = reference.kind === 'person' ? activePeople.has(reference.id) : reference.kind === 'department' ? openDepartments.has(reference.id) : ownFiles.has(reference.id);
      if (!known) errors.push({ field: reference.field, message: `${reference.kind === 'attachment' ? 'file' : reference.kind} ${reference.id} does not exist` });
    }
    if (errors.length > 0) throw OaError.invalidForm(errors);
    // What the form stores of each file is the server's own record of it, not the client's.
    for (const field of version.form.fields) {
      if (field.type !== 'attachment' || !Array.isArray(check.data[field.key])) continue;
      check.data[field.key] = (check.data[field.key] as OaAttachmentRef[]).map((file) => {
        const stored = ownFiles.get(file.id) as { id: string; name: string; size: number };
        return { id: stored.id, name: stored.name, size: stored.size };
      });
    }
    return { data: check.data, fileIds: [...ownFiles.keys()] };
  }

  /** Files attached to a comment or an action: they must exist and be the actor's own uploads. */
  async attachments(fileIds: readonly string[] | undefined, actorId: string, field = 'attachmentIds'): Promise<OaAttachmentRef[]> {
    if (!fileIds || fileIds.length === 0) return [];
    const files = new Map((await this.files.describe(fileIds)).filter((file) => file.uploadedBy === actorId).map((file) => [file.id, file]));
    const errors = fileIds.flatMap((id, index) => (files.has(id) ? [] : [{ field: `${field}[${index}]`, message: `file ${id} does not exist` }]));
    if (errors.length > 0) throw OaError.invalidForm(errors);
    return [...new Set(fileIds)].map((id) => {
      const file = files.get(id) as { id: string; name: string; size: number };
      return { id: file.id, name: file.name, size: file.size };
    });
  }
}

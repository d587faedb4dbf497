import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ORG_DIRECTORY, type FieldError, type OaFormSchema, type OaProcessDefinition, type OaProcessNode, type OrgDirectory } from '@zhongshu/contracts';
import { Clock, UnitOfWork, newId, saveVersioned, type Principal } from '@zhongshu/platform';
import { formProblems } from '../forms/form-json-schema.js';
import { OaError, OaErrorCode } from '../oa-error.js';
import { processProblems } from '../process/process-validation.js';
import { PublishedVersions, type PublishedVersion } from './published-versions.js';
import { ApprovalHooks } from '../business/approval-hooks.js';
import type { CatalogueCategoryDto, CreateRequestTypeDto, PublishedFormDto, RequestTypeSummaryDto, RequestTypeVersionDto, UpdateRequestTypeDto } from './request-type.dto.js';
import { RequestType, type Availability } from './request-type.entity.js';

const EVERYONE: Availability = { everyone: true, departmentIds: [], roleCodes: [] };

/** A new type's draft: a start node and nothing else, administered by its creator. */
function emptyProcess(adminId: string): OaProcessDefinition {
  return { start: { id: 'start', name: '发起人', type: 'start', next: null }, settings: { adminId, autoApproveRepeated: true, autoApproveApplicant: true } };
}

/** Whether a person may start requests of a type: everyone, a member of one of its departments, or a holder of one of its roles. */
export function mayUse(availability: Availability, principal: Principal): boolean {
  if (availability.everyone) return true;
  if (principal.departmentIds.some((id) => availability.departmentIds.includes(id))) return true;
  return principal.dataScope.grants.some((grant) => availability.roleCodes.includes(grant.roleCode));
}

/**
 * 审批类型: drafts the designers edit (optimistic locking), publishing a draft into a
 * new immutable version after checking it (422 naming each bad node or field), the
 * versions, archiving, and the catalogue each person may start requests from.
 */
@Injectable()
export class RequestTypesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly versions: PublishedVersions,
    private readonly clock: Clock,
    private readonly hooks: ApprovalHooks,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
  ) {}

  async list(): Promise<RequestTypeSummaryDto[]> {
    const rows: Array<Record<string, unknown>> = await this.uow.manager.query(
      'SELECT id, code, name, category, icon, status, published_version, version, updated_at FROM oa.request_type ORDER BY category, name, id',
    );
    return rows.map((row) => ({
      id: row.id as string,
      code: row.code as string,
      name: row.name as string,
      category: row.category as string,
      icon: (row.icon as string | null) ?? null,
      status: row.status as string,
      publishedVersion: (row.published_version as number | null) ?? null,
      version: Number(row.version),
      updatedAt: (row.updated_at as Date).toISOString(),
    }));
  }

  async get(id: string): Promise<RequestType> {
    const type = await this.uow.repo(RequestType).findOne({ where: { id } });
    if (!type) throw OaError.notFound('Request type', id);
    return type;
  }

  async create(principal: Principal, input: CreateRequestTypeDto): Promise<RequestType> {
    return this.uow.run(async (manager) => {
      const [existing] = await manager.query('SELECT 1 FROM oa.request_type WHERE code = $1', [input.code]);
      if (existing) throw new OaError(OaErrorCode.Duplicate, HttpStatus.CONFLICT, `A request type with the code ${input.code} already exists`, [{ field: 'code', message: 'is taken' }]);
      const type = manager.create(RequestType, {
        id: newId(),
        code: input.code,
        name: input.name,
        category: input.category,
        icon: input.icon ?? null,
        description: input.description ?? null,
        availableTo: input.availableTo ?? EVERYONE,
        form: input.form ?? { fields: [] },
        process: input.process ?? emptyProcess(principal.userId),
        status: 'active',
        publishedVersion: null,
        currentVersionId: null,
      });
      return manager.save(type);
    });
  }

  async update(id: string, change: UpdateRequestTypeDto): Promise<RequestType> {
    return this.uow.run(async (manager) => {
      const type = await manager.findOne(RequestType, { where: { id } });
      if (!type) throw OaError.notFound('Request type', id);
      const { version, ...fields } = change;
      for (const [key, value] of Object.entries(fields)) if (value !== undefined) (type as unknown as Record<string, unknown>)[key] = value;
      return saveVersioned(manager, type, version, 'Request type');
    });
  }

  /**
   * Copies the draft into a new immutable version once form and process pass every
   * check; running requests keep the version they started on.
   */
  async publish(principal: Principal, id: string, expectedVersion?: number): Promise<RequestType> {
    return this.uow.run(async (manager) => {
      const type = await manager.findOne(RequestType, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!type) throw OaError.notFound('Request type', id);
      if (type.status === 'archived') throw new OaError(OaErrorCode.Archived, HttpStatus.CONFLICT, `Request type ${type.code} is archived; it cannot be published`);
      const errors = await this.draftProblems(type.form, type.process);
      if (errors.length > 0) {
        throw new OaError(OaErrorCode.InvalidProcess, HttpStatus.UNPROCESSABLE_ENTITY, `The draft cannot be published: ${[...new Set(errors.map((error) => error.field))].join(', ')}`, errors);
      }
      const versionNo = (type.publishedVersion ?? 0) + 1;
      const [row] = await manager.query(
        `INSERT INTO oa.request_type_version (id, request_type_id, version_no, code, name, form, process, published_at, published_by, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $9) RETURNING id, request_type_id, version_no, code, name, form, process`,
        [newId(), type.id, versionNo, type.code, type.name, JSON.stringify(type.form), JSON.stringify(type.process), this.clock.now(), principal.userId],
      );
      this.versions.remember(row);
      type.publishedVersion = versionNo;
      type.currentVersionId = row.id as string;
      return saveVersioned(manager, type, expectedVersion ?? type.version, 'Request type');
    });
  }

  /** Every problem of a draft, form first, then the process, then the people it names. */
  async draftProblems(form: OaFormSchema, process: OaProcessDefinition): Promise<FieldError[]> {
    const formErrors = formProblems(form);
    if (formErrors.length > 0) return formErrors;
    const errors = processProblems(process, form);
    if (errors.length > 0) return errors;
    // The people a process names must exist and be here: the admin, and every "people" rule.
    const named = new Map<string, string[]>();
    named.set('settings.adminId', [process.settings.adminId]);
    const walk = (node: OaProcessNode | null | undefined): void => {
      for (let current = node; current; current = current.next ?? null) {
        const rule = current.type === 'approval' ? current.approvers : current.type === 'cc' ? current.recipients : undefined;
        if (rule?.kind === 'people') named.set(current.id, rule.personIds);
        if (current.type === 'condition' || current.type === 'parallel') for (const branch of current.branches) walk(branch.next);
      }
    };
    walk(process.start);
    const people = await this.directory.people([...named.values()].flat());
    const active = new Set(people.filter((person) => person.status === 'active').map((person) => person.id));
    for (const [where, ids] of named) {
      const missing = ids.filter((personId) => !active.has(personId));
      if (missing.length > 0) errors.push({ field: `process.${where}`, message: `names people who do not exist or have left: ${missing.join(', ')}` });
    }
    return errors;
  }

  async listVersions(id: string): Promise<RequestTypeVersionDto[]> {
    await this.get(id);
    const rows: Array<Record<string, unknown>> = await this.uow.manager.query(
      'SELECT id, version_no, published_at, published_by FROM oa.request_type_version WHERE request_type_id = $1 ORDER BY version_no DESC',
      [id],
    );
    return rows.map((row) => ({ id: row.id as string, versionNo: Number(row.version_no), publishedAt: (row.published_at as Date).toISOString(), publishedBy: (row.published_by as string | null) ?? null }));
  }

  /** No new requests of an archived type; those running go on to their end. */
  async archive(id: string, expectedVersion?: number): Promise<RequestType> {
    return this.uow.run(async (manager) => {
      const type = await manager.findOne(RequestType, { where: { id } });
      if (!type) throw OaError.notFound('Request type', id);
      type.status = 'archived';
      return saveVersioned(manager, type, expectedVersion ?? type.version, 'Request type');
    });
  }

  /** The published, active types the caller may use, by category. */
  async catalogue(principal: Principal): Promise<CatalogueCategoryDto[]> {
    const rows: Array<Record<string, unknown>> = await this.uow.manager.query(
      `SELECT t.id, t.code, t.name, t.category, t.icon, t.description, t.available_to, b.business_type FROM oa.request_type t
         LEFT JOIN oa.business_binding b ON b.request_type_id = t.id
        WHERE t.status = 'active' AND t.current_version_id IS NOT NULL ORDER BY t.category, t.name, t.id`,
    );
    const categories = new Map<string, CatalogueCategoryDto>();
    const seen = new Set<string>();
    for (const row of rows) {
      // A type bound to a business record with a form of its own (leave) is filed there,
      // by whoever may file that record; one bound to a record another context starts it
      // from (合同审批, from a signed contract) is not filed by hand at all; the others by
      // their audience.
      const form = row.business_type ? this.hooks.formOf(row.business_type as string) : undefined;
      const listed = form ? principal.permissions.has(form.permission) : !row.business_type && mayUse(row.available_to as Availability, principal);
      if (!listed || seen.has(row.id as string)) continue;
      seen.add(row.id as string);
      const category = row.category as string;
      if (!categories.has(category)) categories.set(category, { category, types: [] });
      categories.get(category)?.types.push({
        id: row.id as string,
        code: row.code as string,
        name: row.name as string,
        icon: (row.icon as string | null) ?? null,
        description: (row.description as string | null) ?? null,
        formPath: form?.path ?? null,
      });
    }
    return [...categories.values()];
  }

  /** The version a new request of this type starts on, for someone who may use it; otherwise the type "does not exist". */
  async usableVersion(principal: Principal | undefined, id: string): Promise<PublishedVersion> {
    const [row] = await this.uow.manager.query('SELECT status, current_version_id, available_to FROM oa.request_type WHERE id = $1', [id]);
    if (!row || row.status !== 'active' || !row.current_version_id || (principal && !mayUse(row.available_to as Availability, principal))) {
      throw OaError.notFound('Request type', id);
    }
    const version = await this.versions.get(row.current_version_id as string);
    if (!version) throw OaError.notFound('Request type', id);
    return version;
  }

  async publishedForm(principal: Principal, id: string): Promise<PublishedFormDto> {
    const version = await this.usableVersion(principal, id);
    return { requestTypeId: id, name: version.name, versionNo: version.versionNo, form: version.form as unknown as Record<string, unknown> };
  }
}

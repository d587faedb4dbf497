import { Injectable } from '@nestjs/common';
import type { OaFormSchema, OaProcessDefinition } from '@zhongshu/contracts';
import { UnitOfWork } from '@zhongshu/platform';
import { CompiledForm } from '../forms/form-json-schema.js';
import { ProcessGraph } from '../process/process-graph.js';

/** A published version with its form compiled for Ajv and its process indexed: immutable, so cached. */
export interface PublishedVersion {
  id: string;
  requestTypeId: string;
  versionNo: number;
  code: string;
  name: string;
  form: OaFormSchema;
  process: OaProcessDefinition;
  compiledForm: CompiledForm;
  graph: ProcessGraph;
}

const CACHE_LIMIT = 500;

/**
 * Published versions by id. A version never changes (a trigger refuses it), so each is
 * compiled once per process and kept: validating a submission costs Ajv's compiled
 * function, never a compile.
 */
@Injectable()
export class PublishedVersions {
  private readonly cache = new Map<string, PublishedVersion>();

  constructor(private readonly uow: UnitOfWork) {}

  async get(id: string): Promise<PublishedVersion | undefined> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const [row] = await this.uow.manager.query('SELECT id, request_type_id, version_no, code, name, form, process FROM oa.request_type_version WHERE id = $1', [id]);
    if (!row) return undefined;
    return this.remember(row);
  }

  /** Compiles what a publish has just written, so the first submission does not wait for it. */
  remember(row: Record<string, unknown>): PublishedVersion {
    const form = row.form as OaFormSchema;
    const process = row.process as OaProcessDefinition;
    const version: PublishedVersion = {
      id: row.id as string,
      requestTypeId: row.request_type_id as string,
      versionNo: Number(row.version_no),
      code: row.code as string,
      name: row.name as string,
      form,
      process,
      compiledForm: new CompiledForm(form),
      graph: new ProcessGraph(process, form),
    };
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(version.id, version);
    return version;
  }
}

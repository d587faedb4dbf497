import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PlatformError, RequestContext, UnitOfWork, newId } from '@zhongshu/platform';
import { CrmError, CrmErrorCode } from '../crm-error.js';
import type { PipelineDto, PipelineInputDto, UpdatePipelineDto } from './opportunity.dto.js';

/** 销售流程: pipelines with their ordered open stages and win probabilities. Won and lost are outcomes, not stages. */
@Injectable()
export class PipelinesService {
  constructor(private readonly uow: UnitOfWork) {}

  async list(manager: EntityManager = this.uow.manager, ids?: readonly string[]): Promise<PipelineDto[]> {
    return manager.query(
      `SELECT p.id, p.name, p.is_default AS "isDefault", p.protect_from_stage_id AS "protectFromStageId", p.version,
              coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'position', s.position, 'probability', s.probability::text) ORDER BY s.position)
                          FROM crm.pipeline_stage s WHERE s.pipeline_id = p.id AND s.position < 1000000), '[]') AS stages
         FROM crm.pipeline p
        WHERE $1::uuid[] IS NULL OR p.id = ANY($1::uuid[])
        ORDER BY p.is_default DESC, p.name`,
      [ids ?? null],
    );
  }

  async get(id: string, manager: EntityManager = this.uow.manager): Promise<PipelineDto> {
    const [pipeline] = await this.list(manager, [id]);
    if (!pipeline) throw CrmError.notFound('Pipeline', id);
    return pipeline;
  }

  /** The pipeline a new opportunity goes into when none is named. */
  async defaultPipeline(manager: EntityManager): Promise<PipelineDto> {
    const [row] = await manager.query('SELECT id FROM crm.pipeline ORDER BY is_default DESC, created_at LIMIT 1');
    if (!row) throw CrmError.unprocessable(CrmErrorCode.InvalidPipeline, 'There is no pipeline yet; ask an administrator to set one up', 'pipelineId');
    return this.get(row.id, manager);
  }

  async create(input: PipelineInputDto): Promise<PipelineDto> {
    return this.uow.run(async (manager) => {
      const id = newId();
      const [{ any }] = await manager.query('SELECT EXISTS (SELECT 1 FROM crm.pipeline) AS any');
      await manager.query('INSERT INTO crm.pipeline (id, name, is_default, created_by, updated_by) VALUES ($1, $2, $3, $4, $4)', [id, input.name.trim(), !any, RequestContext.actorId() ?? null]);
      await this.writeStages(manager, id, input);
      return this.get(id, manager);
    });
  }

  /**
   * Renames, reorders, adds and removes stages. A stage that still holds opportunities
   * (open or closed: their history names it) cannot be removed.
   */
  async update(id: string, input: UpdatePipelineDto): Promise<PipelineDto> {
    return this.uow.run(async (manager) => {
      const updated = await manager.query('UPDATE crm.pipeline SET name = $3, version = version + 1, updated_at = now(), updated_by = $4 WHERE id = $1 AND version = $2 RETURNING id', [id, input.version, input.name.trim(), RequestContext.actorId() ?? null]);
      if (updated[0].length === 0) {
        const [row] = await manager.query('SELECT version FROM crm.pipeline WHERE id = $1', [id]);
        if (!row) throw CrmError.notFound('Pipeline', id);
        throw PlatformError.versionConflict('Pipeline', id, input.version, row.version);
      }
      await this.writeStages(manager, id, input);
      return this.get(id, manager);
    });
  }

  async setDefault(id: string): Promise<PipelineDto> {
    return this.uow.run(async (manager) => {
      await this.get(id, manager);
      await manager.query('UPDATE crm.pipeline SET is_default = false WHERE is_default AND id <> $1', [id]);
      await manager.query('UPDATE crm.pipeline SET is_default = true WHERE id = $1 AND NOT is_default', [id]);
      return this.get(id, manager);
    });
  }

  private async writeStages(manager: EntityManager, pipelineId: string, input: PipelineInputDto): Promise<void> {
    const existing: Array<{ id: string }> = await manager.query('SELECT id FROM crm.pipeline_stage WHERE pipeline_id = $1', [pipelineId]);
    const known = new Set(existing.map((row) => row.id));
    input.stages.forEach((stage, index) => {
      if (stage.id && !known.has(stage.id)) throw CrmError.invalidReference(`stages[${index}].id`, `Stage ${stage.id} is not a stage of this pipeline`);
      if (Number(stage.probability) > 100) throw CrmError.invalidReference(`stages[${index}].probability`, 'A probability is at most 100');
    });
    const names = input.stages.map((stage) => stage.name.trim());
    const twice = names.find((name, index) => names.indexOf(name) !== index);
    if (twice) throw CrmError.invalidReference('stages', `Two stages are called ${twice}`);
    if (input.protectFromStage !== undefined && input.protectFromStage !== null && input.protectFromStage >= input.stages.length) {
      throw CrmError.invalidReference('protectFromStage', 'must be the index of one of the stages');
    }
    const kept = new Set(input.stages.map((stage) => stage.id).filter(Boolean));
    const removed = [...known].filter((id) => !kept.has(id));
    if (removed.length > 0) {
      const [{ used }] = await manager.query('SELECT count(*)::int AS used FROM crm.opportunity WHERE stage_id = ANY($1::uuid[])', [removed]);
      if (used > 0) throw CrmError.conflict(CrmErrorCode.StageInUse, `${used} opportunities are in the stages being removed; move them to another stage first`, 'stages');
      await manager.query('UPDATE crm.pipeline SET protect_from_stage_id = NULL WHERE id = $1 AND protect_from_stage_id = ANY($2::uuid[])', [pipelineId, removed]);
      await manager.query('UPDATE crm.stage_change SET from_stage_id = NULL WHERE from_stage_id = ANY($1::uuid[])', [removed]);
      await manager.query('DELETE FROM crm.pipeline_stage WHERE id = ANY($1::uuid[])', [removed]);
    }
    // Positions move out of the way first: (pipeline, position) is unique.
    await manager.query('UPDATE crm.pipeline_stage SET position = position + 1000000 WHERE pipeline_id = $1', [pipelineId]);
    const ids: string[] = [];
    for (const [index, stage] of input.stages.entries()) {
      const id = stage.id ?? newId();
      ids.push(id);
      if (stage.id) await manager.query('UPDATE crm.pipeline_stage SET name = $2, position = $3, probability = $4, updated_at = now() WHERE id = $1', [id, stage.name.trim(), index + 1, stage.probability]);
      else await manager.query('INSERT INTO crm.pipeline_stage (id, pipeline_id, name, position, probability) VALUES ($1, $2, $3, $4, $5)', [id, pipelineId, stage.name.trim(), index + 1, stage.probability]);
    }
    if (input.protectFromStage !== undefined) {
      await manager.query('UPDATE crm.pipeline SET protect_from_stage_id = $2 WHERE id = $1', [pipelineId, input.protectFromStage === null ? null : ids[input.protectFromStage]]);
    }
  }
}

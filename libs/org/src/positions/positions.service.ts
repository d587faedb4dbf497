import { Injectable } from '@nestjs/common';
import { ReadModel, UnitOfWork, newId, saveVersioned } from '@zhongshu/platform';
import { OrgError } from '../org-error.js';
import type { CreatePositionDto, PositionDto, UpdatePositionDto } from './position.dto.js';
import { Position } from './position.entity.js';

const POSITIONS = new ReadModel<PositionDto>({
  from: 'org.position position',
  fields: { id: 'position.id', code: 'position.code', name: 'position.name', level: 'position.level', version: 'position.version' },
  sortable: {},
  defaultSort: [{ column: 'position.code', direction: 'ASC' }],
  key: 'position.id',
});

/** Positions are a short, company-wide catalogue: no data scope, no paging. */
@Injectable()
export class PositionsService {
  constructor(private readonly uow: UnitOfWork) {}

  list(): Promise<PositionDto[]> {
    return POSITIONS.list(this.uow.manager, []);
  }

  async create(input: CreatePositionDto): Promise<Position> {
    return this.uow.run(async (manager) => {
      const [existing] = await manager.query('SELECT 1 FROM org.position WHERE lower(code) = lower($1)', [input.code]);
      if (existing) throw OrgError.duplicate('code', `A position with the code ${input.code} already exists`);
      return manager.save(manager.create(Position, { id: newId(), code: input.code, name: input.name, level: input.level ?? null }));
    });
  }

  async update(id: string, change: UpdatePositionDto): Promise<Position> {
    return this.uow.run(async (manager) => {
      const position = await manager.findOne(Position, { where: { id } });
      if (!position) throw OrgError.notFound('Position', id);
      if (change.name !== undefined) position.name = change.name;
      if (change.level !== undefined) position.level = change.level;
      return saveVersioned(manager, position, change.version, 'Position');
    });
  }
}

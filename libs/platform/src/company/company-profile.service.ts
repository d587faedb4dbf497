import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work.js';
import { saveVersioned } from '../database/save-versioned.js';
import { PlatformError } from '../errors/domain-error.js';
import { CompanyProfile } from './company-profile.entity.js';
import type { UpdateCompanyProfileDto } from './company-profile.dto.js';

@Injectable()
export class CompanyProfileService {
  constructor(private readonly uow: UnitOfWork) {}

  async get(): Promise<CompanyProfile> {
    const [profile] = await this.uow.repo(CompanyProfile).find({ order: { createdAt: 'ASC' }, take: 1 });
    if (!profile) throw PlatformError.notFound('Company profile', 'singleton');
    return profile;
  }

  async update(change: UpdateCompanyProfileDto): Promise<CompanyProfile> {
    return this.uow.run(async (manager) => {
      const profile = await this.get();
      const { version, ...fields } = change;
      Object.assign(profile, fields);
      return saveVersioned(manager, profile, version, 'Company profile');
    });
  }
}

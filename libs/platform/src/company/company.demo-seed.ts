import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DemoSeeder, type DemoSeed } from '../seed/demo-seeder.js';
import { CompanyProfile } from './company-profile.entity.js';

/** The demo company: a mid-sized Suzhou maker of precision machine parts. */
@DemoSeeder()
@Injectable()
export class CompanyDemoSeed implements DemoSeed {
  readonly name = 'platform.company';

  async seed(manager: EntityManager): Promise<void> {
    const repository = manager.getRepository(CompanyProfile);
    const [profile] = await repository.find({ order: { createdAt: 'ASC' }, take: 1 });
    const demo = {
      name: '华东精工',
      legalName: '苏州华东精工机械有限公司',
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
      locale: 'zh-CN',
      taxNumber: '91320594MA1XYZ8K3Q',
      address: '江苏省苏州市工业园区星湖街 218 号',
      fiscalYearStartMonth: 1,
    };
    if (profile) {
      Object.assign(profile, demo);
      await repository.save(profile);
    } else {
      await repository.save(repository.create(demo));
    }
  }
}

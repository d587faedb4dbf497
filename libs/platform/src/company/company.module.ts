import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompanyProfileController } from './company-profile.controller.js';
import { CompanyProfile } from './company-profile.entity.js';
import { CompanyProfileService } from './company-profile.service.js';
import { CompanyDemoSeed } from './company.demo-seed.js';

@Module({
  imports: [TypeOrmModule.forFeature([CompanyProfile])],
  controllers: [CompanyProfileController],
  providers: [CompanyProfileService, CompanyDemoSeed],
  exports: [CompanyProfileService],
})
export class CompanyModule {}

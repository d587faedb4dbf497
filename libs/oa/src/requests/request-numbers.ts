import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, UnitOfWork, type AppConfig } from '@zhongshu/platform';

/**
 * 审批单号 `OA-<year>-<6 digits>`: a counter row per year, taken by an upsert whose row
 * lock holds until the submitting transaction ends, so numbers are unique and a
 * rolled-back submission gives its number back. The year is the company's.
 */
@Injectable()
export class RequestNumbers {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async next(at: Date): Promise<string> {
    const year = Number(new Intl.DateTimeFormat('en', { timeZone: this.config.timeZone, year: 'numeric' }).format(at));
    const [row] = await this.uow.manager.query(
      `INSERT INTO oa.number_sequence AS s (year, last_value) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_value = s.last_value + 1 RETURNING last_value`,
      [year],
    );
    return `OA-${year}-${String(row.last_value).padStart(6, '0')}`;
  }
}

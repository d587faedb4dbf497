import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, UnitOfWork, type AppConfig } from '@zhongshu/platform';

/**
 * 审批单号 `OA-<year>-<6 digits>` from a PostgreSQL sequence per year (made on the year's
 * first request, `oa.next_request_number`): unique, in order, and never a lock held
 * for the rest of the submitting transaction, which a counter row per year would be.
 * A rolled-back submission leaves a gap. The year is the company's.
 */
@Injectable()
export class RequestNumbers {
  // One formatter for the company's zone: making one per request cost more than the rest of numbering.
  private readonly years: Intl.DateTimeFormat;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.years = new Intl.DateTimeFormat('en', { timeZone: config.timeZone, year: 'numeric' });
  }

  async next(at: Date): Promise<string> {
    const year = Number(this.years.format(at));
    const [row] = await this.uow.manager.query('SELECT oa.next_request_number($1) AS n', [year]);
    return `OA-${year}-${String(row.n).padStart(6, '0')}`;
  }
}

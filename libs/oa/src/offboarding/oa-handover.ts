import { Injectable } from '@nestjs/common';
import type { HandoverItem, PersonHandover } from '@zhongshu/contracts';
import { LeaverTasks } from './leaver-tasks.js';

/**
 * OA's answer to org's offboarding dialog (the PERSON_HANDOVER port): the person's open
 * approval tasks, each with the request it belongs to and who takes it over, exactly as
 * `oa.reassign-leaver-tasks` will move them when the person leaves.
 */
@Injectable()
export class OaHandover implements PersonHandover {
  constructor(private readonly leavers: LeaverTasks) {}

  async openWork(personId: string): Promise<HandoverItem[]> {
    return (await this.leavers.openTasksOf(personId)).map((task) => ({
      context: 'oa',
      kind: 'oa.task',
      id: task.taskId,
      title: task.request.title,
      reference: task.request.number,
      step: task.nodeName,
      link: `/oa/requests/${task.request.id}`,
      movesTo: task.movesTo,
    }));
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Files } from '@zhongshu/platform';
import { RequestAccess } from '../requests/request-access.js';

/** Files a request refers to may be downloaded by whoever may read the request. */
@Injectable()
export class OaFileAccess implements OnModuleInit {
  constructor(
    private readonly files: Files,
    private readonly access: RequestAccess,
  ) {}

  onModuleInit(): void {
    this.files.registerReadCheck((principal, fileId) => this.access.canReadFile(principal, fileId));
  }
}

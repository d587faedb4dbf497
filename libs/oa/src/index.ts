export { OaModule } from './oa.module.js';
export { OaRequests } from './business/oa-requests.js';
export type { BusinessApprovalInput } from './business/oa-requests.js';

export { CrmModule } from './crm.module.js';
export { companyNameKey, creditCodeCheckCharacter, creditCodeProblem } from './customers/customer-keys.js';

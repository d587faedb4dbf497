/**
 * The boundaries of ../shared/ARCHITECTURE.md, enforced: a context imports only the
 * platform and the contracts, never another context; the platform and the contracts
 * import no context; the contracts stay free of Nest and TypeORM so the SPA can use
 * them. test/lint/boundaries.spec.ts proves each rule fires.
 */
const CONTEXTS = '(org|oa|crm|erp|mes)';

module.exports = {
  forbidden: [
    {
      name: 'no-cross-context',
      comment: 'A context talks to another through events or a query port in libs/contracts.',
      severity: 'error',
      from: { path: `^libs/${CONTEXTS}/` },
      to: { path: `^libs/${CONTEXTS}/`, pathNot: '^libs/$1/' },
    },
    {
      name: 'platform-knows-no-context',
      severity: 'error',
      from: { path: '^libs/(platform|contracts)/' },
      to: { path: `^libs/${CONTEXTS}/` },
    },
    {
      name: 'contracts-stay-plain',
      comment: 'libs/contracts is shared with the SPA: no Nest, no TypeORM, no platform.',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: ['^libs/platform/', 'node_modules/(@nestjs|typeorm)'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(libs|apps)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsConfig: { fileName: 'tsconfig.base.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};

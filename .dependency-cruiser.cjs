/**
 * The boundaries of docs/ARCHITECTURE.md, enforced: a context imports only the
 * platform and the contracts, never another context; the platform and the contracts
 * import no context; the contracts stay free of Nest and TypeORM so the SPA can use
 * them. test/lint/boundaries.spec.ts proves each rule fires.
 *
 * Every folder under libs/ other than platform and contracts is a context: the rule
 * names no context, so one added later is held by it without an edit here.
 */
const CONTEXT = '(?!platform/|contracts/)([^/]+)';
const ANY_CONTEXT = '(?!platform/|contracts/)[^/]+';

module.exports = {
  forbidden: [
    {
      name: 'no-cross-context',
      comment: 'A context talks to another through events or a query port in libs/contracts.',
      severity: 'error',
      from: { path: `^libs/${CONTEXT}/` },
      to: { path: `^libs/${ANY_CONTEXT}/`, pathNot: '^libs/$1/' },
    },
    {
      name: 'platform-knows-no-context',
      severity: 'error',
      from: { path: '^libs/(platform|contracts)/' },
      to: { path: `^libs/${ANY_CONTEXT}/` },
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

// Jest (before Node 24.9) cannot `require` an ES module, but some CommonJS packages we
// depend on do (@fastify/static requires the ESM-only content-disposition 3). Node
// itself handles that natively; for Jest only, each such package gets a CommonJS copy,
// transpiled by TypeScript into node_modules/.cache and mapped in jest.config.js.
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const ts = require('typescript');

const ESM_ONLY_REQUIRED_BY_CJS = ['content-disposition'];

function commonJsCopies(rootDir) {
  const requireFromRoot = createRequire(join(rootDir, 'package.json'));
  const cacheDir = join(rootDir, 'node_modules', '.cache', 'zhongshu-jest');
  mkdirSync(cacheDir, { recursive: true });
  const mapper = {};
  for (const name of ESM_ONLY_REQUIRED_BY_CJS) {
    const source = readFileSync(requireFromRoot.resolve(name), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    });
    const target = join(cacheDir, `${name.replace('/', '__')}.cjs`);
    writeFileSync(target, outputText);
    mapper[`^${name}$`] = target;
  }
  return mapper;
}

module.exports = { commonJsCopies };

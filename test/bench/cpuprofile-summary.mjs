// Summarises a V8 .cpuprofile (from `node --cpu-prof`, e.g. BENCH_API_NODE_ARGS):
// self time by function and by package, the top N of each.
//   node test/bench/cpuprofile-summary.mjs <file.cpuprofile> [N] [--last=SECONDS]
// --last keeps only the profile's final seconds (the measured window, not start-up).
import { readFileSync } from 'node:fs';

const last = process.argv.find((arg) => arg.startsWith('--last='));
const [file, limitArg] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
if (!file) {
  console.error('usage: node test/bench/cpuprofile-summary.mjs <file.cpuprofile> [N]');
  process.exit(2);
}
const limit = Number(limitArg ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map();
// timeDeltas[i] is the time before sample i; attribute each sample its delta.
const from = last ? profile.endTime - Number(last.slice('--last='.length)) * 1e6 : -Infinity;
let at = profile.startTime;
for (let index = 0; index < profile.samples.length; index += 1) {
  at += profile.timeDeltas[index] ?? 0;
  if (at < from) continue;
  const id = profile.samples[index];
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
}
const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);

function packageOf(url) {
  if (!url) return '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node';
  const libs = /\/(libs|apps)\/([^/]+)\//.exec(url);
  return libs ? `${libs[1]}/${libs[2]}` : url;
}

const functions = new Map();
const packages = new Map();
for (const [id, micros] of selfMicros) {
  const { callFrame } = byId.get(id);
  const where = callFrame.url ? `${callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(libs|apps)\//, '$1/')}:${callFrame.lineNumber + 1}` : '';
  const name = `${callFrame.functionName || '(anonymous)'} ${where}`;
  functions.set(name, (functions.get(name) ?? 0) + micros);
  const pkg = packageOf(callFrame.url);
  packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
}

const show = (title, entries) => {
  console.log(`\n${title}`);
  for (const [name, micros] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    console.log(`${((micros / total) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  }
};
console.log(`total ${(total / 1000).toFixed(0)} ms in ${profile.samples.length} samples`);
show('self time by package', packages);
show('self time by function', functions);

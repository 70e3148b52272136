import { readFileSync } from 'node:fs';

// `npx tsx bench/top.ts FILE.cpuprofile [N] [SECONDS]`: the N functions with the most self time in a V8 CPU profile
// (what `npm run bench -- --cpu-prof DIR` writes), with their share of the samples: where to look first. SECONDS
// keeps only the samples of the profile's last seconds, i.e. the load, not the start-up. Idle time is left out.

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const [file, count = '25', lastSeconds] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx bench/top.ts FILE.cpuprofile [N] [SECONDS]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const times: number[] = [];
let clock = 0;
for (const delta of profile.timeDeltas) {
  clock += delta;
  times.push(clock);
}
const from = lastSeconds ? clock - Number(lastSeconds) * 1e6 : -Infinity;
const selfSamples = new Map<string, number>();
let total = 0;
for (const [index, sample] of profile.samples.entries()) {
  const frame = byId.get(sample)?.callFrame;
  if (!frame || (times[index] ?? 0) < from || frame.functionName === '(idle)') continue;
  total++;
  const where = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(node_modules|src|mocks|bench)\//, '$1/')}:${frame.lineNumber + 1}`;
  selfSamples.set(where, (selfSamples.get(where) ?? 0) + 1);
}
for (const [where, samples] of [...selfSamples].sort((a, b) => b[1] - a[1]).slice(0, Number(count))) {
  console.log(`${((samples / total) * 100).toFixed(1).padStart(5)}%  ${where}`);
}

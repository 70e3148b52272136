#!/usr/bin/env node
// @ts-check
// The package's command (`npx workflow-run-mocks ...`): with no command, the mock server, with the same flags as
// `npm start`; `contract`, `conformance` and `lifecycle` run the checks of `npm run contract|conformance|lifecycle`.
// Each runs the package's compiled JavaScript in lib/ (scripts/build-package.ts), with plain Node.

const COMMANDS = ['contract', 'conformance', 'lifecycle'];
const [first] = process.argv.slice(2);
const command = first !== undefined && COMMANDS.includes(first) ? first : 'server';
// The command's own flag parsing reads process.argv from its third element on, as it does under npm run.
if (command !== 'server') process.argv.splice(2, 1);
else if (process.argv.includes('--help')) process.stdout.write(`Commands: workflow-run-mocks [${COMMANDS.join('|')}] --help\n\n`);
await import(new URL(`../lib/cli/${command}.js`, import.meta.url).href);

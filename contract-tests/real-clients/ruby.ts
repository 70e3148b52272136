import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

// Ruby for SecZetta's scripts: Debian's `ruby` (CI installs it). Without one the tests skip and say why; CI sets
// REQUIRE_RUBY=1 so a missing ruby fails there instead.

export function rubyUnavailable(): string | undefined {
  if (spawnSync('ruby', ['--version'], { encoding: 'utf8' }).status === 0) return undefined;
  if (process.env['REQUIRE_RUBY'] === '1') throw new Error('REQUIRE_RUBY=1 but no ruby on PATH');
  return 'no ruby on PATH: SecZetta Ruby client tests skipped (CI installs Debian ruby)';
}

/**
 * A vendor script with exact strings replaced, each of which must occur: if SecZetta's script changes, the test
 * says which expected line it no longer finds instead of running the script against the real host.
 */
export function rewrite(source: string, name: string, replacements: readonly (readonly [string, string])[]): string {
  return replacements.reduce((text, [from, to]) => {
    if (!text.includes(from)) throw new Error(`${name} no longer contains ${JSON.stringify(from)}: update the rewrite`);
    return text.split(from).join(to);
  }, source);
}

export interface RubyRun {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `script` in `cwd` with `includeDir` on the load path (`-I`), killed after `timeoutMs`. */
export async function runRuby(script: string, options: { readonly cwd: string; readonly includeDir: string; readonly timeoutMs: number }): Promise<RubyRun> {
  try {
    return await promisify(execFile)('ruby', ['-I', options.includeDir, script], { cwd: options.cwd, timeout: options.timeoutMs, encoding: 'utf8' });
  } catch (error) {
    // execFile's message repeats stderr; its first line and the signal (a timeout kills) say enough.
    const failed = error as Error & Partial<RubyRun> & { signal?: string | null };
    const why = `${failed.message.split('\n')[0] ?? ''}${failed.signal ? ` (${failed.signal})` : ''}`;
    throw new Error(`ruby ${script} failed: ${why}\nstdout:\n${failed.stdout ?? ''}\nstderr:\n${failed.stderr ?? ''}`);
  }
}

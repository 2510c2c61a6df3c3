/** The benchmarks' command line: `--name` flags and `--name <number>` options. */
const args = process.argv.slice(2);

export const flag = (name: string) => args.includes(`--${name}`);

export function option(name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number`);
  return value;
}

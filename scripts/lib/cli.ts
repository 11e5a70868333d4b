/** What every command of ours does around its main function: progress to stderr, errors as one line, exit codes. */
export const log = (line: string): void => void process.stderr.write(`${line}\n`);

export function runMain(name: string, main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      log(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    },
  );
}

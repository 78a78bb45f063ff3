/** Where the CLI writes: injectable so tests run commands in process and read their output. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

// A reader that stops early (`chronokube history | head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/**
 * `sharq dlq list | head` closes stdout early. Like other Unix tools, the CLI then stops quietly
 * instead of crashing with an unhandled EPIPE stack trace.
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

// A refusal meant for the person running a command or the server (a bad setting, a file in
// use): commands print its message as one line and exit with code 2, never a stack trace.
export class OperatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

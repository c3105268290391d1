/**
 * Why an auto-resume did not happen. The consent itself succeeded (the
 * token is stored), so these are reported through `onError`, never turned
 * into an error page: the client can still resume on its own.
 */
export type AutoResumeErrorCode =
  /** The thread kept running other runs for longer than `busyTimeoutMs`. */
  | "auto_resume_thread_busy"
  /** The LangGraph server or the graph refused or failed the resume. */
  | "auto_resume_failed";

export class AutoResumeError extends Error {
  override name = "AutoResumeError";
  readonly code: AutoResumeErrorCode;
  readonly threadId: string;
  readonly authId: string;
  constructor(code: AutoResumeErrorCode, message: string, ids: { threadId: string; authId: string }, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.threadId = ids.threadId;
    this.authId = ids.authId;
  }
  toJSON(): { name: string; code: AutoResumeErrorCode; message: string; threadId: string; authId: string } {
    return { name: this.name, code: this.code, message: this.message, threadId: this.threadId, authId: this.authId };
  }
}

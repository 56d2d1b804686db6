/** A service binary that can be neither found nor built here; the message says what to install or set. */
export class ToolUnavailableError extends Error {
  override name = 'ToolUnavailableError';
}

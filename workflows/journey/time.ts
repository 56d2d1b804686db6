/**
 * The current workflow time in epoch ms. Inside the workflow sandbox `Date` is the SDK's deterministic
 * clock (the start time of the current workflow task), the same on every replay.
 */
export const workflowNow = (): number => new Date().getTime();

// Journeys: the graph marketers draw, its compiler to the immutable version runs interpret, and the
// pure helpers those runs use (A/B choice, time-of-day delays, run ids).
export * from './abSplit';
export * from './compile';
export * from './delayUntil';
export * from './examples';
export * from './executable';
export * from './goals';
export * from './graph';
export * from './listeningEvents';
export * from './nodes/condition';
export * from './nodes/delay';
export * from './nodes/entry';
export * from './nodes/exit';
export * from './nodes/inactivity';
export * from './nodes/node';
export * from './nodes/sendMessage';
export * from './nodes/split';
export * from './nodes/updateProfile';
export * from './nodes/waitForEvent';
export * from './problems';
export * from './references';
export * from './runIds';
export * from './timezones';
export * from './api';
export * from './dateTrigger';

/**
 * Tests on simulated time: each path a test drives is an actor on the clock
 * (infra/local/simulatedActors.ts); `poll` settles the runtime, looks, and
 * lets time move one step only when what it waits for has not happened.
 */
export { asActor, poll } from '../../infra/local/simulatedActors';

/** A Monday with no public holiday near it: working-day deadlines are the same on every run. */
export const SIMULATION_START = Date.parse('2026-03-02T01:00:00.000Z');

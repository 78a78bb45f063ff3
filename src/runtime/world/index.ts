/**
 * The simulated world outside the API (runtime/world): container
 * behaviours, node faults, injected crashes and pod IPAM behind model's
 * `World` interface. Re-exported by the runtime's front door.
 */
export * from './create-world.js';
export * from './behaviour-rules.js';
export * from './pod-ipam.js';

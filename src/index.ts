/**
 * chronokube's library entry point (`import … from 'chronokube'`): the
 * pieces a user needs to write and test controllers, open and explain
 * histories, and run clusters in process. Each layer's own front door
 * (`src/<layer>/index.ts`) has the full surface.
 */
export * from './model/index.js';
export * from './log/index.js';
export * from './store/index.js';
export * from './api/index.js';
export * from './controllers/index.js';
export * from './runtime/index.js';
export * from './debug/index.js';
export * from './http/index.js';
export * as testing from './testing/index.js';

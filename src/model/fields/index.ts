/** Field selectors: parsing, matching, and each kind's selectable fields. */
export * from './field-selector.js';
export * from './selectable-fields.js';

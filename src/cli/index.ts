/**
 * cli/ — the `chronokube` command line: argument parsing, output formats and
 * the error edge. A leaf: nothing imports it. It may import every layer.
 */
export { run } from './main.js';

import { createMemoryLog } from '../../src/log/index.js';
import { describeLogConformance } from './log-conformance.js';
import { HEADER } from './log-fixtures.js';

describeLogConformance('memory', async () => createMemoryLog(HEADER));

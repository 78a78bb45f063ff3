/**
 * The in-process stack for runtime tests: memory log, store, API, virtual
 * clock, SimScheduler and a controller manager, all from one seed.
 */
import type { Api } from '../../src/api/index.js';
import { createApi } from '../../src/api/index.js';
import type { Log } from '../../src/log/index.js';
import { createMemoryLog } from '../../src/log/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION, seededIds, seededRandom } from '../../src/model/index.js';
import type { VirtualClock } from '../../src/runtime/index.js';
import { ControllerManager, SimScheduler, virtualClock } from '../../src/runtime/index.js';
import type { Store } from '../../src/store/index.js';
import { openStore } from '../../src/store/index.js';

export interface TestEngine {
  readonly api: Api;
  readonly log: Log;
  readonly store: Store;
  readonly clock: VirtualClock;
  readonly scheduler: SimScheduler;
  readonly manager: ControllerManager;
}

export async function testEngine(seed = 7): Promise<TestEngine> {
  const log = createMemoryLog({ format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: Date.UTC(2026, 0, 1), clock: 'virtual', seed });
  const store = await openStore(log);
  const clock = virtualClock(0);
  const api = createApi({ log, store, clock, ids: seededIds(seededRandom(seed)) });
  await api.bootstrap();
  const scheduler = new SimScheduler(clock);
  const manager = new ControllerManager({ api, store, log, scheduler, seed });
  return { api, log, store, clock, scheduler, manager };
}

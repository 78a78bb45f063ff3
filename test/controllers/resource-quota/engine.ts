/** testEngine with the ResourceQuota admission plugin in the API's chain. */
import { createApi, resourceQuotaPlugin } from '../../../src/api/index.js';
import { createMemoryLog } from '../../../src/log/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION, seededIds, seededRandom } from '../../../src/model/index.js';
import { ControllerManager, SimScheduler, virtualClock } from '../../../src/runtime/index.js';
import { openStore } from '../../../src/store/index.js';
import type { TestEngine } from '../../runtime/engine.js';

export const EPOCH = Date.UTC(2026, 0, 1);

export async function quotaEngine(seed = 7): Promise<TestEngine> {
  const log = createMemoryLog({ format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: EPOCH, clock: 'virtual', seed });
  const store = await openStore(log);
  const clock = virtualClock(0);
  const api = createApi({ log, store, clock, ids: seededIds(seededRandom(seed)), admission: [resourceQuotaPlugin({ now: () => EPOCH + clock.now() })] });
  await api.bootstrap();
  const scheduler = new SimScheduler(clock);
  const manager = new ControllerManager({ api, store, log, scheduler, seed });
  return { api, log, store, clock, scheduler, manager };
}

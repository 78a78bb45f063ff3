/** The ReplicaSet controller as built: replaying its own history must not diverge. */
import { replicaSetController } from '../../../src/controllers/index.js';

export const controllers = [replicaSetController];

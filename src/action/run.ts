// The Action's composition root: do not add logic here (see runner.ts).
import { realEnvironment } from './environment.js';
import { runAction } from './runner.js';

await runAction(realEnvironment());

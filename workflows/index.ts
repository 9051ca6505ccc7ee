export { cycleWorkflow } from './cycle.js';
export { taskWorkflow } from './task.js';

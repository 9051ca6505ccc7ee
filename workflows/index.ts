export { cycleWorkflow } from './cycle.js';
export { scheduledLaunchWorkflow } from './scheduled.js';
export { taskWorkflow } from './task.js';

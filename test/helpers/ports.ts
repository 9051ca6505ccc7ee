export { freePortFor as freePort } from '../../bin/ports.js';

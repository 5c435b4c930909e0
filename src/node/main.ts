/**
 * The entry point's earlier name (`node build/node/main.js`), kept so that existing units, images
 * and scripts keep working: the same command as build/node/cli.js (src/node/cli.ts).
 */
import './cli.js';

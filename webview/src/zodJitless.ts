/**
 * The panel's CSP allows no eval, and zod probes for it (`new Function`) when it builds its first
 * object schema — a CSP violation report on every load. Turning zod's JIT off skips the probe.
 * main.ts imports this module first, so it runs before protocol.ts builds its schemas.
 */
import * as z from 'zod';

z.config({ jitless: true });

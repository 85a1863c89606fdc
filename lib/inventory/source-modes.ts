import type { Db } from '@/db';
import { sourceModeFor, type SourceMode } from '@/lib/vendors/source';
import { hasNinjaOneCredentials } from '@/lib/vendors/ninjaone/source';
import { hasThreatLockerCredentials } from '@/lib/vendors/threatlocker/source';

// Whether each vendor is live, simulated (demo mode) or unconfigured, without starting anything.
export const ninjaOneSourceMode = (db: Db): Promise<SourceMode> => sourceModeFor(db, hasNinjaOneCredentials());
export const threatLockerSourceMode = (db: Db): Promise<SourceMode> => sourceModeFor(db, hasThreatLockerCredentials());

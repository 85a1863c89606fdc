export type { QbrOrganization } from '@/db/queries/qbr';
export type { QbrConfig } from './config';
export type { InputRow, ScoreCard } from './dashboard';
export type { QbrFreshness } from './freshness';

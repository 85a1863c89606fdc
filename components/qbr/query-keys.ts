// React Query keys for the QBR domain. Every key starts with ['qbr', <entity>]
// so that a mutation can invalidate one entity (or everything) by prefix.

export const qbrKeys = {
  all: ['qbr'] as const,
  config: () => [...qbrKeys.all, 'config'] as const,
  /** One client's metrics and the SmartNumbers computed from them. */
  organization: (id: number) => [...qbrKeys.all, 'organizations', id] as const,
};

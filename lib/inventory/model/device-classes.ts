// Device classifications shared by the cross-vendor checks and the Windows 11
// assessment. The codes match the original's lookup seeds so that stored rows
// and reports keep the same words.

export const DEVICE_TYPES = ['server', 'workstation', 'unknown'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export const BILLING_STATUSES = ['billable', 'spare', 'unknown'] as const;
export type BillingStatus = (typeof BILLING_STATUSES)[number];

import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getPageContext } from '@/lib/auth/page-context';

export default async function InventoryPage() {
  await getPageContext('inventory:read');
  return (
    <>
      <PageHeader title="Inventory" description="Devices from NinjaOne and ThreatLocker, cross-vendor exceptions and Windows 11 readiness." />
      <EmptyState title="No inventory snapshot yet">No collector has run against NinjaOne or ThreatLocker on this installation.</EmptyState>
    </>
  );
}

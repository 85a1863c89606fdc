import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getPageContext } from '@/lib/auth/page-context';

export default async function QbrPage() {
  await getPageContext('qbr:read');
  return (
    <>
      <PageHeader title="QBR" description="Quarterly business review metrics and SmartNumbers per client and quarter." />
      <EmptyState title="No QBR metrics yet">No ConnectWise or QuickBooks collection has run on this installation.</EmptyState>
    </>
  );
}

import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import type { AssessmentDto } from '@/lib/inventory/dto';
import { READINESS_LABELS } from '../labels';

const REQUIREMENTS: Record<string, string> = {
  architecture: '64-bit',
  memory: 'Memory',
  storage: 'Storage',
  tpm: 'TPM',
  secure_boot: 'Secure Boot',
  processor: 'Processor',
  instruction_set: 'SSE4.2/POPCNT',
};

export const requirementLabel = (r: string) => REQUIREMENTS[r] ?? r;

/** Devices with their readiness and, for each failed requirement, what it is, what is needed and what to do. */
export function ReadinessDevices({ devices, label }: { devices: AssessmentDto[]; label: string }) {
  if (devices.length === 0) return <EmptyState title="No devices">Nothing to show here.</EmptyState>;
  return (
    <Table label={label}>
      <THead>
        <Th>Device</Th>
        <Th>Client</Th>
        <Th>Readiness</Th>
        <Th>Why, and what to do</Th>
      </THead>
      <TBody>
        {devices.map((d) => {
          const tone = READINESS_LABELS[d.outcome] ?? { label: d.status, tone: 'slate' as const };
          return (
            <tr key={d.device_id}>
              <Td>
                <span className="block font-mono text-xs">{d.hostname ?? d.device_id}</span>
                <span className="block text-xs text-slate-500">{[d.display_name, d.os_name].filter(Boolean).join(' · ')}</span>
              </Td>
              <Td>{d.organization}</Td>
              <Td>
                <Badge tone={tone.tone}>{d.status}</Badge>
              </Td>
              <Td className="min-w-72">
                {d.deficiencies.length === 0 ? (
                  <span className="text-slate-600">Meets every requirement</span>
                ) : (
                  <ul className="space-y-1">
                    {d.deficiencies.map((x) => (
                      <li key={x.requirement} className="text-xs">
                        <span className="font-medium text-slate-900">{requirementLabel(x.requirement)}:</span> {x.current_value ?? 'not reported'} (needs {x.required_value}).{' '}
                        <span className="text-slate-600">{x.remediation}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </Td>
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}

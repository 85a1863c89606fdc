import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import type { InputRow } from '@/lib/qbr/dto';
import { formatValue, sourceLabel } from './format';

const NINJA_METRICS = new Set(['endpoints_managed', 'seats_managed']);

/** The monthly inputs behind the SmartNumbers, each with where it came from. */
export function InputsTable({ rows, months }: { rows: InputRow[]; months: string[] }) {
  return (
    <Table label="Monthly inputs and their sources">
      <THead>
        <Th>Metric</Th>
        {months.map((m) => (
          <Th key={m} className="text-right">
            {m}
          </Th>
        ))}
      </THead>
      <TBody>
        {rows.map((r) => (
          <tr key={r.metric_name} data-testid={`input-${r.metric_name}`}>
            <Td className="whitespace-nowrap font-medium text-slate-800">{r.label}</Td>
            {r.values.map((v) => (
              <Td key={v.period} className="text-right align-top">
                <span className="block tabular-nums text-slate-900">{formatValue(v.value, r.unit)}</span>
                <span className="block text-xs text-slate-500" title={v.notes ?? undefined}>
                  {v.data_source === 'collected' ? (NINJA_METRICS.has(r.metric_name) ? 'NinjaOne' : 'ConnectWise') : sourceLabel(v.data_source)}
                  {v.is_override ? ' (override)' : ''}
                </span>
                {v.alternatives.length > 0 && (
                  <span className="block text-xs text-slate-400">
                    also {v.alternatives.map((a) => `${sourceLabel(a.data_source).toLowerCase()} ${formatValue(a.value, r.unit)}`).join(', ')}
                  </span>
                )}
              </Td>
            ))}
          </tr>
        ))}
      </TBody>
    </Table>
  );
}

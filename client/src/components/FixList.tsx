/**
 * The ranked fixes with a checkbox each; ticking runs the what-if (the selection lives in the URL). With
 * `onStatus`, each row shows its lifecycle (status, owner, due date) and a status picker.
 */
import type { PlanResponse } from '../api/types.js';
import { fmt } from './charts.js';
import { useCan } from '../role.js';

const SETTABLE = ['open', 'in-progress', 'done'] as const;

function Lifecycle({ row, onStatus }: { row: PlanResponse['rows'][number]; onStatus: (fixId: string, status: string) => void }) {
  const l = row.lifecycle;
  const canSet = useCan('analyst');
  if (!l) return <><td>not tracked</td><td /><td /></>;
  return (
    <>
      <td>
        {canSet && SETTABLE.includes(l.status as (typeof SETTABLE)[number])
          ? <select aria-label={`status of fix ${row.rank}`} value={l.status} onChange={(e) => onStatus(row.fixId, e.target.value)}>{SETTABLE.map((s) => <option key={s} value={s}>{s}</option>)}</select>
          : <span className={`status-${l.status}`}>{l.status}</span>}
      </td>
      <td>{l.owner ?? '—'}</td>
      <td className={l.overdue ? 'overdue' : undefined}>{l.due}{l.overdue ? ' (overdue)' : ''}<br /><small>{l.tier}</small></td>
    </>
  );
}

export function FixList({ plan, selected, onChange, compact, onStatus }: { plan: PlanResponse; selected: string[]; onChange: (fixes: string[]) => void; compact?: boolean; onStatus?: (fixId: string, status: string) => void }) {
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((f) => f !== id));
  return (
    <table className="fixes">
      <thead>
        <tr><th scope="col">Apply</th><th scope="col">#</th><th scope="col">Fix</th>{!compact && <><th scope="col">Family</th><th scope="col">NIS2 (2024/2690 · IEC 62443)</th></>}<th scope="col">Cost (person-days)</th><th scope="col">Risk removed</th>{!compact && <th scope="col">Risk after</th>}{onStatus && <><th scope="col">Status</th><th scope="col">Owner</th><th scope="col">Due (SLA)</th></>}</tr>
      </thead>
      <tbody>
        {plan.rows.map((r) => (
          <tr key={r.fixId}>
            <td><input type="checkbox" aria-label={`apply fix ${r.rank}: ${r.action}`} checked={selected.includes(r.fixId)} onChange={(e) => toggle(r.fixId, e.target.checked)} /></td>
            <td>{r.rank}</td>
            <td title={r.explain}>{r.action}</td>
            {!compact && <><td>{r.family}</td><td>{r.nis2}<br /><small>§{r.cir2690}{r.iec62443 ? ` · ${r.iec62443}` : ''}</small></td></>}
            <td>{r.cost}</td>
            <td>{fmt(r.riskRemoved)}</td>
            {!compact && <td>{fmt(r.riskAfter)}</td>}
            {onStatus && <Lifecycle row={r} onStatus={onStatus} />}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

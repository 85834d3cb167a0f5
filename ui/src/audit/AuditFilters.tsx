import { Button, Group, Select } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import type { AuditFilter } from "../bindings/AuditFilter";
import type { UserSummary } from "../bindings/UserSummary";
import { ACTION_CHOICES } from "./actions";
import { PatientFilter } from "./PatientFilter";

type Props = {
  filter: AuditFilter;
  users: UserSummary[];
  onChange: (filter: AuditFilter) => void;
};

/** Who, which patient, what, and between which days (the clinic's own days, inclusive). */
export function AuditFilters({ filter, users, onChange }: Props) {
  const set = (part: Partial<AuditFilter>) => onChange({ ...filter, ...part });
  const empty = !filter.user_id && !filter.patient_id && !filter.action && !filter.from && !filter.to;
  return (
    <Group align="flex-end" gap="xs" wrap="wrap">
      <Select
        label="Staff member"
        placeholder="Anyone"
        clearable
        searchable
        data={users.map((u) => ({ value: String(u.id), label: u.display_name }))}
        value={filter.user_id ? String(filter.user_id) : null}
        onChange={(v) => set({ user_id: v === null ? null : Number(v) })}
        w={180}
        data-testid="audit-filter-user"
      />
      <PatientFilter value={filter.patient_id ?? null} onChange={(patient_id) => set({ patient_id })} />
      <Select
        label="Action"
        placeholder="Any"
        clearable
        searchable
        data={ACTION_CHOICES}
        value={filter.action ?? null}
        onChange={(v) => set({ action: (v as AuditFilter["action"]) ?? null })}
        w={180}
        data-testid="audit-filter-action"
      />
      <DateInput
        label="From"
        placeholder="First day"
        valueFormat="YYYY-MM-DD"
        clearable
        value={filter.from ?? null}
        onChange={(v) => set({ from: v })}
        w={128}
        data-testid="audit-filter-from"
      />
      <DateInput
        label="To"
        placeholder="Last day"
        valueFormat="YYYY-MM-DD"
        clearable
        value={filter.to ?? null}
        onChange={(v) => set({ to: v })}
        w={128}
        data-testid="audit-filter-to"
      />
      <Button variant="subtle" color="gray" disabled={empty} onClick={() => onChange({})}>
        Clear filters
      </Button>
    </Group>
  );
}

import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { IconDownload, IconFileCheck, IconShieldSearch } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toApiError } from "../api";
import type { AuditExport } from "../bindings/AuditExport";
import type { AuditFilter } from "../bindings/AuditFilter";
import type { AuditVerification } from "../bindings/AuditVerification";
import type { UserSummary } from "../bindings/UserSummary";
import { ErrorAlert } from "../components/ErrorAlert";
import { useApiErrorHandler, useCan } from "../lib/session";
import { queryKeys } from "../query/keys";
import { securityApi } from "../security/api";
import { useUsers } from "../staff/queries";
import { AuditFilters } from "./AuditFilters";
import { AuditTable } from "./AuditTable";
import { useAuditLog } from "./useAuditLog";
import { VerifyPanel } from "./VerifyPanel";

const NO_USERS: UserSummary[] = [];

/** The audit log for admins: every sign-in, lock, read and change, filtered, verified, exported. */
export function AuditPage() {
  const can = useCan();
  const handleError = useApiErrorHandler();
  const [filter, setFilter] = useState<AuditFilter>({});
  // Only names for the filter: without them the log still reads, so a failure shows nothing.
  const users = useUsers().data ?? NO_USERS;
  const queryClient = useQueryClient();
  const log = useAuditLog(filter);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [exported, setExported] = useState<AuditExport | null>(null);
  const [busy, setBusy] = useState<"verify" | "export" | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  async function run<T>(which: "verify" | "export", work: () => Promise<T>, done: (value: T) => void) {
    setBusy(which);
    setActionError(null);
    try {
      done(await work());
      // Verifying and exporting are themselves written to the log.
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit.all });
    } catch (reason) {
      const error = handleError(toApiError(reason));
      if (error) setActionError(error.message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Stack gap="lg" data-testid="audit-page">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>Audit log</Title>
          <Text fz="sm" c="dimmed">
            Who opened or changed which record, and when; sign-ins, locks and exports. Never the clinical
            content itself.
          </Text>
        </Stack>
        <Group gap="sm">
          {can("verify_audit") && (
            <Button
              variant="default"
              leftSection={<IconShieldSearch size={18} />}
              loading={busy === "verify"}
              onClick={() => void run("verify", securityApi.verifyAudit, setVerification)}
              data-testid="audit-verify"
            >
              Verify
            </Button>
          )}
          {can("export_audit_log") && (
            <Button
              leftSection={<IconDownload size={18} />}
              loading={busy === "export"}
              onClick={() => void run("export", () => securityApi.exportAudit(filter), setExported)}
              data-testid="audit-export"
            >
              Export CSV
            </Button>
          )}
        </Group>
      </Group>

      {actionError && <ErrorAlert>{actionError}</ErrorAlert>}
      {verification && <VerifyPanel result={verification} />}
      {exported && (
        <Alert
          color="teal"
          variant="light"
          icon={<IconFileCheck size={20} />}
          withCloseButton
          onClose={() => setExported(null)}
          data-testid="audit-export-result"
        >
          <Text fz="sm">
            Saved {exported.rows} rows to <b>{exported.path}</b>. The export itself is recorded in the log.
          </Text>
        </Alert>
      )}

      <AuditFilters filter={filter} users={users} onChange={setFilter} />

      {log.error && <ErrorAlert>{log.error}</ErrorAlert>}
      {!log.loaded && !log.error && (
        <Center py="xl">
          <Loader size="sm" aria-label="Loading the audit log" />
        </Center>
      )}
      {log.loaded && log.entries.length === 0 && (
        <Text c="dimmed" ta="center" py="xl" data-testid="audit-empty">
          No entries match these filters.
        </Text>
      )}
      {log.loaded && log.entries.length > 0 && <AuditTable entries={log.entries} />}
      {log.hasMore && (
        <Center>
          <Button variant="default" onClick={log.loadMore} data-testid="audit-more">
            Show older entries
          </Button>
        </Center>
      )}
    </Stack>
  );
}

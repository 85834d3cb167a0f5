import { Button, Group, Menu, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArchive, IconArchiveOff, IconChevronDown, IconGitMerge } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { toApiError } from "../../api";
import type { PatientProfile } from "../../bindings/PatientProfile";
import { displayName } from "../../lib/patientName";
import { useApiErrorHandler, useCan } from "../../lib/session";
import { useSetPatientArchived } from "../queries";
import { MergeDialog } from "./MergeDialog";
import { ErrorAlert } from "../../components/ErrorAlert";
import { PatientName } from "../../components/PatientName";

type Props = {
  profile: PatientProfile;
  /** After a merge: the record that was kept. */
  onMerged: (kept: PatientProfile) => void;
};

/** Archive, un-archive and merge, behind one menu in the profile header. */
export function PatientActions({ profile, onMerged }: Props) {
  const can = useCan();
  const handleError = useApiErrorHandler();
  const archive = useSetPatientArchived();
  const [dialog, setDialog] = useState<"archive" | "merge" | null>(null);
  const [busy, setBusy] = useState(false);
  const [archiveError, setArchiveError] = useState<string | null>(null);

  const archived = profile.archived_at !== null;
  const merged = profile.merged_into !== null;
  const canArchive = can("archive_patient") && !merged;
  const canMerge = can("merge_patients") && !merged;
  if (!canArchive && !canMerge) return null;

  async function setArchived(value: boolean) {
    setBusy(true);
    setArchiveError(null);
    try {
      const saved = await archive.mutateAsync({ id: profile.id, archived: value });
      setBusy(false);
      setDialog(null);
      notifications.show({
        color: "teal",
        title: value ? "Patient archived" : "Patient restored",
        message: (
          <>
            <PatientName>{displayName(saved.details)}</PatientName> (chart #{saved.chart_number})
          </>
        ),
      });
    } catch (reason) {
      setBusy(false);
      const error = handleError(toApiError(reason));
      if (!error) return;
      if (value) setArchiveError(error.message);
      else notifications.show({ color: "red", title: "Could not un-archive", message: error.message });
    }
  }

  function confirmArchive(event: FormEvent) {
    event.preventDefault();
    if (!busy) void setArchived(true);
  }

  return (
    <>
      <Menu position="bottom-end" shadow="md" width={220} transitionProps={{ duration: 80 }}>
        <Menu.Target>
          <Button
            variant="default"
            rightSection={<IconChevronDown size={16} />}
            data-testid="patient-actions"
          >
            Actions
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {canArchive &&
            (archived ? (
              <Menu.Item
                leftSection={<IconArchiveOff size={16} />}
                onClick={() => void setArchived(false)}
                data-testid="patient-unarchive"
              >
                Un-archive
              </Menu.Item>
            ) : (
              <Menu.Item
                leftSection={<IconArchive size={16} />}
                onClick={() => {
                  setArchiveError(null);
                  setDialog("archive");
                }}
                data-testid="patient-archive"
              >
                Archive…
              </Menu.Item>
            ))}
          {canMerge && (
            <Menu.Item
              leftSection={<IconGitMerge size={16} />}
              onClick={() => setDialog("merge")}
              data-testid="patient-merge"
            >
              Merge duplicate…
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>

      <Modal
        opened={dialog === "archive"}
        onClose={() => !busy && setDialog(null)}
        title="Archive this patient?"
        size="md"
      >
        <form onSubmit={confirmArchive}>
          <Stack gap="md">
            <Text fz="sm">
              <PatientName>{displayName(profile.details)}</PatientName> (chart #{profile.chart_number}) will
              no longer appear in searches unless “Show archived” is on. Nothing is deleted, and the record
              can be un-archived at any time.
            </Text>
            {archiveError && <ErrorAlert>{archiveError}</ErrorAlert>}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setDialog(null)} disabled={busy}>
                Cancel
              </Button>
              <Button type="submit" color="red" loading={busy} data-autofocus data-testid="archive-confirm">
                Archive patient
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>

      <MergeDialog
        opened={dialog === "merge"}
        profile={profile}
        onClose={() => setDialog(null)}
        onMerged={(kept) => {
          setDialog(null);
          onMerged(kept);
        }}
      />
    </>
  );
}

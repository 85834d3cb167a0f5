import {
  Button,
  Group,
  Loader,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toApiError } from "../api";
import { commands } from "../client/commands";
import type { DocumentSettings } from "../bindings/DocumentSettings";
import type { PaperSize } from "../bindings/PaperSize";
import { ErrorAlert } from "../components/ErrorAlert";
import { SectionCard } from "../components/SectionCard";
import { useApiErrorHandler } from "../lib/session";
import { queryKeys } from "../query/keys";
import { useQueryError } from "../query/useQueryError";

export const documentSettingsApi = {
  get: () => commands.documentSettings(),
  update: (settings: DocumentSettings) => commands.updateDocumentSettings({ settings }),
};

type TextField = "address" | "phone" | "email" | "tax_id" | "npi";

/** The letterhead and billing identifiers printed on every document, the paper size and currency. */
export function DocumentSettingsCard() {
  const handleError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const stored = useQuery({ queryKey: queryKeys.documentSettings(), queryFn: documentSettingsApi.get });
  const saveSettings = useMutation({
    mutationFn: documentSettingsApi.update,
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.documentSettings(), saved),
  });
  // The stored settings until the first edit; from then on what is typed.
  const [edited, setForm] = useState<DocumentSettings | null>(null);
  const form = edited ?? stored.data ?? null;
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saveError, setError] = useState<string | null>(null);
  const loadError = useQueryError(stored.error);
  const error = saveError ?? loadError?.message ?? null;
  const [busy, setBusy] = useState(false);

  if (!form) return error ? <ErrorAlert>{error}</ErrorAlert> : <Loader size="sm" aria-label="Loading" />;

  const text = (field: TextField) => ({
    value: form[field] ?? "",
    onChange: (e: { currentTarget: { value: string } }) =>
      setForm({ ...form, [field]: e.currentTarget.value || null }),
    error: fieldErrors[field],
    "data-testid": `document-settings-${field}`,
  });

  const save = async () => {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      setForm(await saveSettings.mutateAsync(form));
      notifications.show({ color: "teal", title: "Settings saved", message: "New documents use them." });
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e?.fields.length) setFieldErrors(Object.fromEntries(e.fields.map((f) => [f.field, f.message])));
      else if (e) setError(e.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <SectionCard title="Letterhead and paper" data-testid="document-settings">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <Stack gap="sm">
          {error && <ErrorAlert>{error}</ErrorAlert>}
          <Text fz="sm" c="dimmed">
            Printed at the top of treatment summaries, visit notes, superbills and day sheets. The clinic name
            comes from the clinic set-up.
          </Text>
          <Textarea label="Address" autosize minRows={2} maxRows={4} {...text("address")} />
          <SimpleGrid cols={2} spacing="sm">
            <TextInput label="Phone" {...text("phone")} />
            <TextInput label="Email" {...text("email")} />
            <TextInput
              label="Tax ID"
              description="EIN or the local equivalent, for superbills"
              {...text("tax_id")}
            />
            <TextInput label="Clinic NPI" description="Optional, for superbills" {...text("npi")} />
          </SimpleGrid>
          <Group align="flex-end" gap="lg">
            <Stack gap={4}>
              <Text fz="sm" fw={500}>
                Paper size
              </Text>
              <SegmentedControl
                value={form.paper_size}
                onChange={(v) => setForm({ ...form, paper_size: v as PaperSize })}
                data={[
                  { value: "a4", label: "A4" },
                  { value: "letter", label: "US Letter" },
                ]}
                data-testid="document-settings-paper"
              />
            </Stack>
            <TextInput
              label="Currency symbol"
              w={140}
              value={form.currency_symbol}
              onChange={(e) => setForm({ ...form, currency_symbol: e.currentTarget.value })}
              error={fieldErrors.currency_symbol}
              data-testid="document-settings-currency"
            />
            <Button type="submit" loading={busy} ml="auto" data-testid="document-settings-save">
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}

import { Button, Center, Group, Image, Loader, Paper, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPhoto, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { toApiError } from "../api";
import type { LogoInfo } from "../bindings/LogoInfo";
import { ErrorAlert } from "../components/ErrorAlert";
import { SectionCard } from "../components/SectionCard";
import { useApiErrorHandler } from "../lib/session";
import { useQueryError } from "../query/useQueryError";
import { useChooseLogo, useLogo, useRemoveLogo } from "./queries";

/** The logo printed on the left of every document's letterhead (admins). */
export function LogoCard() {
  const handleError = useApiErrorHandler();
  const stored = useLogo();
  // Undefined until the first answer: the card keeps its place with a loader meanwhile.
  const logo = stored.data;
  const loadError = useQueryError(stored.error);
  const chooseLogo = useChooseLogo();
  const removeLogo = useRemoveLogo();
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? loadError?.message ?? null;
  const [busy, setBusy] = useState(false);

  const run = async (
    work: () => Promise<LogoInfo | null>,
    done: (logo: LogoInfo | null) => string | null,
  ) => {
    setBusy(true);
    setError(null);
    try {
      const next = await work();
      const message = done(next);
      if (message) notifications.show({ color: "teal", message });
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e) setError(e.message);
    } finally {
      setBusy(false);
    }
  };

  const choose = () =>
    run(chooseLogo.mutateAsync, (next) => {
      if (!next) return null; // the dialog was cancelled
      return "Logo saved. New documents print it on the letterhead.";
    });
  const remove = () =>
    run(
      async () => {
        await removeLogo.mutateAsync();
        return null;
      },
      () => {
        return "Logo removed from the letterhead.";
      },
    );

  return (
    <SectionCard title="Logo" data-testid="logo-card">
      <Stack gap="sm">
        {error && <ErrorAlert data-testid="logo-error">{error}</ErrorAlert>}
        <Text fz="sm" c="dimmed">
          A PNG or JPEG, printed at the top left of every document beside the clinic name. Large images are
          scaled down; transparent areas print white.
        </Text>
        <Group align="center" gap="lg" wrap="nowrap">
          <Paper withBorder radius="sm" w={260} h={96} p="xs" bg="white">
            <Center h="100%">
              {logo === undefined ? (
                <Loader size="sm" aria-label="Loading the logo" />
              ) : logo ? (
                <Image
                  src={`data:image/png;base64,${logo.png_base64}`}
                  alt="The clinic's logo"
                  fit="contain"
                  mah={78}
                  maw={240}
                  data-testid="logo-image"
                />
              ) : (
                <Text fz="sm" c="dimmed">
                  No logo
                </Text>
              )}
            </Center>
          </Paper>
          <Stack gap="xs">
            <Button
              leftSection={<IconPhoto size={16} />}
              variant="default"
              onClick={() => void choose()}
              loading={busy}
              data-testid="logo-choose"
            >
              {logo ? "Replace logo…" : "Choose logo…"}
            </Button>
            {logo && (
              <Button
                leftSection={<IconTrash size={16} />}
                variant="subtle"
                color="red"
                onClick={() => void remove()}
                disabled={busy}
                data-testid="logo-remove"
              >
                Remove
              </Button>
            )}
            {logo && (
              <Text fz="xs" c="dimmed" data-testid="logo-size">
                {logo.width} × {logo.height} pixels
              </Text>
            )}
          </Stack>
        </Group>
      </Stack>
    </SectionCard>
  );
}

import {
  Button,
  Card,
  Center,
  Group,
  Modal,
  PasswordInput,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { toApiError } from "../api";
import type { LockReason } from "../bindings/LockReason";
import { BrandLogo } from "../components/BrandMark";
import { ErrorAlert } from "../components/ErrorAlert";
import { securityApi } from "./api";

type Props = {
  opened: boolean;
  reason: LockReason;
  idleSeconds: number;
  userName: string;
  clinicName: string;
  onUnlocked: () => void;
  onSignOut: () => void;
  onSessionLost: () => void;
};

function idleWords(seconds: number): string {
  if (seconds < 120) return `${seconds} seconds`;
  return `${Math.round(seconds / 60)} minutes`;
}

/**
 * Stops every key meant for the app underneath (its shortcuts could change the screen behind
 * the lock and lose what was typed); plain typing and Enter in the lock's own field still work.
 */
function useKeyGuard(opened: boolean, root: React.RefObject<HTMLElement | null>) {
  useEffect(() => {
    if (!opened) return;
    const guard = (event: KeyboardEvent) => {
      const inside = event.target instanceof Node && (root.current?.contains(event.target) ?? false);
      if (!inside) {
        event.preventDefault();
        event.stopImmediatePropagation();
      } else if (event.key === "Escape" || event.ctrlKey || event.altKey || event.metaKey) {
        event.stopImmediatePropagation();
      }
    };
    window.addEventListener("keydown", guard, { capture: true });
    return () => window.removeEventListener("keydown", guard, { capture: true });
  }, [opened, root]);
}

/**
 * Covers the whole window while the session is locked. The app stays mounted underneath, so
 * nothing typed in an open form is lost; the backend refuses every request until the password
 * is given again.
 */
export function LockScreen(props: Props) {
  const { opened, reason, idleSeconds, userName, clinicName, onUnlocked, onSignOut, onSessionLost } = props;
  const root = useRef<HTMLDivElement>(null);
  const [password, setPassword] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useKeyGuard(opened, root);

  useEffect(() => {
    if (opened) return;
    setPassword("");
    setFieldError(null);
    setFormError(null);
  }, [opened]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) {
      setFieldError("Enter your password.");
      return;
    }
    setBusy(true);
    setFieldError(null);
    setFormError(null);
    try {
      await securityApi.unlockSession(password);
      setPassword("");
      onUnlocked();
    } catch (reason) {
      const error = toApiError(reason);
      setPassword("");
      if (error.code === "not_authenticated") onSessionLost();
      else if (error.code === "invalid_input" || error.code === "too_many_attempts") {
        setFieldError(error.fields[0]?.message ?? error.message);
      } else setFormError(error.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      opened={opened}
      onClose={() => {}}
      fullScreen
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      zIndex={10000}
      transitionProps={{ duration: 0 }}
      overlayProps={{ backgroundOpacity: 1 }}
      aria-label="Screen locked"
      padding={0}
    >
      <Center
        mih="100vh"
        px="md"
        bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))"
        ref={root}
        data-testid="lock-screen"
      >
        <Stack w="100%" maw={400} gap="lg">
          <Center>
            <BrandLogo />
          </Center>
          <Card withBorder radius="md" padding="xl" shadow="xs">
            <form onSubmit={submit} noValidate>
              <Stack gap="md">
                <Group gap="sm" wrap="nowrap">
                  <ThemeIcon size={44} radius="xl" variant="light">
                    <IconLock size={24} />
                  </ThemeIcon>
                  <Stack gap={0}>
                    <Title order={2}>Locked</Title>
                    <Text c="dimmed" fz="sm">
                      {clinicName} · <b data-testid="lock-user">{userName}</b>
                    </Text>
                  </Stack>
                </Group>
                <Text fz="sm" c="dimmed" data-testid="lock-reason">
                  {reason === "idle"
                    ? `Locked after ${idleWords(idleSeconds)} without activity.`
                    : "Locked by hand."}{" "}
                  What you were typing is kept; enter your password to carry on.
                </Text>
                {formError && <ErrorAlert>{formError}</ErrorAlert>}
                <PasswordInput
                  label="Password"
                  autoComplete="current-password"
                  data-autofocus
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={fieldError}
                  data-testid="lock-password"
                />
                <Button type="submit" fullWidth loading={busy} data-testid="lock-submit">
                  Unlock
                </Button>
              </Stack>
            </form>
          </Card>
          <Center>
            <Button variant="subtle" color="gray" size="xs" onClick={onSignOut} data-testid="lock-sign-out">
              Sign out instead (unsaved changes are lost)
            </Button>
          </Center>
        </Stack>
      </Center>
    </Modal>
  );
}

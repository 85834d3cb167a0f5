import { Button, Divider, Group, Text } from "@mantine/core";
import { IconLogout } from "@tabler/icons-react";
import type { Session } from "../bindings/Session";
import { RoleBadges } from "../components/RoleBadges";
import { ThemeToggle } from "./ThemeToggle";

type Props = { session: Session; onSignOut: () => void };

export function AppHeader({ session, onSignOut }: Props) {
  const { user, clinic } = session;
  return (
    <Group h="100%" px="lg" justify="space-between" wrap="nowrap">
      <Text fw={600} data-testid="clinic-name">
        {clinic.name}
      </Text>
      <Group gap="md" wrap="nowrap">
        <Group gap={8} wrap="nowrap">
          <Text fz="sm" fw={500} data-testid="current-user">
            {user.display_name}
          </Text>
          <RoleBadges roles={user.roles} testId="current-user-role" />
        </Group>
        <Divider orientation="vertical" />
        <ThemeToggle />
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconLogout size={16} />}
          onClick={onSignOut}
          data-testid="logout"
        >
          Sign out
        </Button>
      </Group>
    </Group>
  );
}

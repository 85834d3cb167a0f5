import { Button, Divider, Group, Menu, Text, UnstyledButton } from "@mantine/core";
import { IconChevronDown, IconKey, IconLogout } from "@tabler/icons-react";
import { useState } from "react";
import type { Session } from "../bindings/Session";
import { RoleBadges } from "../components/RoleBadges";
import { ChangePasswordModal } from "../security/ChangePasswordModal";
import { SecurityControls } from "../security/SecurityControls";
import { ThemeToggle } from "./ThemeToggle";

type Props = { session: Session; onSignOut: () => void };

export function AppHeader({ session, onSignOut }: Props) {
  const { user, clinic } = session;
  const [changingPassword, setChangingPassword] = useState(false);
  return (
    <Group h="100%" px="lg" justify="space-between" wrap="nowrap">
      <Text fw={600} data-testid="clinic-name">
        {clinic.name}
      </Text>
      <Group gap="md" wrap="nowrap">
        <Menu position="bottom-end" withArrow>
          <Menu.Target>
            <UnstyledButton data-testid="user-menu" aria-label="Your account">
              <Group gap={8} wrap="nowrap">
                <Text fz="sm" fw={500} data-testid="current-user">
                  {user.display_name}
                </Text>
                <RoleBadges roles={user.roles} testId="current-user-role" />
                <IconChevronDown size={14} stroke={1.6} />
              </Group>
            </UnstyledButton>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              leftSection={<IconKey size={16} />}
              onClick={() => setChangingPassword(true)}
              data-testid="change-password"
            >
              Change password…
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <Divider orientation="vertical" />
        <SecurityControls />
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
      <ChangePasswordModal opened={changingPassword} onClose={() => setChangingPassword(false)} />
    </Group>
  );
}

import { ActionIcon, Menu } from "@mantine/core";
import { IconDots, IconKey, IconUserCheck, IconUserOff, IconUserShield } from "@tabler/icons-react";
import type { UserSummary } from "../bindings/UserSummary";
import { useCan, useSession } from "../lib/session";

export type StaffAction = "roles" | "reset" | "disable" | "enable";

type Props = { user: UserSummary; onAction: (action: StaffAction, user: UserSummary) => void };

/** What an admin can do to one account. Their own account cannot be disabled or reset here. */
export function StaffRowActions({ user, onAction }: Props) {
  const can = useCan();
  const self = useSession()?.user.user_id === user.id;
  const disabled = user.disabled_at !== null;
  return (
    <Menu position="bottom-end" withArrow>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={`Actions for ${user.display_name}`}
          data-testid="staff-actions"
        >
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {can("change_user_roles") && (
          <Menu.Item
            leftSection={<IconUserShield size={16} />}
            onClick={() => onAction("roles", user)}
            data-testid="staff-edit-roles"
          >
            Change roles…
          </Menu.Item>
        )}
        {can("reset_user_password") && !self && (
          <Menu.Item
            leftSection={<IconKey size={16} />}
            onClick={() => onAction("reset", user)}
            data-testid="staff-reset-password"
          >
            Reset password…
          </Menu.Item>
        )}
        {can("disable_user") && !self && !disabled && (
          <Menu.Item
            color="red"
            leftSection={<IconUserOff size={16} />}
            onClick={() => onAction("disable", user)}
            data-testid="staff-disable"
          >
            Disable account…
          </Menu.Item>
        )}
        {can("disable_user") && disabled && (
          <Menu.Item
            leftSection={<IconUserCheck size={16} />}
            onClick={() => onAction("enable", user)}
            data-testid="staff-enable"
          >
            Enable account
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

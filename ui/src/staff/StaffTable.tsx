import { Badge, Group, Table, Text, Tooltip } from "@mantine/core";
import type { UserSummary } from "../bindings/UserSummary";
import { RoleBadges } from "../components/RoleBadges";
import { StaffRowActions, type StaffAction } from "./StaffRowActions";

type Props = {
  users: UserSummary[];
  highlightId: number | null;
  onAction: (action: StaffAction, user: UserSummary) => void;
};

function Status({ user }: { user: UserSummary }) {
  if (user.disabled_at) {
    return (
      <Badge color="gray" variant="outline" data-testid="staff-status" data-status="disabled">
        Disabled
      </Badge>
    );
  }
  if (user.wait_until) {
    return (
      <Tooltip
        label={`Too many failed sign-ins; waits until ${new Date(user.wait_until).toLocaleTimeString()}`}
      >
        <Badge color="orange" variant="light" data-testid="staff-status" data-status="waiting">
          Waiting
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Badge color="teal" variant="dot" data-testid="staff-status" data-status="active">
      Active
    </Badge>
  );
}

export function StaffTable({ users, highlightId, onAction }: Props) {
  return (
    <Table stickyHeader stickyHeaderOffset="var(--app-shell-header-height, 0px)" aria-label="Staff">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th w={240}>User name</Table.Th>
          <Table.Th w={300}>Roles</Table.Th>
          <Table.Th w={120}>Status</Table.Th>
          <Table.Th w={60} aria-label="Actions" />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody data-testid="staff-table">
        {users.map((user) => (
          <Table.Tr
            key={user.id}
            data-testid="staff-row"
            data-user-id={user.id}
            bg={user.id === highlightId ? "var(--mantine-primary-color-light)" : undefined}
          >
            <Table.Td>
              <Text span fz="sm" fw={500} c={user.disabled_at ? "dimmed" : undefined}>
                {user.display_name}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text span fz="sm" c="dimmed">
                {user.username}
              </Text>
            </Table.Td>
            <Table.Td>
              <Group gap={6}>
                <RoleBadges roles={user.roles} testId="staff-role" />
              </Group>
            </Table.Td>
            <Table.Td>
              <Status user={user} />
            </Table.Td>
            <Table.Td>
              <StaffRowActions user={user} onAction={onAction} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
